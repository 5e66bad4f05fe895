using CommsHub.Storage.Metadata;

namespace CommsHub.Storage
{
    /// <summary>What the rest of the hub hears from the image store.</summary>
    public interface IImageStoreListener
    {
        /// <summary>A new image is servable; the hub tells its targets (Image Notify).</summary>
        void ImageStored(StoredImage image);
    }
}
