namespace CommsHub.Endpoints
{
    /// <summary>
    /// Seam to ask a device to leave the network (the trust centre's INetworkLeave over NwkLayer.SendLeave, wired by
    /// the hub). True when the request went out.
    /// </summary>
    public interface IDeviceRemoval
    {
        bool RequestLeave(ulong device, bool rejoin);
    }
}
