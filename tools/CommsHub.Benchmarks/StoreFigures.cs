using System.Diagnostics;
using System.Security.Cryptography;
using CommsHub.Hub;
using CommsHub.Ota.Server;
using CommsHub.Storage;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.Benchmarks;

/// <summary>
/// Flash wear of whole image cycles on the emulated W25Q32: a 768,000-byte image arrives over the WAN, is served
/// to its target, the target reports success, and the image leaves flash. Counts come from the chip emulator.
/// </summary>
public static class StoreFigures
{
    public static void Print(TextWriter o, int cycles)
    {
        var chip = new NorFlashEmulator(0x16);
        var clock = new VirtualClock(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc));
        var hub = new HubFirmware(new HubHardware("figures", chip, clock, null));
        hub.Boot();
        hub.Store.OnClockSet();
        const ulong target = 0x00DB1234567890A4;
        int minimumErases = (FlashLayoutImage + 4095) / 4096;
        int minimumPrograms = (FlashLayoutImage + 255) / 256;

        o.WriteLine($"Image cycle: {FlashLayoutImage:N0}-byte PPMID image arrives, is served, the PPMID reports success, the image leaves flash.");
        o.WriteLine($"Minimum per cycle: {minimumErases} sector erases and {minimumPrograms} page programs of image data.");
        o.WriteLine();
        o.WriteLine("cycle | sector erases (image slot) | page programs (image data) | metadata records | metadata pages | metadata erases | alert records");
        long totalMetadataErases = 0;
        for (int cycle = 1; cycle <= cycles; cycle++)
        {
            byte[] image = SyntheticOtaImage.Build(FlashLayoutImage - 66);
            BitConverter.GetBytes((uint)cycle).CopyTo(image, 14);
            long erases = chip.SectorErases, programs = chip.PagePrograms;
            int metaErases = hub.Store.Log.Erases, metaRecords = hub.Store.Log.RecordsWritten, metaPages = hub.Store.Log.PagesProgrammed;
            int queued = hub.Outcomes.Count;

            var begin = hub.Store.BeginIngest(OtaDeviceKind.Ppmid, (uint)cycle, new[] { target }, image.Length, SHA256.HashData(image));
            for (int at = 0; at < image.Length; at += 4096)
            {
                hub.Store.WriteChunk(at, image, at, Math.Min(4096, image.Length - at));
            }

            var end = hub.Store.EndIngest();
            if (end.Status != IngestStatus.Stored)
            {
                throw new InvalidOperationException(begin + " / " + end);
            }

            hub.Store.OnBlockServed(target);
            hub.Store.OnUpgradeEnd(target, 0, true);

            long metadataErases = hub.Store.Log.Erases - metaErases;
            totalMetadataErases += metadataErases;
            long metadataRecords = hub.Store.Log.RecordsWritten - metaRecords;
            long dataPrograms = chip.PagePrograms - programs - (hub.Store.Log.PagesProgrammed - metaPages) - (hub.Outcomes.Count - queued);
            if (cycle <= 3 || cycle % 10 == 0)
            {
                o.WriteLine($"{cycle,5} | {chip.SectorErases - erases - metadataErases,26} | {dataPrograms,26} | {metadataRecords,16} | {hub.Store.Log.PagesProgrammed - metaPages,14} | {metadataErases,15} | {hub.Outcomes.Count - queued,13}");
            }
        }

        o.WriteLine();
        o.WriteLine($"Metadata erases per cycle over {cycles} cycles: {(double)totalMetadataErases / cycles:F2} (16-sector ring)");

        long before = chip.TransactionsSincePowerOn;
        var watch = Stopwatch.StartNew();
        const int mounts = 50;
        for (int i = 0; i < mounts; i++)
        {
            new HubFirmware(new HubHardware("figures", chip, clock, null)).Boot();
        }

        o.WriteLine($"Mount (boot: identify, mount alert queue and image store) on the emulator: {watch.Elapsed.TotalMilliseconds / mounts:F2} ms of PC time, {(chip.TransactionsSincePowerOn - before) / mounts} SPI transactions each");
    }

    private const int FlashLayoutImage = 768000;
}
