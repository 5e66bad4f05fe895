namespace CommsHub.Nwk
{
    /// <summary>
    /// A NWK data frame for the APS layer, already unsecured in place: its payload is
    /// <paramref name="buffer"/>[<paramref name="offset"/>, +<paramref name="length"/>). The buffer is reused after the call.
    /// </summary>
    public delegate void NwkDataIndicationHandler(NwkHeader header, byte[] buffer, int offset, int length);

    /// <summary>A NWK command frame (its payload starts with the command id), unsecured in place.</summary>
    public delegate void NwkCommandIndicationHandler(NwkHeader header, byte[] buffer, int offset, int length);

    /// <summary>A device told the hub it is leaving the network (and whether it means to rejoin); it is already forgotten.</summary>
    public delegate void NwkLeaveHandler(ulong device, ushort shortAddress, bool rejoin);

    /// <summary>
    /// A device rejoined through the hub and has been answered. <paramref name="secured"/> false is a trust centre
    /// rejoin: the device needs the network key again.
    /// </summary>
    public delegate void NwkRejoinHandler(ulong device, ushort shortAddress, bool secured);

    /// <summary>Asked before a device is let back in by a Rejoin Request: false refuses it (the trust centre decides).</summary>
    public delegate bool NwkRejoinAdmission(ulong device);
}
