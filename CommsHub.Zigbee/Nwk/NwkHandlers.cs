namespace CommsHub.Nwk
{
    /// <summary>
    /// A NWK data frame for the APS layer, already unsecured in place: its payload is
    /// <paramref name="buffer"/>[<paramref name="offset"/>, +<paramref name="length"/>). The buffer is reused after the call.
    /// </summary>
    public delegate void NwkDataIndicationHandler(NwkHeader header, byte[] buffer, int offset, int length);

    /// <summary>A NWK command frame (its payload starts with the command id), unsecured in place.</summary>
    public delegate void NwkCommandIndicationHandler(NwkHeader header, byte[] buffer, int offset, int length);
}
