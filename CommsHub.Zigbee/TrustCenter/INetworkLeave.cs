namespace CommsHub.TrustCenter
{
    /// <summary>How the trust centre tells a device to leave the network (a NWK Leave command, through routes if need be).</summary>
    public interface INetworkLeave
    {
        /// <summary>Asks <paramref name="device"/> to leave, to rejoin if <paramref name="rejoin"/>; false when it could not be sent.</summary>
        bool RequestLeave(ulong device, bool rejoin);
    }
}
