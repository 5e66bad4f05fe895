namespace CommsHub.Aps
{
    /// <summary>
    /// An APS data frame for an endpoint, unsecured: payload at <paramref name="buffer"/>[<paramref name="offset"/>,
    /// +<paramref name="length"/>), from NWK short address <paramref name="source"/>. The buffer is reused after the call.
    /// </summary>
    public delegate void ApsDataIndicationHandler(ApsHeader header, ushort source, byte[] buffer, int offset, int length);
}
