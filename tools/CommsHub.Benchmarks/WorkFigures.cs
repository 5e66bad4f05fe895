using System.Security.Cryptography;
using CommsHub.Crypto;
using CommsHub.Hub;
using CommsHub.Ota.Server;
using CommsHub.Platform;
using CommsHub.Storage;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.Wan.Link;
using CommsHub.Work;

namespace CommsHub.Benchmarks;

/// <summary>
/// Operation counts of the hub's long work and WAN framing, as the device code's own meter counts them, converted to
/// ESP32 time with the figures in <see cref="WorkBudget"/> (3.0 million IL operations per second). Estimates, not
/// measurements on a board.
/// </summary>
public static class WorkFigures
{
    private const double UnitsPerMillisecond = 3000.0;

    public static void Print(TextWriter o)
    {
        o.WriteLine($"Turn budget: {WorkBudget.TurnUnits:N0} units (IL operations) = {WorkBudget.TurnUnits / UnitsPerMillisecond:F1} ms at 3.0 M IL/s");
        o.WriteLine();
        Frame(o);
        Signature(o);
        ImageAndSlot(o);
    }

    private static void Frame(TextWriter o)
    {
        var pipe = new SerialPipe();
        var clock = new VirtualClock(DateTime.UnixEpoch);
        var meter = new WorkMeter();
        var hub = new WanLink(pipe.A, clock, 1, new LinkSettings()) { Meter = meter };
        var peer = new WanLink(pipe.B, clock, 2, new LinkSettings());
        var payload = new byte[LinkFrame.MaximumPayload];
        new Random(1).NextBytes(payload);
        peer.Send(payload, 0, payload.Length);
        int turns = 0, largest = 0;
        while (pipe.A.BytesToRead > 0)
        {
            meter.StartTurn();
            hub.Poll();
            turns++;
            largest = Math.Max(largest, meter.Units);
        }

        int frameBytes = LinkFrame.Overhead + LinkFrame.MaximumPayload;
        o.WriteLine($"WAN: one {frameBytes}-byte data frame received (COBS decode, slicing-by-4 CRC-32, ack sent): {turns} turn(s), largest {largest:N0} units = {largest / UnitsPerMillisecond:F1} ms");
        o.WriteLine($"     sending one: COBS encode + CRC {frameBytes * (WorkBudget.LinkCobsEncodeByteUnits + WorkBudget.CrcByteUnits):N0} units = {frameBytes * (WorkBudget.LinkCobsEncodeByteUnits + WorkBudget.CrcByteUnits) / UnitsPerMillisecond:F1} ms"
            + $" (one-table CRC: {frameBytes * 54:N0} units = {frameBytes * 54 / UnitsPerMillisecond:F1} ms, the measured 56,000 IL)");
        o.WriteLine();
    }

    private static void Signature(TextWriter o)
    {
        var meter = new WorkMeter();
        var curve = new P256 { Meter = meter };
        byte[] key = Convert.FromHexString("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
        Report(o, "public key", new PublicKeyJob(curve, key), meter);
        Report(o, "alert signature (142-byte CCS08)", new EcdsaSigningJob(curve, key, new byte[141], 0, 141), meter);
        o.WriteLine();
    }

    private static void Report(TextWriter o, string what, IWorkItem job, WorkMeter meter)
    {
        int steps = 0, largest = 0;
        long units = 0, multiplications = 0, blocks = 0;
        bool done = false;
        while (!done)
        {
            meter.StartTurn();
            done = job.Step();
            steps++;
            largest = Math.Max(largest, meter.Units);
            units += meter.Units;
            multiplications += meter.FieldMultiplications;
            blocks += meter.Sha256Blocks;
        }

        o.WriteLine($"{what}: {steps} steps, {multiplications:N0} field multiplications, {blocks} SHA-256 blocks, {units:N0} units = {units / UnitsPerMillisecond / 1000:F1} s of CPU; largest step {largest:N0} units = {largest / UnitsPerMillisecond:F1} ms");
    }

    private static void ImageAndSlot(TextWriter o)
    {
        var chip = new NorFlashEmulator(0x16) { EraseBusyPolls = 2 };
        var clock = new VirtualClock(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc));
        var hub = new HubFirmware(new HubHardware("figures", chip, clock, null));
        hub.Boot();
        hub.Store.OnClockSet();
        Drain(hub);
        const ulong target = 0x00DB1234567890A4;
        byte[] image = SyntheticOtaImage.Build(768000 - 66);
        BitConverter.GetBytes(1u).CopyTo(image, 14);
        hub.Store.BeginIngest(OtaDeviceKind.Ppmid, 1, new[] { target }, image.Length, SHA256.HashData(image));
        var ingest = Drain(hub);
        o.WriteLine($"Receiving slot made blank ahead of the writes: {ingest.Turns:N0} turns, {ingest.Erases} erases started, {ingest.BlankBytes:N0} bytes blank-checked, largest turn {ingest.Largest:N0} units");
        for (int at = 0; at < image.Length; at += 1017)
        {
            hub.Store.WriteChunk(at, image, at, Math.Min(1017, image.Length - at));
        }

        var hash = Drain(hub);
        o.WriteLine($"SHA-256 of the 768,000-byte image from flash: {hash.Turns:N0} turns, {hash.Blocks:N0} blocks, {hash.Units / UnitsPerMillisecond / 1000:F0} s of CPU at 3.0 M IL/s ({hash.Units / 1000.0 / 1000:F0} s at the slowest 1 M IL/s); largest turn {hash.Largest:N0} units");
        var end = hub.Store.EndIngest();
        if (end.Status != IngestStatus.Stored)
        {
            throw new InvalidOperationException(end.ToString());
        }

        hub.Store.OnBlockServed(target);
        hub.Store.OnUpgradeEnd(target, 0, true);
        var free = Drain(hub);
        o.WriteLine($"Freeing the slot (188 sectors): {free.Turns:N0} turns, {free.Erases} erases started and polled, {free.BlankBytes:N0} bytes blank-checked, {free.Units / UnitsPerMillisecond / 1000:F1} s of CPU"
            + $" plus {free.Erases * 45 / 1000.0:F1} s of chip erase time (45 ms typical each) during which the loop runs on; largest turn {free.Largest:N0} units");
    }

    private static (int Turns, long Units, int Largest, int Erases, long Blocks, long BlankBytes) Drain(HubFirmware hub)
    {
        int turns = 0, largest = 0, erases = 0;
        long units = 0, blocks = 0, blank = 0;
        while (hub.Work.Count > 0)
        {
            hub.Poll();
            turns++;
            largest = Math.Max(largest, hub.Meter.Units);
            units += hub.Meter.Units;
            erases += hub.Meter.SectorErasesStarted;
            blocks += hub.Meter.Sha256Blocks;
            blank += hub.Meter.BlankCheckBytes;
        }

        return (turns, units, largest, erases, blocks, blank);
    }
}
