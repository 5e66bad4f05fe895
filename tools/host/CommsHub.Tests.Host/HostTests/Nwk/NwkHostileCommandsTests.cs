using System;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Nwk
{
    /// <summary>
    /// Random NWK commands that pass every security check (a known router's key-valid frames, so the state machine sees
    /// them, not just the codec): any command id, any body, any addresses, relayed or not, with the periodic work running
    /// between them. Nothing may throw, and the tables stay within their bounds.
    /// </summary>
    [TestClass]
    public class NwkHostileCommandsTests
    {
        private const ulong RouterEui = 0x00124B0000002222;
        private const ushort Router = 0x2222;

        [TestMethod]
        public void RandomSecuredCommandsNeverThrowAndKeepTheTablesBounded()
        {
            var radio = new NwkFakeRadio();
            var clock = new VirtualClock(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc));
            var mac = new CoordinatorMac(radio, clock, new HostEntropy(), NwkRig.HubEui, NwkRig.HubEui);
            var network = new NetworkParameters { ExtendedPanId = NwkRig.HubEui, PanId = NwkRig.PanId, Channel = NwkRig.Channel };
            Convert.FromHexString(NwkRig.NwkKeyHex).CopyTo(network.NetworkKey, 0);
            var nwk = new NwkLayer(mac, new DotNetAes(), new NwkAllocationTests.CountingFrameCounter(), network, NwkRig.HubEui, 8, clock);
            nwk.RejoinAdmission = d => (d & 1) == 0;
            mac.Start(NwkRig.PanId, NwkRig.Channel);
            nwk.AddKnownDevice(RouterEui, Router);
            var random = new Random(12);
            uint counter = 1;
            for (int i = 0; i < 4000; i++)
            {
                byte[] body = new byte[1 + random.Next(40)];
                random.NextBytes(body);
                body[0] = (byte)random.Next(1, 14);
                ushort source = random.Next(4) == 0 ? Router : (ushort)random.Next(0x10000);
                ushort destination = random.Next(3) == 0 ? (ushort)(0xFFFC + random.Next(4)) : random.Next(3) == 0 ? (ushort)0x0000 : (ushort)random.Next(0x10000);
                bool ieee = random.Next(2) == 0;
                ulong eui = (ulong)random.NextInt64();
                byte[] nwkFrame = NwkRig.Frame(random.Next(3) == 0 ? NwkFrameType.Data : NwkFrameType.Command, source, destination, body, counter++, RouterEui, h =>
                {
                    h.Radius = (byte)random.Next(3);
                    h.HasSourceIeee = ieee;
                    h.SourceIeee = eui;
                });
                NwkAllocationTests.Step(radio, mac, NwkAllocationTests.Mac(random.Next(2) == 0 ? Router : source, nwkFrame, i));
                if (i % 50 == 0)
                {
                    clock.Advance(TimeSpan.FromSeconds(7));
                    nwk.Process();
                    mac.Process();
                    mac.Process();
                }
            }

            Assert.IsTrue(nwk.SourceRoutes.Count <= nwk.SourceRoutes.Capacity);
            Assert.IsTrue(nwk.Routers.Count <= nwk.Routers.Capacity);
            Assert.IsTrue(nwk.Neighbours.Count <= nwk.Neighbours.Capacity);
            Assert.IsTrue(mac.Children.Count <= mac.Children.Capacity);
            Assert.IsTrue(nwk.Dropped(NwkDrop.MalformedCommand) > 0, "no command was malformed: the bodies are not random");
            Assert.IsTrue(nwk.RouteRequestsSent > 0 && nwk.LinkStatusSent > 0, "the periodic work did not run");
        }
    }
}
