using System;

namespace CommsHub.Storage
{
    /// <summary>
    /// Where each kind of data lives on the external flash. Regions are whole sectors so erasing one never
    /// touches another. There are three image slots: the ESME block and the GSME block each hold at most one
    /// image in some slot, and the third slot receives an incoming image, so a transfer that fails or is
    /// refused never disturbs the image already held. The GB rules (two blocks, section 3 priorities) apply
    /// to held images; the receiving slot is never served.
    /// </summary>
    public sealed class FlashLayout
    {
        /// <summary>[decision] 750 KB means 750 × 1024 = 768,000 bytes per image block.</summary>
        public const int ImageBlockCapacity = 768000;

        public const int SlotCount = 3;

        /// <summary>Sectors for the append-only metadata log; spreads the erases of many image cycles.</summary>
        public const int MetadataSectors = 16;

        /// <summary>Sectors for alerts waiting for the head-end.</summary>
        public const int AlertQueueSectors = 16;

        /// <summary>Two sectors for network parameters, two for the frame counter, two for the device table (NetworkStore.Sectors).</summary>
        public const int NetworkSectors = 6;

        /// <summary>Two sectors for the CHF Device Log and the Historic Device Log (DeviceLogStore.Sectors).</summary>
        public const int DeviceLogSectors = 2;

        /// <summary>Two sectors for the hub's CBKE credentials per suite (CbkeCredentialStore.Sectors).</summary>
        public const int CbkeCredentialSectors = 2;

        private FlashLayout(int sectorSize, int imageCapacity)
        {
            SectorSize = sectorSize;
            ImageCapacity = imageCapacity;
            int slotSectors = (imageCapacity + sectorSize - 1) / sectorSize;

            // Sector 0 is left alone: bench tools and bootloaders like to put things there.
            MetadataStart = sectorSize;
            MetadataLength = MetadataSectors * sectorSize;
            AlertQueueStart = MetadataStart + MetadataLength;
            AlertQueueLength = AlertQueueSectors * sectorSize;
            SlotLength = slotSectors * sectorSize;
            FirstSlotStart = AlertQueueStart + AlertQueueLength;

            // After the slots, so adding it moved nothing that older hubs already wrote.
            FaultLogStart = FirstSlotStart + (SlotCount * SlotLength);
            NetworkStart = FaultLogStart + sectorSize;
            DeviceLogStart = NetworkStart + (NetworkSectors * sectorSize);
            CbkeCredentialStart = DeviceLogStart + (DeviceLogSectors * sectorSize);
            RequiredBytes = CbkeCredentialStart + (CbkeCredentialSectors * sectorSize);
        }

        public int SectorSize { get; private set; }

        /// <summary>Largest OTA Upgrade Image a slot takes.</summary>
        public int ImageCapacity { get; private set; }

        public int MetadataStart { get; private set; }

        public int MetadataLength { get; private set; }

        public int AlertQueueStart { get; private set; }

        public int AlertQueueLength { get; private set; }

        public int FirstSlotStart { get; private set; }

        public int SlotLength { get; private set; }

        /// <summary>One sector of main-loop fault records (<c>FaultLog</c>).</summary>
        public int FaultLogStart { get; private set; }

        /// <summary>The network store's sectors: parameters and network key, and the outgoing NWK frame counter.</summary>
        public int NetworkStart { get; private set; }

        /// <summary>The Device Log's sectors, after the network store's.</summary>
        public int DeviceLogStart { get; private set; }

        /// <summary>The CBKE credentials' sectors, after the Device Log's.</summary>
        public int CbkeCredentialStart { get; private set; }

        public int RequiredBytes { get; private set; }

        public int SlotStart(int slot)
        {
            if (slot < 0 || slot >= SlotCount)
            {
                throw new ArgumentOutOfRangeException("slot", "There are " + SlotCount.ToString() + " image slots");
            }

            return FirstSlotStart + (slot * SlotLength);
        }

        public static FlashLayout For(CommsHub.Platform.INorFlash flash)
        {
            return For(flash, ImageBlockCapacity);
        }

        /// <summary>A layout for another image capacity: the real one is 768,000; tests use small ones to run fast.</summary>
        public static FlashLayout For(CommsHub.Platform.INorFlash flash, int imageCapacity)
        {
            FlashLayout layout = new FlashLayout(flash.SectorSize, imageCapacity);
            if (flash.CapacityBytes < layout.RequiredBytes)
            {
                throw new ArgumentException("Flash of " + flash.CapacityBytes.ToString() + " bytes is too small: the image store needs "
                    + layout.RequiredBytes.ToString() + " bytes (three " + layout.SlotLength.ToString()
                    + "-byte image slots plus metadata and alert queue); fit a W25Q32 or larger");
            }

            return layout;
        }
    }
}
