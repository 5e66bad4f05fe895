using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Aps;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Security;
using CommsHub.Security.Ecc;
using CommsHub.Tests.HostTests.Security;
using CommsHub.Tests.Security.Ecc;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.SmartEnergy
{
    /// <summary>
    /// Smart Energy registration over the emulated radio, against the whole hub firmware: a PPMID joins, finds the Key
    /// Establishment server with Match_Desc, reads the suite attribute, runs CBKE as initiator (the published suite 2
    /// credentials, the device's side computed by our curve code), and from then on the OTA and Time clusters serve
    /// it only APS-secured under the CBKE key. tshark dissects every Key Establishment frame and decrypts the rest.
    /// </summary>
    [TestClass]
    public class SmartEnergyOverTheRadioTests
    {
        private const ulong DeviceEui = 0x0A0B0C0D0E0F1012;
        private const ulong HubCertificateSubject = 0x0A0B0C0D0E0F1011;
        private const byte ClientToServerCommand = 0x01;
        private const byte GlobalClientToServer = 0x00;

        [TestMethod]
        public void APpmidRegistersWithCbkeSuite2AndIsThenServedOnlyUnderItsAuthorisedKey()
        {
            using var rig = new SeRig(21);
            rig.ProvisionSuite2();
            SeTestDevice device = rig.AddDevice(DeviceEui);

            // 1. Match_Desc for the Key Establishment server (profile 0x0109, one input cluster 0x0800).
            device.Send(0, 0x0006, 0x0000, Convert.FromHexString("01" + "0000" + "0901" + "01" + "0008" + "00"), false);
            Received match = device.Next("Match_Desc_rsp", zdo: true);
            while (match.Aps.Cluster != 0x8006)
            {
                match = device.Next("Match_Desc_rsp", zdo: true);
            }

            Assert.AreEqual(0x8006, (int)match.Aps.Cluster);
            Assert.AreEqual("01" + "00" + "0000" + "01" + "01", Convert.ToHexString(match.Payload), "Match_Desc_rsp: success, the hub, endpoint 1");

            // 2. Read the KeyEstablishmentSuite attribute.
            device.SendZcl(0x0800, GlobalClientToServer, 0x10, 0x00, Convert.FromHexString("0000"), false);
            Received suite = device.Next("Read Attributes Response");
            Assert.AreEqual("18" + "10" + "01" + "0000" + "00" + "31" + "0200", Convert.ToHexString(suite.Payload), "suite attribute: enum16 0x0002");

            // 3. CBKE as initiator; the budget is measured over the exchange, not over the boot and join before it.
            rig.Hub.Meter.EndTurn();
            rig.Hub.Meter.ResetLargestTurn();
            byte[] keyData = rig.RunCbkeSuite2(device, 0x20);
            Assert.AreEqual(1, rig.Hub.Han.SmartEnergy.KeyEstablishment.KeysInstalled);
            int slot = rig.Hub.Han.TrustCentre.LinkKeys.IndexOf(DeviceEui);
            Assert.IsTrue(rig.Hub.Han.TrustCentre.LinkKeys.IsAuthorised(slot), "the CBKE key is marked authorised");
            Assert.AreEqual(Convert.ToHexString(keyData), Convert.ToHexString(rig.Hub.Han.TrustCentre.LinkKeys.Keys.AsSpan(slot * 16, 16).ToArray()));
            device.LinkKey = keyData;
            rig.Hub.Meter.EndTurn();
            int steps = rig.Hub.Han.KeyEstablishmentWork.Steps;
            OutputHelper.WriteLine("suite 2 exchange on the hub's work queue: " + steps + " curve steps; largest main-loop turn "
                + rig.Hub.Meter.LargestTurnDescription + " of a budget of " + CommsHub.Work.WorkBudget.TurnUnits);
            Assert.IsTrue(steps > 1000, "the curve work ran in many slices: " + steps);
            Assert.IsTrue(rig.Hub.Meter.LargestTurnUnits <= CommsHub.Work.WorkBudget.TurnUnits, rig.Hub.Meter.LargestTurnDescription);

            // 4. Query Next Image without APS security is refused now; under the CBKE key it is answered.
            byte[] query = Convert.FromHexString("00" + "3412" + "0100" + "01000000");
            device.SendZcl(0x0019, ClientToServerCommand, 0x30, 0x01, query, false);
            Assert.IsTrue(device.Quiet(TimeSpan.FromSeconds(1)), "an unsecured OTA frame from a CBKE'd device was answered");
            Assert.AreEqual(1, rig.Hub.Han.SmartEnergy.RefusedUnsecured);
            device.SendZcl(0x0019, ClientToServerCommand, 0x31, 0x01, query, true);
            Received image = device.Next("Query Next Image Response");
            Assert.AreEqual(0x0019, (int)image.Aps.Cluster);
            Assert.AreEqual(0x02, (int)image.Payload[2], "Query Next Image Response");
            Assert.IsTrue(image.Aps.Security, "the hub answers an authorised device's OTA frame APS-secured");

            // 5. Time, read APS-secured, is the WAN-set time.
            device.SendZcl(0x000A, GlobalClientToServer, 0x40, 0x00, Convert.FromHexString("0000" + "0100"), true);
            Received time = device.Next("Time Read Attributes Response");
            Assert.IsTrue(time.Aps.Security, "the Time answer is APS-secured");
            uint expected = (uint)((rig.Board.Clock.UtcNow - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Ticks / TimeSpan.TicksPerSecond);
            Assert.AreEqual(0x00, (int)time.Payload[5], "Time attribute status");
            uint value = BitConverter.ToUInt32(time.Payload, 7);
            Assert.IsTrue(Math.Abs((long)value - expected) <= 2, "Time " + value + " against the WAN-set clock's " + expected);

            // tshark: every Key Establishment frame dissected, the APS-secured ones decrypted with the CBKE key.
            var fields = ZigbeeOracle.Tshark(device.Capture, new[] { Convert.ToHexString(device.NetworkKey), SeTestDevice.LinkKeyHexOf(SeTestDevice.InstallCodeHex), SeTestDevice.TransportKeyHexOf(SeTestDevice.InstallCodeHex), Convert.ToHexString(keyData) },
                "zbee_aps.cluster", "zbee_zcl_se.ke.cmd.srv_tx.id", "zbee_zcl_se.ke.cmd.srv_rx.id", "zbee_zcl_general.ota.cmd.srv_tx.id",
                "zbee_zcl_se.ke.cert.subject", "zbee_zcl_se.ke.qev", "zbee_zcl_se.ke.macv", "zbee_zcl_general.time.attr_id");
            Assert.AreEqual(3, fields.Count(f => f[2] != ""), "tshark saw the initiator's three Key Establishment commands: " + Dump(fields));
            Assert.AreEqual(3, fields.Count(f => f[1] != ""), "tshark saw the responder's three Key Establishment commands: " + Dump(fields));
            Assert.AreEqual(2, fields.Count(f => f[4] != ""), "tshark read both certificates' subjects: " + Dump(fields));
            Assert.IsTrue(fields.Any(f => f[5] != "") && fields.Any(f => f[6] != ""), "tshark read QEV and MACV: " + Dump(fields));
            Assert.IsTrue(fields.Any(f => f[3] == "0x02"), "tshark decrypted the APS-secured Query Next Image Response: " + Dump(fields));
            Assert.IsTrue(fields.Count(f => f[7] != "") >= 2, "tshark decrypted the APS-secured Time request and response: " + Dump(fields));
        }

        [TestMethod]
        public void ADeviceWithOnlySuite1RegistersWithAHubThatHasOnlySuite1AndTakesTheTimeSecured()
        {
            using var rig = new SeRig(23);
            rig.ProvisionSuite1();
            SeTestDevice device = rig.AddDevice(0x0000000000000002);
            device.SendZcl(0x0800, GlobalClientToServer, 0x10, 0x00, Convert.FromHexString("0000"), false);
            Assert.AreEqual("18" + "10" + "01" + "0000" + "00" + "31" + "0100", Convert.ToHexString(device.Next("suite attribute").Payload), "suite attribute: suite 1 only");
            byte[] keyData = rig.RunCbkeSuite1(device, 0x20);
            Assert.IsTrue(rig.Hub.Han.TrustCentre.LinkKeys.IsAuthorised(rig.Hub.Han.TrustCentre.LinkKeys.IndexOf(device.Eui)));
            device.LinkKey = keyData;
            device.SendZcl(0x000A, GlobalClientToServer, 0x40, 0x00, Convert.FromHexString("0100"), true);
            Received status = device.Next("TimeStatus");
            Assert.IsTrue(status.Aps.Security);
            Assert.AreEqual("18" + "40" + "01" + "0100" + "00" + "18", Convert.ToHexString(status.Payload.AsSpan(0, 7).ToArray()));
            Assert.AreEqual((int)CommsHub.Clusters.Time.TimeStatusPolicy.WhenTrusted, (int)status.Payload[7], "TimeStatus: Master and Superseding on a WAN-set clock");
            var fields = ZigbeeOracle.Tshark(device.Capture, new[] { Convert.ToHexString(device.NetworkKey), SeTestDevice.LinkKeyHexOf(SeTestDevice.InstallCodeHex),
                SeTestDevice.TransportKeyHexOf(SeTestDevice.InstallCodeHex), Convert.ToHexString(keyData) }, "zbee_zcl_se.ke.cmd.srv_tx.id", "zbee_zcl_general.time.attr_id");
            Assert.AreEqual(3, fields.Count(f => f[0] != ""), Dump(fields));
            Assert.IsTrue(fields.Count(f => f[1] != "") >= 2, "tshark decrypted the APS-secured TimeStatus read and answer: " + Dump(fields));
        }

        [TestMethod]
        public void TheEndpointServesBasicAndRefusesAnUnknownClusterWithUnsupportedCluster()
        {
            using var rig = new SeRig(22);
            SeTestDevice device = rig.AddDevice(DeviceEui);

            // Basic: Read Attributes ZCLVersion.
            device.SendZcl(0x0000, GlobalClientToServer, 0x50, 0x00, Convert.FromHexString("0000"), false);
            Received basic = device.Next("Basic Read Attributes Response");
            Assert.AreEqual(0x0000, (int)basic.Aps.Cluster);
            Assert.AreEqual("1850010000" + "0020", Convert.ToHexString(basic.Payload.AsSpan(0, 7).ToArray()));

            // Keep-Alive: its base attribute.
            device.SendZcl(0x0025, GlobalClientToServer, 0x51, 0x00, Convert.FromHexString("0000"), false);
            Received keepAlive = device.Next("Keep-Alive Read Attributes Response");
            Assert.AreEqual(0x0025, (int)keepAlive.Aps.Cluster);
            Assert.AreEqual((int)CommsHub.Clusters.KeepAlive.KeepAlivePolicy.BaseMinutes, (int)keepAlive.Payload[7]);

            // A cluster the endpoint lacks (Price, 0x0700): Default Response UNSUPPORTED_CLUSTER, same sequence, same command.
            device.SendZcl(0x0700, ClientToServerCommand, 0x52, 0x00, Array.Empty<byte>(), false);
            Received refusal = device.Next("Default Response");
            Assert.AreEqual(0x0700, (int)refusal.Aps.Cluster);
            Assert.AreEqual("18" + "52" + "0B" + "00" + "C3", Convert.ToHexString(refusal.Payload));
            Assert.AreEqual(1, rig.Hub.Han.SmartEnergy.UnsupportedClusters);

            // With no credentials provisioned, the suite attribute is 0 and an Initiate gets UNSUPPORTED_SUITE.
            device.SendZcl(0x0800, GlobalClientToServer, 0x53, 0x00, Convert.FromHexString("0000"), false);
            Assert.AreEqual("18" + "53" + "01" + "0000" + "00" + "31" + "0000", Convert.ToHexString(device.Next("suite attribute").Payload));
            byte[] certificate = EccTestData.Bytes(EccTestData.Suite2Cert2);
            byte[] initiate = new byte[4 + certificate.Length];
            KeyEstablishmentFrames.EncodeInitiate(KeyEstablishmentSuite.Suite2, 20, 5, certificate, 0, certificate.Length, initiate, 0);
            device.SendZcl(0x0800, ClientToServerCommand, 0x54, 0x00, initiate, false);
            Received terminate = device.Next("Terminate");
            SeRig.AssertKe(terminate, 0x54, 0x03);
            Assert.AreEqual((int)KeyEstablishmentStatus.UnsupportedSuite, (int)terminate.Payload[3]);

            var fields = ZigbeeOracle.Tshark(device.Capture.Skip(1).ToList(), new[] { Convert.ToHexString(device.NetworkKey) }, "zbee_aps.cluster");
            Assert.AreEqual(device.Capture.Count - 1, fields.Count);
        }

        private static string Dump(List<string[]> fields) => string.Join(" | ", fields.Select(f => string.Join(";", f)));
    }
}
