using System;
using System.Linq;
using CommsHub.Nwk;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Nwk
{
    /// <summary>
    /// The hub as concentrator over the emulated radio: broadcast transaction table, link status both ways, many-to-one
    /// route requests, route records and source-routed sends, route replies, relaying and network status, and frames a
    /// router relays for a device beyond it.
    /// </summary>
    [TestClass]
    public class NwkRoutingTests
    {
        private const ulong RouterEui = 0x00124B0000000A01;
        private const ulong OtherEui = 0x00124B0000000A02;
        private const ulong FarEui = 0x00124B0000000F01;
        private const ushort Far = 0x5555;

        [TestMethod]
        public void ABroadcastHeardAgainIsDroppedUntilItAgesOut()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(RouterEui);
            ushort r = router.ShortAddress;
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, r, 0xFFFD, NwkRig.ApsData, 1, RouterEui, sequence: 7));
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, r, 0xFFFD, NwkRig.ApsData, 2, RouterEui, sequence: 7));
            Assert.AreEqual(1, rig.Received.Count, rig.Nwk.LastDrop);
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.DuplicateBroadcast));

            rig.Bench.Run(TimeSpan.FromMilliseconds(BroadcastTransactionTable.DeliveryMilliseconds + 100));
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, r, 0xFFFD, NwkRig.ApsData, 3, RouterEui, sequence: 7));
            Assert.AreEqual(2, rig.Received.Count, rig.Nwk.LastDrop);

            // More broadcasts than the table holds: each is handed up once, the table stays bounded.
            for (int i = 0; i < 2 * NwkLayer.BroadcastTransactionCapacity; i++)
            {
                rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, r, 0xFFFD, NwkRig.ApsData, (uint)(4 + i), RouterEui, sequence: (byte)(20 + i)));
            }

            Assert.AreEqual(2 + 2 * NwkLayer.BroadcastTransactionCapacity, rig.Received.Count, rig.Nwk.LastDrop);
            rig.Tshark("zbee_nwk.seqno");
        }

        [TestMethod]
        public void LinkStatusIsLearntFromRoutersAndSentEveryPeriod()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(RouterEui);
            ushort r = router.ShortAddress;
            var status = new NwkCommand { CommandId = NwkCommandId.LinkStatus, Options = 0x60, Count = 1 };
            status.Addresses[0] = 0x0000;
            status.Costs[0] = 0x23; // the router's incoming cost from the hub 3, outgoing 2
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Command, r, 0xFFFC, NwkRig.Command(status), 1, RouterEui, h => h.Radius = 1));
            Assert.AreEqual(1, rig.Nwk.Routers.Count, rig.Nwk.LastDrop);
            int slot = rig.Nwk.Routers.IndexOfShort(r);
            Assert.AreEqual(3, (int)rig.Nwk.Routers.OutgoingCostAt(slot));

            rig.Bench.Run(TimeSpan.FromMilliseconds(RoutingPolicy.LinkStatusPeriodMilliseconds));
            rig.Nwk.Process();
            Heard sent = Next(rig, router, NwkCommandId.LinkStatus);
            Assert.AreEqual(0xFFFC, (int)sent.Header.Destination);
            Assert.AreEqual(1, (int)sent.Header.Radius);
            Assert.AreEqual(1, sent.Command.Count);
            Assert.AreEqual(r, sent.Command.Addresses[0]);
            Assert.AreEqual(3, sent.Command.Costs[0] >> 4);
            Assert.IsTrue((sent.Command.Costs[0] & 7) >= 1);
            Assert.AreEqual(1, rig.Nwk.LinkStatusSent);

            // A router silent for more than the age limit is dropped from the table and from the next link status.
            for (int i = 0; i <= RoutingPolicy.RouterAgeLimit; i++)
            {
                rig.Bench.Run(TimeSpan.FromMilliseconds(RoutingPolicy.LinkStatusPeriodMilliseconds));
                rig.Nwk.Process();
            }

            Assert.AreEqual(0, rig.Nwk.Routers.Count);
            var t = rig.Tshark("zbee_nwk.cmd.id", "zbee_nwk.cmd.link.count", "zbee_nwk.cmd.link.address", "zbee_nwk.cmd.link.outgoing_cost");
            Assert.AreEqual("1", t[1][1]);
            Assert.AreEqual("0x" + r.ToString("x4"), t[1][2]);
            Assert.AreEqual("3", t[1][3]);
        }

        [TestMethod]
        public void TheHubSendsManyToOneRouteRequestsWithoutRouteCacheOnItsPeriod()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(RouterEui);
            rig.Bench.Run(TimeSpan.FromMilliseconds(RoutingPolicy.ConcentratorFirstMilliseconds));
            rig.Nwk.Process();
            Heard request = Next(rig, router, NwkCommandId.RouteRequest);
            Assert.AreEqual(0xFFFC, (int)request.Header.Destination);
            Assert.AreEqual((int)RoutingPolicy.ConcentratorRadius, (int)request.Header.Radius);
            Assert.AreEqual(RoutingPolicy.ManyToOneNoRouteCache, (request.Command.Options >> 3) & 3);
            Assert.AreEqual(0xFFFC, (int)request.Command.Address);
            rig.Bench.Run(TimeSpan.FromSeconds(30));
            rig.Nwk.Process();
            Assert.AreEqual(1, rig.Nwk.RouteRequestsSent, "a second route request before the period");
            rig.Bench.Run(TimeSpan.FromSeconds(30));
            rig.Nwk.Process();
            Assert.AreEqual(2, rig.Nwk.RouteRequestsSent);
            var t = rig.Tshark("zbee_nwk.cmd.id", "zbee_nwk.cmd.route.opts.many2one", "zbee_nwk.cmd.route.dest");
            Assert.AreEqual("0x01", t[0][0]);
            Assert.AreEqual("0x02", t[0][1]);
            Assert.AreEqual("0xfffc", t[0][2]);
        }

        [TestMethod]
        public void ARouteRecordGivesASourceRouteThatSendDataUses()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(RouterEui);
            ushort r = router.ShortAddress;
            Assert.IsTrue(rig.Nwk.AddKnownDevice(FarEui, Far));
            byte[] buffer = new byte[NwkLayer.HeaderRoom + NwkRig.ApsData.Length + NwkLayer.MicRoom];
            NwkRig.ApsData.CopyTo(buffer, NwkLayer.HeaderRoom);
            Assert.AreEqual(NwkLayer.SendUnknownDestination, rig.Nwk.SendData(Far, buffer, NwkLayer.HeaderRoom, NwkRig.ApsData.Length));

            SendRouteRecord(rig, router, 1);
            Assert.AreEqual(NwkLayer.MaxSecuredPayload, rig.Nwk.MaxSecuredPayloadTo(Far), "one relay: a full frame goes without the subframe");
            Assert.IsTrue(rig.Nwk.SendData(Far, buffer, NwkLayer.HeaderRoom, NwkRig.ApsData.Length) > 0);
            Heard sent = rig.NextAt(router, TimeSpan.FromSeconds(1));
            Assert.IsTrue(sent.Header.SourceRoute);
            Assert.AreEqual(Far, sent.Header.Destination);
            Assert.AreEqual(1, sent.Header.RelayCount);
            Assert.AreEqual(0, sent.Header.RelayIndex);
            Assert.AreEqual(r, sent.Header.Relays[0]);
            Assert.AreEqual(Convert.ToHexString(NwkRig.ApsData), Convert.ToHexString(sent.Payload));
            var t = rig.Tshark("zbee_nwk.src_route", "zbee_nwk.relay.count", "zbee_nwk.relay", "zbee_nwk.dst");
            Assert.AreEqual("1", t[1][1]);
            Assert.AreEqual(r.ToString(), t[1][2]);
            Assert.AreEqual("0x5555", t[1][3]);
        }

        [TestMethod]
        public void AFrameOneRelayAwayThatFitsOnlyWithoutTheSourceRouteGoesToTheRelayWithoutIt()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(RouterEui);
            ushort r = router.ShortAddress;
            Assert.IsTrue(rig.Nwk.AddKnownDevice(FarEui, Far));
            SendRouteRecord(rig, router, 1);
            // An APS data frame with a cluster-specific ZCL command of a manufacturer cluster: tshark reads the filler as its payload.
            byte[] payload = new byte[NwkLayer.MaxSecuredPayload];
            byte[] apsHeader = { 0x00, 0xF0, 0x00, 0xFC, 0xDE, 0xC0, 0xF0, 0x01, 0x01, 0x00, 0x00 };
            apsHeader.CopyTo(payload, 0);
            for (int i = apsHeader.Length; i < payload.Length; i++)
            {
                payload[i] = (byte)i;
            }

            byte[] buffer = new byte[NwkLayer.HeaderRoom + payload.Length + NwkLayer.MicRoom];
            payload.CopyTo(buffer, NwkLayer.HeaderRoom);
            Assert.IsTrue(rig.Nwk.SendData(Far, buffer, NwkLayer.HeaderRoom, payload.Length) > 0, rig.Nwk.LastDrop);
            Heard sent = rig.NextAt(router, TimeSpan.FromSeconds(1));
            Assert.IsFalse(sent.Header.SourceRoute, "no room for the subframe");
            Assert.AreEqual(Far, sent.Header.Destination);
            Assert.AreEqual(Convert.ToHexString(payload), Convert.ToHexString(sent.Payload));
            var t = rig.Tshark("zbee_nwk.relay.count", "zbee_nwk.dst");
            Assert.AreEqual("", t[1][0], "tshark reads no relay list");
            Assert.AreEqual("0x5555", t[1][1]);
        }

        [TestMethod]
        public void FramesARouterRelaysForAKnownDeviceAreCheckedAgainstTheAuxiliarySource()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(RouterEui);
            rig.Nwk.AddKnownDevice(FarEui, Far);
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, Far, 0x0000, NwkRig.ApsData, 10, FarEui));
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, Far, 0x0000, NwkRig.ApsData, 10, FarEui));
            Assert.AreEqual(1, rig.Received.Count, rig.Nwk.LastDrop);
            Assert.AreEqual(Far, rig.ReceivedFrom[0]);
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.Replayed));

            // Re-secured by the router, hop by hop: the router's own counter.
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, Far, 0x0000, NwkRig.ApsData, 1, RouterEui));
            Assert.AreEqual(2, rig.Received.Count, rig.Nwk.LastDrop);

            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, 0x6666, 0x0000, NwkRig.ApsData, 1, 0x00124B0000000F99));
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.UnknownNeighbour));
            rig.Tshark("zbee_nwk.src");
        }

        [TestMethod]
        public void ARouteRequestForTheHubIsAnsweredWithARouteReply()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(RouterEui);
            ushort r = router.ShortAddress;
            var request = new NwkCommand { CommandId = NwkCommandId.RouteRequest, Options = 0, RequestId = 9, Address = 0x0000, PathCost = 2 };
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Command, Far, 0xFFFC, NwkRig.Command(request), 1, RouterEui,
                h => { h.HasSourceIeee = true; h.SourceIeee = FarEui; }));
            Heard reply = Next(rig, router, NwkCommandId.RouteReply);
            Assert.AreEqual(r, reply.Header.Destination);
            Assert.AreEqual(9, (int)reply.Command.RequestId);
            Assert.AreEqual(Far, reply.Command.Originator);
            Assert.AreEqual(0, (int)reply.Command.Responder);
            Assert.IsTrue(reply.Command.PathCost > 2);
            Assert.AreEqual(NwkRig.HubEui, reply.Command.SecondIeee);
            Assert.AreEqual(FarEui, reply.Command.Ieee);
            var t = rig.Tshark("zbee_nwk.cmd.id", "zbee_nwk.cmd.route.orig", "zbee_nwk.cmd.route.resp", "zbee_nwk.cmd.route.resp_ext");
            Assert.AreEqual("0x02", t[1][0]);
            Assert.AreEqual("0x5555", t[1][1]);
            Assert.AreEqual("0x0000", t[1][2]);
        }

        [TestMethod]
        public void AUnicastForAnotherDeviceIsRelayedOrAnsweredWithNetworkStatus()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(RouterEui);
            var other = rig.AddChild(OtherEui);
            rig.Nwk.AddKnownDevice(FarEui, Far);
            SendRouteRecord(rig, router, 1);

            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, Far, other.ShortAddress, NwkRig.ApsData, 2, RouterEui));
            Heard relayed = rig.NextAt(other, TimeSpan.FromSeconds(1));
            Assert.AreEqual(Far, relayed.Header.Source);
            Assert.AreEqual(other.ShortAddress, relayed.Header.Destination);
            Assert.AreEqual(29, (int)relayed.Header.Radius);
            Assert.AreEqual(NwkRig.HubEui, relayed.Header.Auxiliary.Source);
            Assert.AreEqual(Convert.ToHexString(NwkRig.ApsData), Convert.ToHexString(relayed.Payload));
            Assert.AreEqual(1, rig.Nwk.Relayed);
            Assert.AreEqual(0, rig.Received.Count);

            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, Far, 0x7777, NwkRig.ApsData, 3, RouterEui));
            Heard status = Next(rig, router, NwkCommandId.NetworkStatus);
            Assert.AreEqual(Far, status.Header.Destination);
            Assert.IsTrue(status.Header.SourceRoute);
            Assert.AreEqual((int)NwkLayer.StatusNoRouteAvailable, (int)status.Command.Status);
            Assert.AreEqual(0x7777, (int)status.Command.Address);
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.NoRoute));

            // The router cannot relay along the source route any more: the hub forgets it.
            var failure = new NwkCommand { CommandId = NwkCommandId.NetworkStatus, Status = NwkLayer.StatusSourceRouteFailure, Address = Far };
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Command, router.ShortAddress, 0x0000, NwkRig.Command(failure), 4, RouterEui));
            Assert.AreEqual(-1, rig.Nwk.SourceRoutes.IndexOf(Far));
            var t = rig.Tshark("zbee_nwk.cmd.id", "zbee_nwk.cmd.status", "zbee_nwk.cmd.route.dest");
            Assert.IsTrue(t.Any(f => f[0] == "0x03" && f[2] == "0x7777"), "tshark saw no network status for 0x7777: " + string.Join(" | ", t.Select(f => string.Join(",", f))));
        }

        [TestMethod]
        public void MalformedCommandsTruncatedSourceRoutesAndLongRouteRecordsAreDroppedAndCounted()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(RouterEui);
            ushort r = router.ShortAddress;
            uint counter = 1;

            // Every command cut to its identifier, and an identifier that does not exist.
            for (byte id = 1; id <= 12; id++)
            {
                rig.Sends(router, NwkRig.Frame(NwkFrameType.Command, r, 0x0000, new[] { id }, counter++, RouterEui));
            }

            rig.Sends(router, NwkRig.Frame(NwkFrameType.Command, r, 0x0000, new byte[] { 0x42, 0, 0 }, counter++, RouterEui));
            Assert.AreEqual(13, rig.Nwk.Dropped(NwkDrop.MalformedCommand), rig.Nwk.LastDrop);

            // A source route subframe cut inside its relay list, and one claiming more relays than a header holds.
            byte[] routed = NwkRig.Frame(NwkFrameType.Data, r, 0x0000, NwkRig.ApsData, counter++, RouterEui, h =>
            {
                h.SourceRoute = true;
                h.RelayCount = 3;
                h.RelayIndex = 2;
                h.Relays[0] = 1; h.Relays[1] = 2; h.Relays[2] = 3;
            });
            for (int keep = 8; keep < 8 + 2 + 6; keep++)
            {
                rig.Sends(router, routed.Take(keep).ToArray());
            }

            byte[] tooMany = (byte[])routed.Clone();
            tooMany[8] = 200;
            rig.Sends(router, tooMany);
            Assert.AreEqual(9, rig.Nwk.Dropped(NwkDrop.Malformed), rig.Nwk.LastDrop);

            // Route records longer than the table keeps, and longer than any command holds.
            var record = new NwkCommand { CommandId = NwkCommandId.RouteRecord, Count = SourceRouteTable.MaxRelays + 1 };
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Command, Far, 0x0000, NwkRig.Command(record), counter++, RouterEui));
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.RouteTooLong), rig.Nwk.LastDrop);
            byte[] huge = new byte[2 + 2 * 40];
            huge[0] = NwkCommandId.RouteRecord;
            huge[1] = 40;
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Command, Far, 0x0000, huge, counter++, RouterEui));
            Assert.AreEqual(14, rig.Nwk.Dropped(NwkDrop.MalformedCommand), rig.Nwk.LastDrop);
            Assert.AreEqual(0, rig.Nwk.SourceRoutes.Count);

            // The layer is unharmed: a good frame still gets through.
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, r, 0x0000, NwkRig.ApsData, counter++, RouterEui));
            Assert.AreEqual(1, rig.Received.Count, rig.Nwk.LastDrop);
        }

        [TestMethod]
        public void ASecondEui64UsingAKnownShortAddressIsReportedAsAnAddressConflict()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(RouterEui);
            var other = rig.AddChild(OtherEui);
            ushort taken = other.ShortAddress;
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Data, taken, 0x0000, NwkRig.ApsData, 1, RouterEui,
                h => { h.HasSourceIeee = true; h.SourceIeee = FarEui; }));
            Assert.AreEqual(0, rig.Received.Count);
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.AddressConflict), rig.Nwk.LastDrop);
            Heard status = Next(rig, router, NwkCommandId.NetworkStatus);
            Assert.AreEqual(0xFFFD, (int)status.Header.Destination);
            Assert.AreEqual((int)NwkLayer.StatusAddressConflict, (int)status.Command.Status);
            Assert.AreEqual(taken, status.Command.Address);

            // The device that owns the address is not a conflict with itself.
            rig.Sends(other, NwkRig.Frame(NwkFrameType.Data, taken, 0x0000, NwkRig.ApsData, 1, OtherEui,
                h => { h.HasSourceIeee = true; h.SourceIeee = OtherEui; }));
            Assert.AreEqual(1, rig.Received.Count, rig.Nwk.LastDrop);
            Assert.AreEqual(1, rig.Nwk.AddressConflicts);
            var t = rig.Tshark("zbee_nwk.cmd.id", "zbee_nwk.cmd.status");
            Assert.AreEqual("0x0d", t[1][1]);
        }

        private static void SendRouteRecord(NwkRig rig, EndDeviceMac router, uint counter)
        {
            var record = new NwkCommand { CommandId = NwkCommandId.RouteRecord, Count = 1 };
            record.Addresses[0] = router.ShortAddress;
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Command, Far, 0x0000, NwkRig.Command(record), counter, RouterEui, sequence: 100));
            Assert.IsTrue(rig.Nwk.SourceRoutes.IndexOf(Far) >= 0, rig.Nwk.LastDrop);
        }

        /// <summary>The next command of <paramref name="id"/> the device hears, skipping others (periodic link status, route requests).</summary>
        private static Heard Next(NwkRig rig, EndDeviceMac device, byte id)
        {
            for (int i = 0; i < 8; i++)
            {
                Heard h = rig.NextAt(device, TimeSpan.FromSeconds(1));
                if (h.Command != null && h.Command.CommandId == id)
                {
                    return h;
                }
            }

            Assert.IsTrue(false, "no NWK command 0x" + id.ToString("X2") + " heard");
            return null;
        }
    }
}
