using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using CommsHub.Alerts;
using CommsHub.Hub;
using CommsHub.Ota.Server;
using CommsHub.Storage;
using CommsHub.Storage.Metadata;
using CommsHub.Tests.HostTests.Ota;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>The real hub firmware on an emulated W25Q, a virtual clock, and a reboot button.</summary>
    public sealed class StoreRig
    {
        public static readonly DateTime Start = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);

        private readonly int _imageCapacity;

        public StoreRig(int capacityCode = 0x16, int imageCapacity = FlashLayout.ImageBlockCapacity, bool setClock = true)
            : this(new NorFlashEmulator(capacityCode), new VirtualClock(Start), imageCapacity, setClock)
        {
        }

        private StoreRig(NorFlashEmulator chip, VirtualClock clock, int imageCapacity, bool setClock)
        {
            _imageCapacity = imageCapacity;
            Chip = chip;
            Clock = clock;
            Boot();
            if (setClock)
            {
                Store.OnClockSet();
            }
        }

        /// <summary>A rig on an existing chip, as after a reboot: the clock kept running (it is outside the power cut).</summary>
        public static StoreRig On(NorFlashEmulator chip, int imageCapacity, bool setClock) => new StoreRig(chip, SharedClock(chip), imageCapacity, setClock);

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NorFlashEmulator, VirtualClock> Clocks = new();

        private static VirtualClock SharedClock(NorFlashEmulator chip) => Clocks.GetValue(chip, _ => new VirtualClock(Start));

        public NorFlashEmulator Chip { get; }

        public VirtualClock Clock { get; }

        public HubFirmware Hub { get; private set; }

        public string[] BootReport { get; private set; }

        public ImageStore Store => Hub.Store;

        public OutcomeQueue Queue => Hub.Outcomes;

        public void Boot()
        {
            Hub = new HubFirmware(new HubHardware("test rig", Chip, Clock, null), _imageCapacity);
            BootReport = Hub.Boot();
        }

        public void Reboot()
        {
            Chip.PowerOn();
            Boot();
        }

        public IngestResult Deliver(OtaDeviceKind kind, byte[] file, params ulong[] targets)
        {
            uint version = BitConverter.ToUInt32(file, 14);
            var begin = Store.BeginIngest(kind, version, targets, file.Length, SHA256.HashData(file));
            if (begin.Status != IngestStatus.Accepted)
            {
                return begin;
            }

            for (int at = begin.NextOffset; at < file.Length; at += 1000)
            {
                // As the WAN service does: a chunk waits for main-loop turns until its sectors are erased ahead of it.
                for (int turns = 0; !Store.ReadyToWrite(at, Math.Min(1000, file.Length - at)) && turns < 100_000; turns++)
                {
                    Hub.Poll();
                }

                var chunk = Store.WriteChunk(at, file, at, Math.Min(1000, file.Length - at));
                if (chunk.Status != IngestStatus.Accepted)
                {
                    return chunk;
                }
            }

            for (int turns = 0; !Store.ReadyToEnd && turns < 100_000; turns++)
            {
                Hub.Poll();
            }

            return Store.EndIngest();
        }

        public List<TargetOutcome> Alerts => Enumerable.Range(0, Queue.Count).Select(Queue.Outcome).ToList();

        public string AlertsText => string.Join("; ", Alerts.Select(a => $"{a.Device:X} {a.AlertCode:X4}/{a.ResponseCode} v{a.FileVersion:X8}"));

        public StoredImage Block(int block) => Store.State.Blocks[block];

        public static byte[] Image(uint version, int size = 5000, ushort manufacturer = 0x1234, (ushort, ushort)? hardware = null) =>
            new OtaFileBuilder { FileVersion = version, ManufacturerCode = manufacturer, HardwareVersions = hardware }.UpgradeImage(size - 62 - (hardware.HasValue ? 4 : 0)).Build();

        /// <summary>Main-loop turns until the hub's long work (slot erases, hashing, signing) is done.</summary>
        public int Settle(int maximumTurns = 1_000_000)
        {
            int turns = 0;
            while (Hub.Work.Count > 0 && turns < maximumTurns)
            {
                Hub.Poll();
                turns++;
            }

            return turns;
        }

        /// <summary>After the main loop has finished its work: a freed slot is erased in main-loop steps.</summary>
        public bool SlotIsBlank(int slot)
        {
            Settle();
            int start = Hub.Layout.SlotStart(slot);
            for (int a = start; a < start + Hub.Layout.SlotLength; a++)
            {
                if (Chip.PeekByte(a) != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A held image reads back with the SHA-256 recorded for it.</summary>
        public bool HeldImageIsIntact(int block)
        {
            var image = Block(block);
            byte[] bytes = new byte[image.Size];
            int start = Hub.Layout.SlotStart(image.Slot);
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = Chip.PeekByte(start + i);
            }

            return SHA256.HashData(bytes).AsSpan().SequenceEqual(image.Sha256);
        }
    }
}
