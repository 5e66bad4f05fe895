using System;
using System.Linq;
using CommsHub.Aps;
using CommsHub.Ota.Frames;
using CommsHub.Ota.Server;
using CommsHub.Tests.HostTests.Ota;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Aps
{
    /// <summary>
    /// The OTA server behind the APS OTA port on the hub's real stack: a device whose requests come APS-secured gets
    /// its answers APS-secured and its blocks sized for APS security on top of NWK security; one whose requests come
    /// with NWK security only gets the larger block. Every response fits its frame and tshark decrypts it.
    /// </summary>
    [TestClass]
    public class ApsOtaPortTests
    {
        private const ushort Mfr = 0x1234;
        private const ushort Type = 0x0001;
        private const uint Version = 0x0123ABCD;

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void ABlockIsSizedFromTheDevicesApsBudgetAndSecuredAsItsRequestCame(bool secured)
        {
            var rig = new ApsRig();
            var port = new CommsHub.Endpoints.SmartEnergyEndpointServer(rig.Aps, rig.Nwk, null, rig.Bench.Clock,
                new CommsHub.Endpoints.KeyEstablishmentPort(rig.Bench.Clock, new CommsHub.Security.SoftwareAes(), null, null)).Ota;
            var policy = new TestPolicy();
            byte[] file = new OtaFileBuilder { ManufacturerCode = Mfr, ImageType = Type, FileVersion = Version, HardwareVersions = (0, 10) }.UpgradeImage(1500).Build();
            policy.Offers[ApsRig.DeviceEui] = OtaTestBench.Offer(file, OtaDeviceKind.Esme);
            port.Server = new OtaServer(policy, port, rig.Bench.Clock, new OtaServerSettings());

            byte[] request = ClientFrames.ImageBlock(7, Mfr, Type, Version, 0, 255);
            rig.DeviceSends(rig.ApsFrame(request, 0x61, 1, keyId: secured ? 0 : -1));
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Device.ReceivedData.Count == 1, TimeSpan.FromSeconds(1)), "no response: " + port.Server.LastRejection + " " + rig.Aps.LastDrop);
            Assert.AreEqual(0, port.SendFailures);

            var (n, a, frame) = rig.Open(rig.Device.ReceivedData[0]);
            Assert.AreEqual(secured, a.Security);
            if (secured)
            {
                Assert.IsNull(rig.OpenAps(n, a, frame));
            }

            int budget = secured ? ApsLayer.MaxSecuredPayload : ApsLayer.MaxPayload;
            Assert.AreEqual(budget, port.BudgetFor(ApsRig.DeviceEui));
            var response = new ServerFrame(frame.AsSpan(a.PayloadOffset, a.PayloadLength).ToArray());
            Assert.AreEqual(0x05, (int)response.Command);
            Assert.AreEqual(0x00, (int)response.Status);
            Assert.AreEqual(budget - OtaResponses.ImageBlockResponseOverhead, response.Data.Length, "the block does not fill the budget");
            Assert.AreEqual(budget, a.PayloadLength);
            Assert.IsTrue(rig.Device.ReceivedData[0].Length <= CommsHub.Nwk.NwkLayer.MacPayloadMax);

            var dissected = rig.TsharkAll("zbee_zcl.cmd.tsn", "zbee_zcl_general.ota.data_size");
            Assert.AreEqual("7", dissected[1][0], "tshark did not decrypt the response");
            Assert.AreEqual((budget - OtaResponses.ImageBlockResponseOverhead).ToString(), dissected[1][1]);
        }

        [TestMethod]
        public void TheBudgetToADeviceBeyondARouterShrinksByItsSourceRouteAsApsPayloadBudgetCountsIt()
        {
            var rig = new ApsRig();
            const ulong far = 0x00124B00FA5FA500;
            const ushort farShort = 0x5555;
            Assert.IsTrue(rig.Nwk.AddKnownDevice(far, farShort));
            Assert.IsTrue(rig.Nwk.SourceRoutes.Put(farShort, new ushort[] { 0x3333, 0x2222, rig.Device.ShortAddress }, 3));
            Assert.IsTrue(rig.Aps.Resolve(farShort, out ulong device, out bool _));
            Assert.AreEqual(far, device);
            Assert.AreEqual(ApsPayloadBudget.Compute(true, true, 3), rig.Aps.MaxPayloadTo(farShort, true));
            Assert.AreEqual(ApsPayloadBudget.Compute(true, false, 3), rig.Aps.MaxPayloadTo(farShort, false));
            Assert.AreEqual(ApsPayloadBudget.Compute(true, true, 0), rig.Aps.MaxPayloadTo(rig.Device.ShortAddress, true));
        }
    }
}
