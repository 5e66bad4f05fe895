using CommsHub.Nwk;

namespace CommsHub.TrustCenter
{
    /// <summary>Where a rotated network key is kept before the network switches to it (the hub's network store in flash).</summary>
    public interface INetworkKeyStore
    {
        void Save(NetworkParameters network);
    }
}
