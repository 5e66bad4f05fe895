using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Platform;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Hostile
{
    /// <summary>
    /// Frames from the air that once stopped or clogged the coordinator MAC (issue 11, items 1, 4 and 5), sent
    /// through the MRF24J40 emulator exactly as a radio would deliver them.
    /// </summary>
    [TestClass]
    public class HostileRadioTests
    {
        [TestMethod]
        public void ADataRequestWithoutASourceAddressIsIgnoredWhileARefusedResponseIsHeld()
        {
            var rig = new Rig(permitJoin: false);
            var (_, attacker) = rig.Bench.AddRadio("attacker");
            attacker.Initialize();
            attacker.SetChannel(15);
            rig.Bench.OnMainLoop(attacker.Process);

            // An Association Request from EEEE…EE (refused: joining is closed, the response is held), then a Data
            // Request to 0x0000 in PAN 0x1A62 with no source address.
            byte[] associate = Convert.FromHexString("23C801621A0000FFFFEEEEEEEEEEEEEEEE0180");
            byte[] poll = Convert.FromHexString("031802621A000004");
            Assert.IsTrue(attacker.Transmit(associate, 0, associate.Length));
            rig.Bench.Run(TimeSpan.FromMilliseconds(20));
            Assert.AreEqual(1, rig.Coordinator.IndirectFramesHeld, "the refused association response is held");
            Assert.IsTrue(attacker.Transmit(poll, 0, poll.Length));
            rig.Bench.Run(TimeSpan.FromMilliseconds(20));

            // Still alive and still a coordinator: a real device joins once joining opens.
            rig.Coordinator.PermitJoining = true;
            rig.Join(rig.Devices[0]);
            Assert.AreEqual(1, rig.Coordinator.Children.Count);
        }

        [TestMethod]
        public void NineSleepyDevicesWithinThePersistenceTimeLeaveNoChildThatNeverLearnedItsAddress()
        {
            var rig = new Rig(permitJoin: true, devices: 9);
            foreach (var d in rig.Devices)
            {
                d.RequestAssociation(RadioSelfTest.PanId);
                rig.Bench.Run(TimeSpan.FromMilliseconds(15));
            }

            // Eight responses fill the indirect queue; the ninth cannot be held, so that device is no child.
            Assert.AreEqual(8, rig.Coordinator.IndirectFramesHeld);
            Assert.AreEqual(1, rig.Coordinator.AssociationsDropped);
            var ninth = rig.Devices[8];
            Assert.AreEqual(-1, rig.Coordinator.Children.IndexOf(ninth.ExtendedAddress), "a device that cannot be answered must not stay in the child table");
            Assert.AreEqual(8, rig.Coordinator.Children.Count);

            // After the persistence time every child in the table is one that learned its short address.
            rig.Bench.Run(TimeSpan.FromSeconds(8));
            int learned = rig.Devices.Count(d => d.AssociationStatus == 0);
            Assert.AreEqual(learned, rig.Coordinator.Children.Count);
            Assert.AreEqual(0, rig.Coordinator.IndirectFramesHeld);

            // The ninth retries and joins: the table did not fill with ghosts.
            ninth.RequestAssociation(RadioSelfTest.PanId);
            rig.Bench.Run(TimeSpan.FromMilliseconds(600));
            ninth.Poll();
            Assert.IsTrue(rig.Bench.RunUntil(() => ninth.AssociationStatus == 0, TimeSpan.FromSeconds(2)), "the ninth device could not join later");
            Assert.AreEqual(learned + 1, rig.Coordinator.Children.Count);
        }

        [TestMethod]
        public void AHeldFrameWhoseTransmissionFailsAsItExpiresStillExpires()
        {
            // The child polls just before macTransactionPersistenceTime ends and never hears the answer: for some of
            // these offsets the expiry timer fires while the frame is on the air with its retries.
            int hitInFlight = 0;
            for (int early = 0; early <= 24; early += 2)
            {
                var rig = new Rig(permitJoin: true);
                var device = rig.Devices[0];
                rig.Join(device);
                byte[] payload = { 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00 };
                long sentAt = rig.Bench.Clock.MonotonicMilliseconds;
                int handle = rig.Coordinator.SendData(device.ShortAddress, payload, 0, payload.Length);
                Assert.IsTrue(handle > 0);
                rig.Bench.Run(TimeSpan.FromMilliseconds(IndirectQueue.PersistenceMilliseconds - early - (rig.Bench.Clock.MonotonicMilliseconds - sentAt)));
                rig.Bench.Medium.SetLoss(rig.HubChip, rig.Chips[0], 1.0);
                device.Poll();
                rig.Bench.Run(TimeSpan.FromMilliseconds(early + 1));
                if (!rig.Confirms.ContainsKey(handle))
                {
                    hitInFlight++;
                }

                rig.Bench.Run(TimeSpan.FromSeconds(1));
                Assert.AreEqual(MacStatus.TransactionExpired, rig.Confirms.TryGetValue(handle, out int status) ? status : -1, "poll " + early + " ms before expiry");
                Assert.AreEqual(0, rig.Coordinator.IndirectFramesHeld, "poll " + early + " ms before expiry: the frame is held for ever");
            }

            Assert.IsTrue(hitInFlight > 0, "no offset put the expiry inside the transmission; the test proves nothing");
        }

        private sealed class Rig
        {
            public Rig(bool permitJoin, int devices = 1)
            {
                Bench = new RadioBench(11);
                (HubChip, var hubRadio) = Bench.AddRadio("hub");
                Coordinator = new CoordinatorMac(hubRadio, Bench.Clock, new HostEntropy(), RadioSelfTest.HubExtendedAddress, 0xAA);
                Bench.OnMainLoop(Coordinator.Process);
                Coordinator.DataConfirm += (handle, status) => Confirms[handle] = status;
                Coordinator.Start(RadioSelfTest.PanId, 15);
                Coordinator.PermitJoining = permitJoin;
                for (int i = 0; i < devices; i++)
                {
                    var (chip, radio) = Bench.AddRadio("device" + i);
                    var d = new EndDeviceMac(radio, Bench.Clock, RadioSelfTest.DeviceExtendedAddress + (ulong)i, sleepy: true);
                    Bench.OnMainLoop(d.Process);
                    d.Start(15);
                    Chips.Add(chip);
                    Devices.Add(d);
                }
            }

            public RadioBench Bench { get; }
            public Mrf24j40Emulator HubChip { get; }
            public CoordinatorMac Coordinator { get; }
            public List<Mrf24j40Emulator> Chips { get; } = new();
            public List<EndDeviceMac> Devices { get; } = new();
            public Dictionary<int, int> Confirms { get; } = new();

            public void Join(EndDeviceMac device)
            {
                device.RequestAssociation(RadioSelfTest.PanId);
                Assert.IsTrue(Bench.RunUntil(() => device.AssociationStatus == 0, TimeSpan.FromSeconds(2)), "association failed");
                Bench.Run(TimeSpan.FromMilliseconds(20));
            }
        }
    }
}
