using System;
using CommsHub.Ota.Files;

namespace CommsHub.Ota.Server
{
    /// <summary>An image the hub lets one device download, and what kind of device it is meant for.</summary>
    public sealed class OtaOffer
    {
        public OtaOffer(OtaFile file, OtaDeviceKind kind)
        {
            if (file == null || !file.IsServable)
            {
                throw new ArgumentException("Only a servable OTA file can be offered");
            }

            File = file;
            Kind = kind;
            Id = file.Header.Id;
            ImageSize = file.Header.TotalImageSize;
        }

        public OtaFile File { get; private set; }

        public OtaDeviceKind Kind { get; private set; }

        public OtaImageId Id { get; private set; }

        public uint ImageSize { get; private set; }
    }
}
