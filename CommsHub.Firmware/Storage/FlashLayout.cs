using System;
using CommsHub.Platform;

namespace CommsHub.Storage
{
    /// <summary>
    /// Where each kind of data lives on the external flash. Regions are whole sectors so erasing one
    /// never touches another.
    /// </summary>
    public sealed class FlashLayout
    {
        /// <summary>[decision] 750 KB means 750 × 1024 = 768,000 bytes per image block.</summary>
        public const int ImageBlockCapacity = 768000;

        /// <summary>Sectors kept for the append-only metadata log; enough to spread wear over many cycles.</summary>
        public const int MetadataSectors = 16;

        /// <summary>Sectors kept for alerts waiting for the head-end's acknowledgement.</summary>
        public const int AlertQueueSectors = 16;

        private FlashLayout(int sectorSize)
        {
            SectorSize = sectorSize;
            int blockSectors = (ImageBlockCapacity + sectorSize - 1) / sectorSize;

            // Sector 0 is left alone: bench tools and bootloaders like to put things there.
            MetadataStart = sectorSize;
            MetadataLength = MetadataSectors * sectorSize;
            AlertQueueStart = MetadataStart + MetadataLength;
            AlertQueueLength = AlertQueueSectors * sectorSize;
            EsmeBlockStart = AlertQueueStart + AlertQueueLength;
            ImageBlockLength = blockSectors * sectorSize;
            GsmeBlockStart = EsmeBlockStart + ImageBlockLength;
            RequiredBytes = GsmeBlockStart + ImageBlockLength;
        }

        public int SectorSize { get; private set; }

        public int MetadataStart { get; private set; }

        public int MetadataLength { get; private set; }

        public int AlertQueueStart { get; private set; }

        public int AlertQueueLength { get; private set; }

        public int EsmeBlockStart { get; private set; }

        /// <summary>GSME block, shared with PPMID and HCALCS images.</summary>
        public int GsmeBlockStart { get; private set; }

        public int ImageBlockLength { get; private set; }

        public int RequiredBytes { get; private set; }

        public static FlashLayout For(INorFlash flash)
        {
            FlashLayout layout = new FlashLayout(flash.SectorSize);
            if (flash.CapacityBytes < layout.RequiredBytes)
            {
                throw new ArgumentException("Flash of " + flash.CapacityBytes.ToString() + " bytes is too small: the image store needs "
                    + layout.RequiredBytes.ToString() + " bytes (two 768,000-byte blocks plus metadata and alert queue)");
            }

            return layout;
        }
    }
}
