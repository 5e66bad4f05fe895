using CommsHub.Nwk;
using CommsHub.Storage.Network;
using CommsHub.TrustCenter;

namespace CommsHub.Hub
{
    /// <summary>The trust centre saves a rotated network key in the network store the NWK layer resumes from at boot.</summary>
    public sealed class StoredNetworkKey : INetworkKeyStore
    {
        private readonly NetworkStore _store;

        public StoredNetworkKey(NetworkStore store)
        {
            _store = store;
        }

        public void Save(NetworkParameters network)
        {
            _store.Save(network);
        }
    }
}
