namespace CommsHub.Mac.Coordinator
{
    /// <summary>A data frame for the layer above (the frame's buffer is reused after the call).</summary>
    public delegate void MacDataIndicationHandler(MacFrame frame, byte linkQuality);

    /// <summary>How a frame handed to <see cref="CoordinatorMac.SendData"/> ended.</summary>
    public delegate void MacDataConfirmHandler(int handle, int status);

    /// <summary>A device joined (association acknowledged) or left.</summary>
    public delegate void MacChildHandler(ulong extendedAddress, ushort shortAddress);

    /// <summary>Asked before a new device is associated: false refuses it (PAN access denied).</summary>
    public delegate bool MacAdmitHandler(ulong extendedAddress);
}
