namespace CommsHub.Aps
{
    /// <summary>
    /// An APS data frame for an endpoint, unsecured: payload at <paramref name="buffer"/>[<paramref name="offset"/>,
    /// +<paramref name="length"/>), from NWK short address <paramref name="source"/>. The buffer is reused after the call.
    /// </summary>
    public delegate void ApsDataIndicationHandler(ApsHeader header, ushort source, byte[] buffer, int offset, int length);
}

namespace CommsHub.Aps
{
    /// <summary>
    /// The outcome of an acked send: <paramref name="counter"/> is the APS counter the send used (ApsLayer.LastCounter
    /// right after SendData), <paramref name="status"/> an <see cref="ApsStatus"/> value.
    /// </summary>
    public delegate void ApsDataConfirmHandler(ushort destination, byte counter, int status);
}
