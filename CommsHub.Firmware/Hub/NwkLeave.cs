using CommsHub.Nwk;
using CommsHub.TrustCenter;

namespace CommsHub.Hub
{
    /// <summary>
    /// The trust centre's way of telling a device to leave: a NWK Leave to the device's short address, whether it is
    /// the hub's child or known beyond a router (the NWK layer then source-routes it).
    /// </summary>
    public sealed class NwkLeave : INetworkLeave
    {
        private readonly NwkLayer _nwk;

        public NwkLeave(NwkLayer nwk)
        {
            _nwk = nwk;
        }

        public bool RequestLeave(ulong device, bool rejoin)
        {
            int index = _nwk.Neighbours.IndexOf(device);
            ushort shortAddress;
            if (index >= 0)
            {
                shortAddress = _nwk.Neighbours.ShortAt(index);
            }
            else
            {
                index = _nwk.KnownDevices.IndexOf(device);
                if (index < 0)
                {
                    return false;
                }

                shortAddress = _nwk.KnownDevices.ShortAt(index);
            }

            return _nwk.SendLeave(shortAddress, device, rejoin) > 0;
        }
    }
}
