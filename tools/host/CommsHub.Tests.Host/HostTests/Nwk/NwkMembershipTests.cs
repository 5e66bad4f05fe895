using System;
using System.Collections.Generic;
using CommsHub.Nwk;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Nwk
{
    /// <summary>Leave both ways, secured and trust centre rejoin, and R21 end device timeouts, over the emulated radio.</summary>
    [TestClass]
    public class NwkMembershipTests
    {
        private const ulong ChildEui = 0x00124B0011223344;
        private const ulong StrangerEui = 0x00124B00DEADBEEF;

        [TestMethod]
        public void SendLeaveTellsAChildToLeaveAndForgetsItOnceSent()
        {
            var rig = new NwkRig();
            var child = rig.AddChild(ChildEui);
            ushort address = child.ShortAddress;
            int handle = rig.Nwk.SendLeave(address, ChildEui, true);
            Assert.IsTrue(handle > 0, "leave refused: " + handle);
            Heard leave = rig.NextAt(child, TimeSpan.FromSeconds(1));
            Assert.AreEqual(NwkCommandId.Leave, leave.Command.CommandId);
            Assert.AreEqual(NwkLayer.LeaveRequest | NwkLayer.LeaveRejoin, (int)leave.Command.Options);
            Assert.AreEqual(address, leave.Header.Destination);
            Assert.AreEqual(ChildEui, leave.Header.DestinationIeee);
            rig.Bench.Run(TimeSpan.FromMilliseconds(20));
            Assert.AreEqual(-1, rig.Nwk.Neighbours.IndexOf(ChildEui));
            Assert.AreEqual(-1, rig.Mac.Children.IndexOf(ChildEui));

            var t = rig.Tshark("zbee_nwk.cmd.id", "zbee_nwk.cmd.leave.request", "zbee_nwk.cmd.leave.rejoin", "zbee_nwk.dst64");
            Assert.AreEqual("0x04", t[0][0]);
            Assert.AreEqual("1", t[0][1]);
            Assert.AreEqual("1", t[0][2]);
            Assert.AreEqual("00:12:4b:00:11:22:33:44", t[0][3]);
        }

        [TestMethod]
        public void SendLeaveToASleepyChildWaitsForItsPoll()
        {
            var rig = new NwkRig();
            var child = rig.AddChild(ChildEui, sleepy: true);
            Assert.IsTrue(rig.Nwk.SendLeave(child.ShortAddress, ChildEui, false) > 0);
            rig.Bench.Run(TimeSpan.FromMilliseconds(500));
            Assert.IsTrue(rig.Mac.Children.IndexOf(ChildEui) >= 0, "forgotten before the leave was delivered");
            Assert.IsTrue(rig.HeardNothingMore(child));
            child.Poll();
            Heard leave = rig.NextAt(child, TimeSpan.FromSeconds(1));
            Assert.AreEqual(NwkLayer.LeaveRequest, (int)leave.Command.Options);
            rig.Bench.Run(TimeSpan.FromMilliseconds(50));
            Assert.AreEqual(-1, rig.Mac.Children.IndexOf(ChildEui));
            Assert.AreEqual(0, rig.Nwk.Neighbours.Count);
            rig.Tshark("zbee_nwk.cmd.id");
        }

        [TestMethod]
        public void ALeaveFromAChildIsIndicatedAndTheChildForgotten()
        {
            var rig = new NwkRig();
            var child = rig.AddChild(ChildEui);
            var left = new List<(ulong, ushort, bool)>();
            rig.Nwk.LeaveIndication += (d, s, r) => left.Add((d, s, r));
            var c = new NwkCommand { CommandId = NwkCommandId.Leave, Options = NwkLayer.LeaveRejoin };
            rig.Sends(child, NwkRig.Frame(NwkFrameType.Command, child.ShortAddress, 0xFFFD, NwkRig.Command(c), 1, ChildEui));
            Assert.AreEqual(1, left.Count, rig.Nwk.LastDrop);
            Assert.AreEqual((ChildEui, child.ShortAddress, true), left[0]);
            Assert.AreEqual(-1, rig.Mac.Children.IndexOf(ChildEui));
            Assert.AreEqual(0, rig.Nwk.Neighbours.Count);
            var t = rig.Tshark("zbee_nwk.cmd.leave.rejoin");
            Assert.AreEqual("1", t[0][0]);
        }

        [TestMethod]
        public void ALeaveFromAnUnknownDeviceOrAskingTheHubToLeaveIsDroppedAndCounted()
        {
            var rig = new NwkRig();
            var child = rig.AddChild(ChildEui);
            var left = 0;
            rig.Nwk.LeaveIndication += (d, s, r) => left++;
            byte[] leave = NwkRig.Command(new NwkCommand { CommandId = NwkCommandId.Leave, Options = 0 });

            // Secured by a device the hub never heard of.
            rig.Sends(child, NwkRig.Frame(NwkFrameType.Command, 0x7001, 0xFFFD, leave, 1, StrangerEui));
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.UnknownNeighbour), rig.Nwk.LastDrop);

            // Relayed by the child for a NWK source the hub does not know.
            rig.Sends(child, NwkRig.Frame(NwkFrameType.Command, 0x7001, 0xFFFD, leave, 2, ChildEui, sequence: 40));
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.UnknownDevice), rig.Nwk.LastDrop);

            // Asking the coordinator itself to leave.
            byte[] request = NwkRig.Command(new NwkCommand { CommandId = NwkCommandId.Leave, Options = NwkLayer.LeaveRequest });
            rig.Sends(child, NwkRig.Frame(NwkFrameType.Command, child.ShortAddress, 0x0000, request, 3, ChildEui));
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.MalformedCommand), rig.Nwk.LastDrop);
            Assert.AreEqual(0, left);
            Assert.AreEqual(1, rig.Nwk.Neighbours.Count);
        }

        [TestMethod]
        public void ASecuredRejoinKeepsTheShortAddressAndIsIndicated()
        {
            var rig = new NwkRig();
            var child = rig.AddChild(ChildEui);
            var rejoined = new List<(ulong, ushort, bool)>();
            rig.Nwk.RejoinAdmission = d => d == ChildEui;
            rig.Nwk.RejoinIndication += (d, s, secured) => rejoined.Add((d, s, secured));
            byte[] request = NwkRig.Command(new NwkCommand { CommandId = NwkCommandId.RejoinRequest, Capability = 0x8C });
            rig.Sends(child, NwkRig.Frame(NwkFrameType.Command, child.ShortAddress, 0x0000, request, 5, ChildEui,
                h => { h.HasSourceIeee = true; h.SourceIeee = ChildEui; h.Radius = 1; }));
            Heard response = rig.NextAt(child, TimeSpan.FromSeconds(1));
            Assert.AreEqual(NwkCommandId.RejoinResponse, response.Command.CommandId);
            Assert.AreEqual(0, (int)response.Command.Status);
            Assert.AreEqual(child.ShortAddress, response.Command.Address);
            Assert.IsTrue(response.Header.Security);
            Assert.AreEqual(1, rejoined.Count);
            Assert.AreEqual((ChildEui, child.ShortAddress, true), rejoined[0]);
            var t = rig.Tshark("zbee_nwk.cmd.id", "zbee_nwk.cmd.rejoin_status", "zbee_nwk.cmd.addr");
            Assert.AreEqual("0x06", t[0][0]);
            Assert.AreEqual("0x07", t[1][0]);
            Assert.AreEqual("0x" + child.ShortAddress.ToString("x4"), t[1][2]);
        }

        [TestMethod]
        public void ATrustCentreRejoinOfADeviceTheHubDoesNotKnowGetsAnAddressUnsecured()
        {
            var rig = new NwkRig();
            var node = new RawNode(rig, StrangerEui);
            var rejoined = new List<(ulong, ushort, bool)>();
            rig.Nwk.RejoinAdmission = d => d == StrangerEui;
            rig.Nwk.RejoinIndication += (d, s, secured) => rejoined.Add((d, s, secured));
            byte[] request = NwkRig.Command(new NwkCommand { CommandId = NwkCommandId.RejoinRequest, Capability = 0x8E });
            node.SendFromExtended(rig, NwkRig.Frame(NwkFrameType.Command, 0x4321, 0x0000, request, 1, 0,
                h => { h.HasSourceIeee = true; h.SourceIeee = StrangerEui; h.Radius = 1; }));
            Assert.IsTrue(rig.Bench.RunUntil(() => node.Received.Count == 1, TimeSpan.FromSeconds(1)), rig.Nwk.LastDrop);
            Assert.AreEqual(StrangerEui, node.ReceivedTo[0].Extended, "the response goes to the device's EUI-64");
            Heard response = rig.Open(node.Received[0]);
            Assert.IsFalse(response.Header.Security, "a trust centre rejoin is answered without NWK security");
            Assert.AreEqual(0, (int)response.Command.Status);
            ushort address = response.Command.Address;
            Assert.IsTrue(address != 0xFFFF && address != 0x0000);
            Assert.AreEqual(address, rig.Mac.Children.ShortAt(rig.Mac.Children.IndexOf(StrangerEui)));
            Assert.IsTrue(rig.Nwk.Neighbours.IndexOf(StrangerEui) >= 0);
            Assert.AreEqual((StrangerEui, address, false), rejoined[0]);
            rig.Tshark("zbee_nwk.cmd.rejoin_status");
        }

        [TestMethod]
        public void ARejoinTheTrustCentreDoesNotAdmitIsRefusedAndTheDefaultDenies()
        {
            var rig = new NwkRig();
            var node = new RawNode(rig, StrangerEui);
            int rejoined = 0;
            rig.Nwk.RejoinIndication += (d, s, secured) => rejoined++;
            byte[] request = NwkRig.Command(new NwkCommand { CommandId = NwkCommandId.RejoinRequest, Capability = 0x8E });
            node.SendFromExtended(rig, NwkRig.Frame(NwkFrameType.Command, 0x4321, 0x0000, request, 1, 0,
                h => { h.HasSourceIeee = true; h.SourceIeee = StrangerEui; }));
            Assert.IsTrue(rig.Bench.RunUntil(() => node.Received.Count == 1, TimeSpan.FromSeconds(1)));
            Assert.AreEqual((int)NwkLayer.RejoinAccessDenied, (int)rig.Open(node.Received[0]).Command.Status);

            rig.Nwk.RejoinAdmission = d => false;
            node.SendFromExtended(rig, NwkRig.Frame(NwkFrameType.Command, 0x4321, 0x0000, request, 2, StrangerEui,
                h => { h.HasSourceIeee = true; h.SourceIeee = StrangerEui; }));
            Assert.IsTrue(rig.Bench.RunUntil(() => node.Received.Count == 2, TimeSpan.FromSeconds(1)));
            Assert.AreEqual((int)NwkLayer.RejoinAccessDenied, (int)rig.Open(node.Received[1]).Command.Status);
            Assert.AreEqual(2, rig.Nwk.RejoinsRefused);
            Assert.AreEqual(0, rejoined);
            Assert.AreEqual(-1, rig.Mac.Children.IndexOf(StrangerEui));
            Assert.AreEqual(0, rig.Nwk.Neighbours.Count);
        }

        [TestMethod]
        public void ARejoinRequestNotSentByTheDeviceItNamesIsDropped()
        {
            var rig = new NwkRig();
            var router = rig.AddChild(ChildEui);
            int rejoined = 0;
            rig.Nwk.RejoinAdmission = d => true;
            rig.Nwk.RejoinIndication += (d, s, secured) => rejoined++;
            byte[] request = NwkRig.Command(new NwkCommand { CommandId = NwkCommandId.RejoinRequest, Capability = 0x8C });

            // Relayed: the NWK source is another device, the frame secured by the router.
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Command, 0x6001, 0x0000, request, 1, ChildEui));

            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.MalformedCommand), rig.Nwk.LastDrop);

            // One hop, but naming another EUI-64 as NWK source IEEE for the router's own short address.
            rig.Sends(router, NwkRig.Frame(NwkFrameType.Command, router.ShortAddress, 0x0000, request, 2, ChildEui,
                h => { h.HasSourceIeee = true; h.SourceIeee = StrangerEui; }));
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.AddressConflict), rig.Nwk.LastDrop);
            Assert.AreEqual(0, rejoined);
            Assert.AreEqual(-1, rig.Mac.Children.IndexOf(StrangerEui));
            Assert.AreEqual(1, rig.Mac.Children.Count);
        }

        [TestMethod]
        public void AnEndDeviceTimeoutIsAnsweredAndASilentChildAgedOut()
        {
            var rig = new NwkRig();
            var child = rig.AddChild(ChildEui);
            byte[] tenSeconds = NwkRig.Command(new NwkCommand { CommandId = NwkCommandId.EndDeviceTimeoutRequest, Timeout = 0, Configuration = 0 });
            rig.Sends(child, NwkRig.Frame(NwkFrameType.Command, child.ShortAddress, 0x0000, tenSeconds, 1, ChildEui, h => h.EndDeviceInitiator = true));
            Heard response = rig.NextAt(child, TimeSpan.FromSeconds(1));
            Assert.AreEqual(NwkCommandId.EndDeviceTimeoutResponse, response.Command.CommandId);
            Assert.AreEqual((int)EndDeviceTimeoutPolicy.Success, (int)response.Command.Status);
            Assert.AreEqual(10000L, rig.Nwk.Neighbours.TimeoutAt(rig.Nwk.Neighbours.IndexOf(ChildEui)));

            byte[] tooLong = NwkRig.Command(new NwkCommand { CommandId = NwkCommandId.EndDeviceTimeoutRequest, Timeout = 15, Configuration = 0 });
            rig.Sends(child, NwkRig.Frame(NwkFrameType.Command, child.ShortAddress, 0x0000, tooLong, 2, ChildEui));
            Assert.AreEqual((int)EndDeviceTimeoutPolicy.IncorrectValue, (int)rig.NextAt(child, TimeSpan.FromSeconds(1)).Command.Status);
            Assert.AreEqual(10000L, rig.Nwk.Neighbours.TimeoutAt(rig.Nwk.Neighbours.IndexOf(ChildEui)), "a refused value changed the timeout");

            // Heard at 6 s: still a child at 12 s; silent since, gone by 17 s.
            rig.Bench.Run(TimeSpan.FromSeconds(6));
            rig.Sends(child, NwkRig.Frame(NwkFrameType.Data, child.ShortAddress, 0x0000, NwkRig.ApsData, 3, ChildEui));
            rig.Bench.Run(TimeSpan.FromSeconds(6));
            rig.Nwk.Process();
            Assert.IsTrue(rig.Mac.Children.IndexOf(ChildEui) >= 0, "aged out while it was talking");
            rig.Bench.Run(TimeSpan.FromSeconds(5));
            rig.Nwk.Process();
            Assert.AreEqual(-1, rig.Mac.Children.IndexOf(ChildEui));
            Assert.AreEqual(0, rig.Nwk.Neighbours.Count);
            Assert.AreEqual(1, rig.Nwk.ChildrenAgedOut);
            var t = rig.Tshark("zbee_nwk.cmd.id", "zbee_nwk.cmd.ed_tmo_rsp_status", "zbee_nwk.cmd.ed_prnt_info.mac_data_poll_keepalive");
            Assert.AreEqual("0x0b", t[0][0]);
            Assert.AreEqual("0x0c", t[1][0]);
            Assert.AreEqual("1", t[1][2]);
        }

        [TestMethod]
        public void ASleepyChildsPollsKeepItAlive()
        {
            var rig = new NwkRig();
            var child = rig.AddChild(ChildEui, sleepy: true);
            byte[] tenSeconds = NwkRig.Command(new NwkCommand { CommandId = NwkCommandId.EndDeviceTimeoutRequest, Timeout = 0, Configuration = 0 });
            rig.Sends(child, NwkRig.Frame(NwkFrameType.Command, child.ShortAddress, 0x0000, tenSeconds, 1, ChildEui));
            child.Poll();
            Assert.AreEqual(NwkCommandId.EndDeviceTimeoutResponse, rig.NextAt(child, TimeSpan.FromSeconds(1)).Command.CommandId);
            for (int i = 0; i < 6; i++)
            {
                rig.Bench.Run(TimeSpan.FromSeconds(5));
                child.Poll();
                rig.Bench.Run(TimeSpan.FromMilliseconds(50));
                rig.Nwk.Process();
            }

            Assert.IsTrue(rig.Mac.Children.IndexOf(ChildEui) >= 0, "a polling child was aged out");
            rig.Bench.Run(TimeSpan.FromSeconds(11));
            rig.Nwk.Process();
            Assert.AreEqual(-1, rig.Mac.Children.IndexOf(ChildEui));
        }
    }
}
