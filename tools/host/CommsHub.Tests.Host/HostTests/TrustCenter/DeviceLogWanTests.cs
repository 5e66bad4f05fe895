using System;
using System.Linq;
using CommsHub.Tests.HostTests.Hostile;
using CommsHub.Wan;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.TrustCenter
{
    /// <summary>
    /// The Device Log over the WAN: the install code arrives without its CRC and the hub computes it; a wrong length or a
    /// wrong CRC is refused in words that name it; an add opens the device's join window (the policy's default or the
    /// head-end's join_timeout); a removed device goes to the Historic Device Log; a reboot keeps both.
    /// </summary>
    [TestClass]
    public class DeviceLogWanTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4;
        private const ulong Esme = 0x00DB1234567890A1;

        [TestMethod]
        public void ACodeWithoutItsCrcIsTakenAndTheHubComputesTheCrc()
        {
            var rig = new HubOnLine();
            Assert.AreEqual("ok", rig.HeadEnd.AddDevice(Ppmid, 2, Convert.FromHexString("83FED3407A939723A5C639B26916D505")));
            var entry = rig.HeadEnd.GetDeviceLog().Single();
            Assert.AreEqual("83FED3407A939723A5C639B26916D505C3B5", Convert.ToHexString(entry.InstallCode));
            Assert.AreEqual(16, rig.Hub.DeviceLog.Entry(0).InstallCode.Length, "the hub keeps the code without its CRC");
        }

        [TestMethod]
        public void AWrongLengthOrAWrongCrcIsRefusedNamingItAndNothingIsAdded()
        {
            var rig = new HubOnLine();
            string length = rig.HeadEnd.AddDevice(Ppmid, 2, new byte[7]);
            Assert.IsTrue(length.Contains("not 7 bytes") && length.Contains("6, 8, 12 or 16"), length);
            string crc = rig.HeadEnd.AddDevice(Ppmid, 2, Convert.FromHexString("83FED3407A939723A5C639B26916D505C3B6"));
            Assert.IsTrue(crc.Contains("CRC is C3 B6") && crc.Contains("is C3 B5"), crc);
            Assert.AreEqual(0, rig.Hub.DeviceLog.Count);
            Assert.AreEqual("ok", rig.HeadEnd.AddDevice(Ppmid, 2, Convert.FromHexString("83FED3407A939723A5C639B26916D505C3B5")), "a right CRC is accepted");
        }

        [TestMethod]
        public void AnAddOpensThatDevicesJoinWindowForTheDefaultOrTheGivenJoinTimeout()
        {
            var rig = new HubOnLine();
            Assert.AreEqual("ok", rig.HeadEnd.AddDevice(Ppmid, 2, new byte[16]));
            long now = rig.Clock.MonotonicMilliseconds;
            long closes = rig.Hub.DeviceLog.Entry(0).JoinClosesAt;
            Assert.IsTrue(closes > now && closes <= now + (DeviceLogPolicy.DefaultJoinTimeoutSeconds * 1000L), closes + " vs " + now);
            Assert.IsTrue(closes > now + ((DeviceLogPolicy.DefaultJoinTimeoutSeconds - 5) * 1000L));

            Assert.AreEqual("ok", rig.HeadEnd.AddDevice(Esme, 0, new byte[8], 120));
            long esme = rig.Hub.DeviceLog.Entry(1).JoinClosesAt;
            now = rig.Clock.MonotonicMilliseconds;
            Assert.IsTrue(esme > now && esme <= now + 120000, esme + " vs " + now);
            var log = new CommsHub.Hub.WanDeviceLog(rig.Hub.DeviceLog);
            Assert.IsTrue(log.JoinWindowOpen(Esme, now));
            Assert.IsFalse(log.JoinWindowOpen(Esme, now + 121000));
            Assert.IsTrue(log.AnyJoinWindowOpen(now + 121000), "the PPMID's hour is not over");
        }

        [TestMethod]
        public void TheLogAndTheHistoricLogSurviveARebootAndTheStatusCarriesJoinRefusals()
        {
            var rig = new HubOnLine();
            Assert.AreEqual("ok", rig.HeadEnd.AddDevice(Ppmid, 2, new byte[16]));
            Assert.AreEqual("ok", rig.HeadEnd.AddDevice(Esme, 0, new byte[12]));
            Assert.AreEqual("ok", rig.HeadEnd.RemoveDevice(Ppmid));
            rig.Hub.DeviceLog.OnJoinRefused("join refused: 00-DB-00-00-00-00-00-09 is not in the Device Log");

            rig.Boot();
            var (entries, historic) = rig.HeadEnd.GetDeviceLogs();
            Assert.AreEqual(Esme, entries.Single().Device);
            Assert.AreEqual(Ppmid, historic.Single().Device);
            Assert.AreEqual(2, historic.Single().Kind);

            // Refusals are counted since boot; the fields come after every older one.
            var status = rig.HeadEnd.GetStatus();
            Assert.AreEqual(0L, status.DeviceLogRefused);
            Assert.AreEqual(0L, status.JoinsRefused);
            rig.Hub.DeviceLog.OnJoinRefused("join refused: 00-DB-00-00-00-00-00-09 is not in the Device Log");
            status = rig.HeadEnd.GetStatus();
            Assert.AreEqual(1L, status.JoinsRefused);
            Assert.IsTrue(status.LastJoinRefusal.Contains("not in the Device Log"), status.LastJoinRefusal);
        }
    }
}
