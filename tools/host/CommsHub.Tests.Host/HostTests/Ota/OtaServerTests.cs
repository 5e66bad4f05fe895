using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Ota.Server;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Ota
{
    /// <summary>
    /// The OTA server driven by emulated clients, good and bad. Every test ends by handing all the frames the
    /// server sent to the independent decoders (zigbee-herdsman's ZCL codec and tshark).
    /// </summary>
    [TestClass]
    public class OtaServerTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4;
        private const ulong Esme = 0x00DB1234567890B1;
        private const ulong Stranger = 0x00DB1234567890FF;
        private const ushort Mfr = 0x1234;
        private const ushort Type = 0x0001;
        private const uint Version = 0x0123ABCD;

        [TestMethod]
        public void ATargetIsOfferedItsImageAndOthersAreNot()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out byte[] file);

            var offered = new ServerFrame(bench.Request(Ppmid, ClientFrames.QueryNextImage(7, Mfr, Type, 0x01000000)).Bytes);
            var stranger = new ServerFrame(bench.Request(Stranger, ClientFrames.QueryNextImage(8, Mfr, Type, 0x01000000)).Bytes);
            var otherType = new ServerFrame(bench.Request(Ppmid, ClientFrames.QueryNextImage(9, Mfr, 0x0002, 0x01000000)).Bytes);

            Assert.AreEqual((byte)0x02, offered.Command);
            Assert.AreEqual((byte)7, offered.Sequence);
            Assert.AreEqual((byte)0x19, offered.FrameControl, "cluster-specific, server to client, default response disabled");
            Assert.AreEqual((byte)0x00, offered.Status);
            Assert.AreEqual(Version, offered.Version);
            Assert.AreEqual((uint)file.Length, offered.Size);
            Assert.AreEqual((byte)0x98, stranger.Status);
            Assert.AreEqual((byte)0x98, otherType.Status);
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void AHardwareVersionOutsideTheRangeGetsNoImageAndAMismatchEvent()
        {
            var bench = new OtaTestBench();
            bench.Policy.Offers[Esme] = OtaTestBench.Offer(new OtaFileBuilder { HardwareVersions = (2, 4) }.UpgradeImage(300).Build(), OtaDeviceKind.Esme);

            var tooOld = new ServerFrame(bench.Request(Esme, ClientFrames.QueryNextImage(1, Mfr, Type, 1, hw: 1)).Bytes);
            var inRange = new ServerFrame(bench.Request(Esme, ClientFrames.QueryNextImage(2, Mfr, Type, 1, hw: 4)).Bytes);

            Assert.AreEqual((byte)0x98, tooOld.Status);
            Assert.AreEqual((byte)0x00, inRange.Status);
            Assert.IsTrue(bench.Policy.Events.Contains($"hardware-mismatch {Esme:X16} hw 0001"), string.Join("; ", bench.Policy.Events));
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        [DataRow(40, 82)]
        [DataRow(64, 82)]
        [DataRow(255, 82)]
        [DataRow(255, 60)]
        [DataRow(255, 255)]
        public void DownloadingByBlocksReassemblesTheImageByteExact(int maximumDataSize, int apsPayload)
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out byte[] file);
            var received = new List<byte>();
            byte seq = 0;
            while (received.Count < file.Length)
            {
                var r = new ServerFrame(bench.Request(Ppmid, ClientFrames.ImageBlock(seq++, Mfr, Type, Version, (uint)received.Count, (byte)maximumDataSize), apsPayload).Bytes);
                Assert.AreEqual((byte)0x00, r.Status);
                Assert.AreEqual((uint)received.Count, r.Offset);
                Assert.IsTrue(r.Data.Length > 0, "zero-length SUCCESS block");
                Assert.IsTrue(r.Data.Length <= Math.Min(maximumDataSize, apsPayload - 17), "block of " + r.Data.Length + " does not fit");
                received.AddRange(r.Data);
            }

            Assert.IsTrue(file.AsSpan().SequenceEqual(received.ToArray()));
            Assert.AreEqual(1, bench.Policy.Events.Count(e => e.StartsWith("first-block")));
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        [DataRow(0, 0)]
        [DataRow(50, 50)]
        [DataRow(60000, 2000)]
        public void DownloadingByPagesReassemblesTheImageWithClampedSpacing(int requestedSpacing, int expectedSpacing)
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out byte[] file);
            long spacingMicroseconds = expectedSpacing == 0 ? PageSpacingPolicy.FloorMicroseconds(OtaTestBench.NwkSecuredApsPayload, 64) : expectedSpacing * 1000L;
            var received = new List<byte>();
            byte seq = 0;
            while (received.Count < file.Length)
            {
                int before = bench.Sender.Frames.Count;
                bench.Request(Ppmid, ClientFrames.ImagePage(seq++, Mfr, Type, Version, (uint)received.Count, 64, 512, (ushort)requestedSpacing));
                bench.Clock.Advance(TimeSpan.FromMinutes(1));
                var page = bench.Sender.Frames.Skip(before).ToList();
                Assert.IsTrue(page.Count > 0, "page request got no answer");
                for (int i = 0; i < page.Count; i++)
                {
                    var r = new ServerFrame(page[i].Bytes);
                    Assert.AreEqual((byte)0x00, r.Status);
                    Assert.AreEqual((uint)received.Count, r.Offset);
                    Assert.IsTrue(r.Data.Length > 0, "zero-length SUCCESS block");
                    received.AddRange(r.Data);
                    if (i > 0)
                    {
                        Assert.AreEqual(((i * spacingMicroseconds) + 999) / 1000, page[i].At - page[0].At);
                    }
                }

                Assert.IsTrue(page.Sum(p => new ServerFrame(p.Bytes).Data.Length) <= 512, "page overran its size");
            }

            Assert.IsTrue(file.AsSpan().SequenceEqual(received.ToArray()));
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void APageStopsAtTheImageEndAndANewRequestCancelsIt()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out byte[] file);
            uint nearEnd = (uint)file.Length - 100;

            bench.Request(Ppmid, ClientFrames.ImagePage(1, Mfr, Type, Version, nearEnd, 64, 4096, 100));
            bench.Clock.Advance(TimeSpan.FromSeconds(10));
            Assert.AreEqual(2, bench.Sender.Frames.Count);
            Assert.AreEqual(100, bench.Sender.Frames.Sum(f => new ServerFrame(f.Bytes).Data.Length));

            bench.Request(Ppmid, ClientFrames.ImagePage(2, Mfr, Type, Version, 0, 64, 4096, 100));
            bench.Request(Ppmid, ClientFrames.ImageBlock(3, Mfr, Type, Version, 1000, 64));
            bench.Clock.Advance(TimeSpan.FromSeconds(10));
            Assert.AreEqual(4, bench.Sender.Frames.Count, "the block request did not cancel the page in progress");
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        public void TheUpgradeEndResponseTimeDependsOnTheDeviceKind(int kind)
        {
            var deviceKind = (OtaDeviceKind)kind;
            var bench = WithImage(Esme, deviceKind, out byte[] file);
            bench.Request(Esme, ClientFrames.ImageBlock(1, Mfr, Type, Version, 0, 64));

            var end = new ServerFrame(bench.Request(Esme, ClientFrames.UpgradeEnd(2, 0x00, Mfr, Type, Version)).Bytes);

            Assert.AreEqual((byte)0x07, end.Command);
            Assert.AreEqual(Version, end.Version);
            Assert.AreEqual(0u, end.CurrentTime);
            Assert.AreEqual(deviceKind == OtaDeviceKind.Ppmid ? 0u : 0xFFFFFFFFu, end.UpgradeTime);
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void AFailedUpgradeEndGetsDefaultResponseSuccessAndIsReported()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out _);
            bench.Request(Ppmid, ClientFrames.ImageBlock(1, Mfr, Type, Version, 0, 64));

            var reply = new ServerFrame(bench.Request(Ppmid, ClientFrames.UpgradeEnd(2, 0x96, Mfr, Type, Version)).Bytes);

            Assert.AreEqual((byte)0x0B, reply.Command);
            Assert.AreEqual((byte)0x06, reply.AnsweredCommand);
            Assert.AreEqual((byte)0x00, reply.Status);
            Assert.IsTrue(bench.Policy.Events.Contains($"upgrade-end {Ppmid:X16} status 96 download seen"));
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void SuccessWithoutAnyDownloadDoesNotCountAsATransfer()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out _);

            var reply = new ServerFrame(bench.Request(Ppmid, ClientFrames.UpgradeEnd(2, 0x00, Mfr, Type, Version)).Bytes);

            Assert.AreEqual((byte)0x0B, reply.Command);
            Assert.IsTrue(bench.Policy.Events.Contains($"upgrade-end {Ppmid:X16} status 00 download not seen"));
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void AnOffsetAtOrPastTheEndIsAMalformedCommand()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out byte[] file);

            foreach (uint offset in new[] { (uint)file.Length, (uint)file.Length + 1, uint.MaxValue })
            {
                var r = new ServerFrame(bench.Request(Ppmid, ClientFrames.ImageBlock(4, Mfr, Type, Version, offset, 64)).Bytes);
                Assert.AreEqual((byte)0x0B, r.Command);
                Assert.AreEqual((byte)0x03, r.AnsweredCommand);
                Assert.AreEqual((byte)0x80, r.Status);
            }

            var zeroSize = new ServerFrame(bench.Request(Ppmid, ClientFrames.ImageBlock(5, Mfr, Type, Version, 0, 0)).Bytes);
            Assert.AreEqual((byte)0x80, zeroSize.Status);
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void ABlockRequestForAnotherImageIsAborted()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out _);

            var otherVersion = new ServerFrame(bench.Request(Ppmid, ClientFrames.ImageBlock(1, Mfr, Type, Version + 1, 0, 64)).Bytes);
            var stranger = new ServerFrame(bench.Request(Stranger, ClientFrames.ImageBlock(2, Mfr, Type, Version, 0, 64)).Bytes);
            var page = new ServerFrame(bench.Request(Stranger, ClientFrames.ImagePage(3, Mfr, Type, Version, 0, 64, 256, 10)).Bytes);

            foreach (var r in new[] { otherVersion, stranger, page })
            {
                Assert.AreEqual((byte)0x05, r.Command);
                Assert.AreEqual((byte)0x95, r.Status);
                Assert.AreEqual(0, r.Trailing, "ABORT carries only its status");
            }

            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void EveryTruncationOfEveryRequestIsAMalformedCommandNamingTheField()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out _);
            var requests = new[]
            {
                ClientFrames.QueryNextImage(1, Mfr, Type, 1, hw: 3),
                ClientFrames.ImageBlock(2, Mfr, Type, Version, 0, 64, ieee: Ppmid, minimumBlockPeriod: 100),
                ClientFrames.ImagePage(3, Mfr, Type, Version, 0, 64, 256, 10),
                ClientFrames.UpgradeEnd(4, 0, Mfr, Type, Version),
            };

            foreach (byte[] full in requests)
            {
                for (int cut = 3; cut < full.Length; cut++)
                {
                    var reply = bench.Request(Ppmid, full.Take(cut).ToArray());
                    var r = new ServerFrame(reply.Bytes);
                    Assert.AreEqual((byte)0x0B, r.Command, $"command {full[2]:X2} cut to {cut}");
                    Assert.AreEqual(full[2], r.AnsweredCommand);
                    Assert.AreEqual((byte)0x80, r.Status);
                    Assert.AreEqual(full[1], r.Sequence);
                    Assert.IsTrue(bench.Server.LastRejection.Contains("field '"), bench.Server.LastRejection);
                }
            }

            Assert.IsNull(bench.Request(Ppmid, new byte[] { 0x01, 0x05 }), "a frame without a command id cannot be answered");
            Assert.AreEqual(1, bench.Server.UnreadableFrames);
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void DuplicatesAreServedAgainAndStrayDefaultResponsesIgnored()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out _);
            var request = ClientFrames.ImageBlock(9, Mfr, Type, Version, 128, 64);

            var first = bench.Request(Ppmid, request);
            var again = bench.Request(Ppmid, request);
            var stray = bench.Request(Ppmid, ClientFrames.DefaultResponse(9, 0x05, 0x00));

            Assert.IsTrue(first.Bytes.AsSpan().SequenceEqual(again.Bytes));
            Assert.IsNull(stray);
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void QueryDeviceSpecificFileIsNotSupported()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out _);

            var r = new ServerFrame(bench.Request(Ppmid, ClientFrames.QueryDeviceSpecificFile(3, Ppmid)).Bytes);

            Assert.AreEqual((byte)0x0B, r.Command);
            Assert.AreEqual((byte)0x08, r.AnsweredCommand);
            Assert.AreEqual((byte)0x81, r.Status);
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void AClientThatPausesForHoursCarriesOnWhereItLeftOff()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out byte[] file);
            var first = new ServerFrame(bench.Request(Ppmid, ClientFrames.ImageBlock(1, Mfr, Type, Version, 0, 64)).Bytes);

            bench.Clock.Advance(TimeSpan.FromHours(20));
            var later = new ServerFrame(bench.Request(Ppmid, ClientFrames.ImageBlock(2, Mfr, Type, Version, (uint)first.Data.Length, 64)).Bytes);

            Assert.AreEqual((byte)0x00, later.Status);
            Assert.AreEqual((uint)first.Data.Length, later.Offset);
            Assert.IsTrue(file.AsSpan(first.Data.Length, later.Data.Length).SequenceEqual(later.Data));
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void SevenDevicesDownloadAtOnceAndAnEighthIsToldToWait()
        {
            var bench = new OtaTestBench(new OtaServerSettings { MinimumBlockPeriodMilliseconds = 250 });
            byte[] file = new OtaFileBuilder().UpgradeImage(2000).Build();
            var offer = OtaTestBench.Offer(file, OtaDeviceKind.Esme);
            for (ulong d = 1; d <= 8; d++)
            {
                bench.Policy.Offers[d] = offer;
            }

            for (ulong d = 1; d <= 7; d++)
            {
                Assert.AreEqual((byte)0x00, new ServerFrame(bench.Request(d, ClientFrames.ImageBlock(1, Mfr, Type, Version, 0, 64)).Bytes).Status);
            }

            var eighth = new ServerFrame(bench.Request(8, ClientFrames.ImageBlock(1, Mfr, Type, Version, 0, 64, minimumBlockPeriod: 1000)).Bytes);
            Assert.AreEqual((byte)0x97, eighth.Status);
            Assert.AreEqual(0u, eighth.CurrentTime);
            Assert.AreEqual(60u, eighth.RequestTime);
            Assert.AreEqual((ushort)1000, eighth.MinimumBlockPeriod, "the client's own longer period is kept");

            // A device already downloading keeps its slot, but is paced by the server's minimum block period.
            bench.Clock.Advance(TimeSpan.FromMilliseconds(100));
            var tooSoon = new ServerFrame(bench.Request(3, ClientFrames.ImageBlock(2, Mfr, Type, Version, 64, 64)).Bytes);
            Assert.AreEqual((byte)0x97, tooSoon.Status);
            Assert.AreEqual(0u, tooSoon.RequestTime);
            Assert.AreEqual((ushort)250, tooSoon.MinimumBlockPeriod);
            bench.Clock.Advance(TimeSpan.FromMilliseconds(200));
            Assert.AreEqual((byte)0x00, new ServerFrame(bench.Request(3, ClientFrames.ImageBlock(3, Mfr, Type, Version, 64, 64)).Bytes).Status);

            bench.Clock.Advance(TimeSpan.FromMinutes(11));
            Assert.AreEqual((byte)0x00, new ServerFrame(bench.Request(8, ClientFrames.ImageBlock(2, Mfr, Type, Version, 0, 64)).Bytes).Status);
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void ImageNotifyIsUnicastWithPayloadType3()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out _);

            bench.Server.NotifyImageAvailable(Ppmid, bench.Policy.Offers[Ppmid]);
            var notify = bench.Sender.Frames.Single();
            var r = new ServerFrame(notify.Bytes);

            Assert.AreEqual(Ppmid, notify.Destination);
            Assert.AreEqual((byte)0x00, r.Command);
            Assert.AreEqual((byte)0x09, r.FrameControl, "server to client, cluster-specific, default response allowed");
            Assert.AreEqual((byte)3, r.PayloadType);
            Assert.AreEqual((byte)100, r.Jitter);
            Assert.AreEqual(Version, r.Version);
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void AnImageReplacedMidPageStopsThePage()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out _);
            bench.Request(Ppmid, ClientFrames.ImagePage(1, Mfr, Type, Version, 0, 64, 1024, 100));
            bench.Policy.Offers[Ppmid] = OtaTestBench.Offer(new OtaFileBuilder { FileVersion = Version + 1 }.UpgradeImage(3000).Build(), OtaDeviceKind.Ppmid);

            bench.Clock.Advance(TimeSpan.FromSeconds(10));

            Assert.AreEqual(1, bench.Sender.Frames.Count);
            Oracles.Check(bench.Sender.Frames);
        }

        [TestMethod]
        public void HostileFramesNeverThrowAndAlwaysGetAWellFormedAnswerOrNone()
        {
            var bench = WithImage(Ppmid, OtaDeviceKind.Ppmid, out _);
            var random = new Random(20261121);
            for (int i = 0; i < 20000; i++)
            {
                byte[] frame = new byte[random.Next(0, 40)];
                random.NextBytes(frame);
                if (frame.Length > 2 && random.Next(2) == 0)
                {
                    frame[0] = 0x01;
                    frame[2] = (byte)random.Next(0, 10);
                }

                bench.Server.Receive(Ppmid, frame, 0, frame.Length, OtaTestBench.NwkSecuredApsPayload);
            }

            var distinct = bench.Sender.Frames.GroupBy(f => Convert.ToHexString(f.Bytes)).Select(g => g.First()).ToList();
            Assert.IsTrue(distinct.Count > 10, "fuzzing reached too few answers");
            Oracles.Check(distinct);
        }

        private static OtaTestBench WithImage(ulong device, OtaDeviceKind kind, out byte[] file)
        {
            var bench = new OtaTestBench();
            file = new OtaFileBuilder { ManufacturerCode = Mfr, ImageType = Type, FileVersion = Version, HardwareVersions = (0, 10) }.UpgradeImage(1500).Element(0xF000, 33).Build();
            bench.Policy.Offers[device] = OtaTestBench.Offer(file, kind);
            return bench;
        }
    }
}
