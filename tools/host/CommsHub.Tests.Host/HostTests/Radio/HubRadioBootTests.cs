using System;
using System.Linq;
using CommsHub.Hub;
using CommsHub.Platform;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Radio
{
    [TestClass]
    public class HubRadioBootTests
    {
        [TestMethod]
        public void TheHubStartsItsPanOnTheQuietestChannelAndAnswersBeaconRequestsWithJoiningClosed()
        {
            var bench = new RadioBench(5);
            for (int ch = 11; ch <= 26; ch++)
            {
                bench.Medium.SetInterference(ch, ch == 23 ? 0x04 : 0x90);
            }

            var (hubChip, hubRadio) = bench.AddRadio("hub");
            using var board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc), radio: hubRadio);
            string[] lines = board.Boot();
            string han = lines.Single(l => l.StartsWith("HAN:"));
            ushort pan = HanNetworkPolicy.PanIdFor(board.Hub.Identity);
            Assert.IsTrue(han.Contains("channel 23"), han);
            Assert.IsTrue(han.Contains("PAN id " + pan.ToString("X4")), han);
            Assert.IsTrue(han.Contains("permit join off"), han);
            Assert.AreEqual(23, hubChip.ListeningChannel);

            bench.OnMainLoop(board.Hub.Poll);
            var (deviceChip, deviceRadio) = bench.AddRadio("ppmid");
            var device = new EndDeviceMac(deviceRadio, bench.Clock, 0x0011223344556677, sleepy: true);
            bench.OnMainLoop(device.Process);
            device.Start(23);
            device.SendBeaconRequest();
            bench.Run(TimeSpan.FromMilliseconds(30));
            Assert.AreEqual(1, device.Beacons.Count);
            Assert.AreEqual(pan, device.Beacons[0].PanId);
            Assert.IsFalse(device.Beacons[0].Beacon.AssociationPermit);
            Assert.AreEqual(board.Hub.Identity.Value, device.Beacons[0].Beacon.ExtendedPanId);
            Assert.AreEqual(0, hubChip.Violations.Count, string.Join("; ", hubChip.Violations));
            RadioMacTests.CheckWithOracles(bench.Medium.History.Select(f => f.Psdu).ToList());
        }

        [TestMethod]
        public void APanIdIsNeverTheBroadcastPanAndIsStableForAnEui64()
        {
            var eui = Eui64.FromValue(0x00124B0001A2B3C4);
            Assert.AreEqual(HanNetworkPolicy.PanIdFor(eui), HanNetworkPolicy.PanIdFor(Eui64.FromValue(0x00124B0001A2B3C4)));
            Assert.AreNotEqual(0xFFFF, (int)HanNetworkPolicy.PanIdFor(Eui64.FromValue(0xFFFF000000000000)));
        }
    }
}
