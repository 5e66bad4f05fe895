using CommsHub.Ota.Server;
using CommsHub.Storage;
using CommsHub.Storage.Metadata;

namespace CommsHub.Hub
{
    /// <summary>
    /// Connects the OTA server to the image store: the store decides which image a device may have and turns
    /// the server's events into target outcomes; a newly stored image is announced to its targets.
    /// </summary>
    public sealed class HubOtaPolicy : IOtaImagePolicy, IImageStoreListener
    {
        private readonly ImageStore _store;

        public HubOtaPolicy(ImageStore store)
        {
            _store = store;
        }

        /// <summary>Set once the server exists (it needs this policy to be built first).</summary>
        public OtaServer Server { get; set; }

        public OtaOffer OfferFor(ulong device)
        {
            return _store.OfferFor(device);
        }

        public void QueryNextImage(ulong device, uint currentFileVersion, bool hasHardwareVersion, ushort hardwareVersion, byte answer)
        {
        }

        public void HardwareMismatch(ulong device, OtaOffer offer, ushort hardwareVersion)
        {
            _store.OnHardwareMismatch(device);
        }

        public void BlockServed(ulong device, OtaOffer offer, uint offset, int size, bool firstOfDownload)
        {
            _store.OnBlockServed(device);
        }

        public bool UpgradeEnded(ulong device, OtaOffer offer, byte status, bool downloadSeen)
        {
            return _store.OnUpgradeEnd(device, status, downloadSeen);
        }

        public void ImageStored(StoredImage image)
        {
            OtaServer server = Server;
            OtaOffer offer = null;
            for (int i = 0; server != null && i < image.Targets.Length; i++)
            {
                offer = offer != null ? offer : _store.OfferFor(image.Targets[i].Device);
                if (offer != null)
                {
                    server.NotifyImageAvailable(image.Targets[i].Device, offer);
                }
            }
        }
    }
}
