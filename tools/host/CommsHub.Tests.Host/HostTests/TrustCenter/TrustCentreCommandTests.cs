using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Aps;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.Storage.Network;
using CommsHub.Storage.W25q;
using CommsHub.Tests.HostTests.Security;
using CommsHub.TrustCenter;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.TrustCenter
{
    /// <summary>
    /// The trust centre's APS commands on the hub's real MAC, NWK and APS layers over the emulated radio: removal with
    /// leave and key rotation, Verify-Key, Request-Key, Update-Device from a router, trust-centre rejoin, and the bad
    /// cases (an undelivered Transport-Key, a full link-key table, a command from a stranger, a wrong hash). Every frame
    /// on the medium goes through tshark with the keys.
    /// </summary>
    [TestClass]
    public class TrustCentreCommandTests
    {
        private const string NwkKeyHex = "00112233445566778899AABBCCDDEEFF";
        private const ulong HubEui = 0x00124B00AABBCCDD;
        private const ulong MeterEui = 0x00124B0011223344;
        private const ulong PpmidEui = 0x00124B0055667788;
        private const ulong ChildEui = 0x00124B0099AABBCC;
        private const ulong StrangerEui = 0x00124B00BADBAD00;
        private const ushort PanId = 0x2B3C;

        private static readonly Dictionary<ulong, string> Codes = new()
        {
            [MeterEui] = "83FED3407A939723A5C639B26916D505",
            [PpmidEui] = "1122334455667788",
            [ChildEui] = "83FED3407A939738",
        };

        [TestMethod]
        public void ARemovedDeviceIsToldToLeaveLosesItsKeyAndTheOthersGetANewNetworkKeyThenASwitch()
        {
            var rig = new Rig();
            var meter = rig.JoinDevice(MeterEui);
            var ppmid = rig.JoinDevice(PpmidEui);
            int before = ppmid.ReceivedData.Count;

            rig.Log.Remove(PpmidEui);
            rig.Tc.RemoveDevice(PpmidEui);
            Assert.AreEqual(PpmidEui, rig.Leave.Asked.Single());
            Assert.AreEqual(-1, rig.Tc.LinkKeys.IndexOf(PpmidEui), "the removed device's link key is still held");
            Assert.IsTrue(rig.Bench.RunUntil(() => meter.ReceivedData.Count == 2, TimeSpan.FromSeconds(1)), "no new key for the meter");
            Assert.AreEqual(before, ppmid.ReceivedData.Count, "the removed device was sent the new key");
            Assert.AreEqual(1, rig.Tc.KeyTransportsForRotation);

            // The meter reads the new key under its own link key's key-transport key, inside the current network key.
            var key = rig.DecryptCommand(meter.ReceivedData[1], MeterEui, out int keyId);
            Assert.AreEqual(AuxiliaryHeader.KeyIdKeyTransport, keyId);
            Assert.AreEqual((int)ApsCommandId.TransportKey, (int)key.CommandId);
            Assert.AreEqual((int)ApsCommandId.KeyTypeNetwork, (int)key.KeyType);
            Assert.AreEqual(1, (int)key.KeySequence);
            string newKey = Convert.ToHexString(key.Key);
            Assert.AreNotEqual(NwkKeyHex, newKey);
            Assert.AreEqual(0, (int)rig.Nwk.Network.KeySequence, "switched before the Switch-Key");

            // After the policy's delay: saved, then Switch-Key, then the hub uses the new key.
            rig.Bench.Run(TimeSpan.FromMilliseconds(KeyRotationPolicy.SwitchDelayMilliseconds + 100));
            Assert.AreEqual(1, rig.Tc.KeySwitches);
            Assert.AreEqual(1, (int)rig.Nwk.Network.KeySequence);
            Assert.AreEqual(newKey, Convert.ToHexString(rig.Nwk.Network.NetworkKey));
            var reboot = new NetworkStore(rig.Flash, 64 * 4096);
            reboot.Mount();
            Assert.AreEqual(1, (int)reboot.Network.KeySequence, "the new key was not saved");
            Assert.AreEqual(newKey, Convert.ToHexString(reboot.Network.NetworkKey));
            Assert.IsTrue(rig.Bench.RunUntil(() => meter.ReceivedData.Count == 3, TimeSpan.FromSeconds(1)), "no Switch-Key");
            var n = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(meter.ReceivedData[2], 0, meter.ReceivedData[2].Length, n, SecurityLevel.Zigbee));
            Assert.AreEqual(0, (int)n.Auxiliary.KeySequence, "the Switch-Key must go under the old key");
            var sw = rig.DecryptCommand(meter.ReceivedData[2], MeterEui, out keyId);
            Assert.AreEqual((int)ApsCommandId.SwitchKey, (int)sw.CommandId);
            Assert.AreEqual(1, (int)sw.KeySequence);

            // The removed device, still holding the old key: its frames are dropped and it cannot associate again.
            int delivered = rig.Delivered;
            ppmid.SendData(Frames.SecuredNwk(Convert.FromHexString(NwkKeyHex), 0, ppmid.ShortAddress, PpmidEui, 500, Convert.FromHexString("40011900090101001D0101003412000100000000")));
            rig.Bench.Run(TimeSpan.FromMilliseconds(100));
            Assert.AreEqual(delivered, rig.Delivered, "a frame under the old key was accepted");
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.WrongKeySequence), rig.Nwk.LastDrop);
            Assert.AreEqual(-1, rig.Mac.Children.IndexOf(PpmidEui), "the MAC still holds the removed child");
            ppmid.RequestAssociation(PanId);
            rig.Bench.RunUntil(() => rig.Tc.RefusedNotInLog > 0, TimeSpan.FromSeconds(2));
            rig.Bench.Run(TimeSpan.FromSeconds(1));
            Assert.AreEqual(-1, rig.Mac.Children.IndexOf(PpmidEui), "the removed device associated again");
            Assert.AreEqual(1, rig.Tc.RefusedNotInLog, rig.Tc.LastProblem);

            rig.Tshark(newKey);
        }

        [TestMethod]
        public void VerifyKeyIsConfirmedForTheRightHashAndRefusedForAWrongOneCounted()
        {
            var rig = new Rig();
            var meter = rig.JoinDevice(MeterEui);
            byte[] hash = new byte[16];
            new KeyedHash(new DotNetAes()).Compute(rig.LinkKey(MeterEui), 0, TrustCentre.VerifyKeyHashInput, hash, 0);
            meter.SendData(rig.FromDevice(MeterEui, meter.ShortAddress, 30, "0F" + "04" + Hex64(MeterEui) + Convert.ToHexString(hash)));
            Assert.IsTrue(rig.Bench.RunUntil(() => meter.ReceivedData.Count == 2, TimeSpan.FromSeconds(1)), "no Confirm-Key: " + rig.Aps.LastDrop);
            var confirm = rig.DecryptCommand(meter.ReceivedData[1], MeterEui, out int keyId);
            Assert.AreEqual(AuxiliaryHeader.KeyIdData, keyId);
            Assert.AreEqual((int)ApsCommandId.ConfirmKey, (int)confirm.CommandId);
            Assert.AreEqual(0, (int)confirm.Status);
            Assert.AreEqual(MeterEui, confirm.DestinationIeee);
            Assert.AreEqual(1, rig.Tc.KeysVerified);

            hash[0] ^= 1;
            meter.SendData(rig.FromDevice(MeterEui, meter.ShortAddress, 31, "0F" + "04" + Hex64(MeterEui) + Convert.ToHexString(hash)));
            Assert.IsTrue(rig.Bench.RunUntil(() => meter.ReceivedData.Count == 3, TimeSpan.FromSeconds(1)), "no Confirm-Key for the wrong hash");
            confirm = rig.DecryptCommand(meter.ReceivedData[2], MeterEui, out _);
            Assert.AreEqual((int)TrustCentre.ConfirmSecurityFailure, (int)confirm.Status);
            Assert.AreEqual(1, rig.Tc.VerifyKeyFailures);
            Assert.AreEqual(1, rig.Tc.KeysVerified);
            var fields = rig.Tshark(null, "zbee_aps.cmd.id");
            Assert.IsTrue(fields.Any(f => f[0] == "0x10"), "tshark saw no Confirm-Key: " + string.Join("|", fields.Select(f => f[0])));
        }

        [TestMethod]
        public void AVerifyKeyUnderNwkSecurityAloneIsConfirmedButOtherUnsecuredCommandsAreDropped()
        {
            // R21 devices send Verify-Key APS-unsecured (it holds only a hash); anything else must be APS-secured.
            var rig = new Rig();
            var meter = rig.JoinDevice(MeterEui);
            byte[] hash = new byte[16];
            new KeyedHash(new DotNetAes()).Compute(rig.LinkKey(MeterEui), 0, TrustCentre.VerifyKeyHashInput, hash, 0);
            byte[] nwkKey = Convert.FromHexString(NwkKeyHex);
            meter.SendData(Frames.SecuredNwk(nwkKey, 0, meter.ShortAddress, MeterEui, 40, Convert.FromHexString("0128" + "0F" + "04" + Hex64(MeterEui) + Convert.ToHexString(hash))));
            Assert.IsTrue(rig.Bench.RunUntil(() => meter.ReceivedData.Count == 2, TimeSpan.FromSeconds(1)), "no Confirm-Key: " + rig.Aps.LastDrop);
            var confirm = rig.DecryptCommand(meter.ReceivedData[1], MeterEui, out _);
            Assert.AreEqual((int)ApsCommandId.ConfirmKey, (int)confirm.CommandId);
            Assert.AreEqual(0, (int)confirm.Status);

            int dropped = rig.Aps.Dropped(ApsDrop.UnsecuredCommand);
            meter.SendData(Frames.SecuredNwk(nwkKey, 0, meter.ShortAddress, MeterEui, 41, Convert.FromHexString("0129" + "08" + "04")));
            rig.Bench.RunUntil(() => false, TimeSpan.FromMilliseconds(200));
            Assert.AreEqual(dropped + 1, rig.Aps.Dropped(ApsDrop.UnsecuredCommand), "an APS-unsecured Request-Key was not dropped");
            Assert.AreEqual(2, meter.ReceivedData.Count);
        }

        [TestMethod]
        public void RequestKeyForTheTrustCentreLinkKeyIsAnsweredAndForAnApplicationKeyRefused()
        {
            var rig = new Rig();
            var meter = rig.JoinDevice(MeterEui);
            meter.SendData(rig.FromDevice(MeterEui, meter.ShortAddress, 40, "08" + "04"));
            Assert.IsTrue(rig.Bench.RunUntil(() => meter.ReceivedData.Count == 2, TimeSpan.FromSeconds(1)), "no answer: " + rig.Aps.LastDrop);
            var answer = rig.DecryptCommand(meter.ReceivedData[1], MeterEui, out int keyId);
            Assert.AreEqual(AuxiliaryHeader.KeyIdKeyTransport, keyId);
            Assert.AreEqual((int)ApsCommandId.KeyTypeTrustCenterLink, (int)answer.KeyType);
            Assert.AreEqual(Convert.ToHexString(rig.LinkKey(MeterEui)), Convert.ToHexString(answer.Key));
            Assert.AreEqual(1, rig.Tc.KeyRequestsAnswered);

            meter.SendData(rig.FromDevice(MeterEui, meter.ShortAddress, 41, "08" + "02" + Hex64(PpmidEui)));
            rig.Bench.Run(TimeSpan.FromMilliseconds(200));
            // (The MAC may repeat a frame whose ack it missed: distinct frames are what the hub sent.)
            Assert.AreEqual(2, meter.ReceivedData.Select(Convert.ToHexString).Distinct().Count(), "an application link key request was answered");
            Assert.AreEqual(1, rig.Tc.KeyRequestsRefused);
            Assert.IsTrue(rig.Reports.Any(r => r.Contains("no application link keys")), string.Join("|", rig.Reports));
            rig.Tshark(null);
        }

        [TestMethod]
        public void UpdateDeviceFromARouterAdmitsAListedChildWithATunnelledKeyAndRemovesAStranger()
        {
            var rig = new Rig();
            var router = rig.JoinDevice(MeterEui);
            string childShort = "3412";
            Send(router, rig, 50, "06" + Hex64(ChildEui) + childShort + "01");
            Assert.IsTrue(rig.Bench.RunUntil(() => router.ReceivedData.Count == 2, TimeSpan.FromSeconds(1)), "no tunnel: " + rig.Aps.LastDrop + " / " + rig.Tc.LastProblem);
            Assert.AreEqual(1, rig.Tc.RouterJoinsAdmitted);

            // The Tunnel is NWK-secured only; inside, the Transport-Key under the child's own key-transport key.
            byte[] tunnel = rig.DecryptNwk(router.ReceivedData[1], out int apsOffset, out int apsLength);
            var outer = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(tunnel, apsOffset, apsLength, outer, SecurityLevel.Zigbee));
            Assert.IsFalse(outer.Security);
            Assert.AreEqual((int)ApsCommandId.Tunnel, (int)tunnel[outer.PayloadOffset]);
            Assert.AreEqual(ChildEui, BitConverter.ToUInt64(tunnel, outer.PayloadOffset + 1));
            int inner = outer.PayloadOffset + 9;
            var innerHeader = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(tunnel, inner, outer.PayloadOffset + outer.PayloadLength - inner, innerHeader, SecurityLevel.Zigbee));
            Assert.AreEqual(AuxiliaryHeader.KeyIdKeyTransport, innerHeader.Auxiliary.KeyId);
            var security = new FrameSecurity(new DotNetAes());
            security.SetKey(rig.TransportKey(ChildEui), 0);
            Assert.IsNull(security.Unsecure(tunnel, inner, innerHeader.HeaderLength, innerHeader.PayloadLength, innerHeader.Auxiliary, innerHeader.Auxiliary.Source));
            var command = new ApsCommand();
            Assert.IsNull(ApsCommandCodec.Decode(tunnel, innerHeader.PayloadOffset, innerHeader.PayloadLength, command));
            Assert.AreEqual(NwkKeyHex, Convert.ToHexString(command.Key));
            Assert.AreEqual(ChildEui, command.DestinationIeee);

            // A stranger through the same router: Remove-Device to the router under the router's link key.
            Send(router, rig, 51, "06" + Hex64(StrangerEui) + "7856" + "01");
            Assert.IsTrue(rig.Bench.RunUntil(() => router.ReceivedData.Count == 3, TimeSpan.FromSeconds(1)), "no Remove-Device");
            var remove = rig.DecryptCommand(router.ReceivedData[2], MeterEui, out int keyId);
            Assert.AreEqual(AuxiliaryHeader.KeyIdData, keyId);
            Assert.AreEqual((int)ApsCommandId.RemoveDevice, (int)remove.CommandId);
            Assert.AreEqual(StrangerEui, remove.DestinationIeee);
            Assert.AreEqual(1, rig.Tc.RouterJoinsRefused);
            Assert.AreEqual(1, rig.Tc.RefusedNotInLog);
            Assert.IsTrue(rig.Log.Refusals.Any(r => r.Contains("not in the Device Log")), "the refusal did not reach the log for the head-end");
            rig.Tshark(null, "zbee_aps.cmd.id");
        }

        [TestMethod]
        public void ATrustCentreRejoinGetsTheNetworkKeyAgainAndAnUnlistedRejoinerIsToldToLeave()
        {
            var rig = new Rig();
            var meter = rig.JoinDevice(MeterEui);
            rig.Tc.OnRejoin(MeterEui, meter.ShortAddress, true);
            rig.Bench.Run(TimeSpan.FromMilliseconds(100));
            Assert.AreEqual(1, meter.ReceivedData.Count, "a secured rejoin needs no key");
            rig.Tc.OnRejoin(MeterEui, meter.ShortAddress, false);
            Assert.IsTrue(rig.Bench.RunUntil(() => meter.ReceivedData.Count == 2, TimeSpan.FromSeconds(1)), "no Transport-Key after a trust-centre rejoin");
            Assert.AreEqual(1, rig.Tc.RejoinsServed);
            var n = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(meter.ReceivedData[1], 0, meter.ReceivedData[1].Length, n, SecurityLevel.Zigbee));
            Assert.IsFalse(n.Security, "a device that lost the key cannot read a NWK-secured frame");

            rig.Tc.OnRejoin(StrangerEui, 0x4444, true);
            Assert.AreEqual(1, rig.Tc.RejoinsRefused);
            Assert.AreEqual(StrangerEui, rig.Leave.Asked.Single());
        }

        [TestMethod]
        public void ATransportKeyNeverTakenIsSentAgainThenGivenUpCountedAndReported()
        {
            var rig = new Rig();
            rig.Tc.OpenJoining(600);
            var sleeper = rig.AddDevice(MeterEui, sleepy: true);
            Assert.IsTrue(rig.Join(sleeper));

            // It never polls again: each copy expires in the MAC's indirect queue.
            rig.Bench.Run(TimeSpan.FromSeconds(40));
            Assert.AreEqual(TransportKeyRetryPolicy.Attempts - 1, rig.Tc.TransportKeyRetries);
            Assert.AreEqual(1, rig.Tc.TransportKeysUndelivered);
            Assert.IsTrue(rig.Reports.Any(r => r.Contains("not delivered")), string.Join("|", rig.Reports));
            rig.Bench.Run(TimeSpan.FromSeconds(20));
            Assert.AreEqual(TransportKeyRetryPolicy.Attempts - 1, rig.Tc.TransportKeyRetries, "it kept retrying");
        }

        [TestMethod]
        public void AFullLinkKeyTableRefusesTheKeyCleanlyAndFreesTheChildsPlace()
        {
            var rig = new Rig();
            for (int i = 0; i < TrustCentre.LinkKeyCapacity; i++)
            {
                Assert.IsTrue(rig.Tc.LinkKeys.Put(0x1000UL + (ulong)i, new byte[16], 0) >= 0);
            }

            rig.Tc.OpenJoining(60);
            var meter = rig.AddDevice(MeterEui);
            rig.Join(meter);
            rig.Bench.Run(TimeSpan.FromMilliseconds(200));
            Assert.AreEqual(1, rig.Tc.TransportKeyFailures);
            Assert.AreEqual(0, rig.Tc.TransportKeysSent);
            Assert.IsTrue(rig.Reports.Any(r => r.Contains("link key table is full")), string.Join("|", rig.Reports));
            Assert.AreEqual(0, rig.Mac.Children.Count, "the keyless child kept its place");
        }

        [TestMethod]
        public void ApsCommandsFromAStrangerOrUndecodableAreDroppedAndCounted()
        {
            var rig = new Rig();
            var meter = rig.JoinDevice(MeterEui);

            // Secured with a key the hub does not hold for that sender: the APS layer drops it before the trust centre.
            byte[] stranger = Frames.SecuredApsCommand(Convert.FromHexString(NwkKeyHex), new byte[16], meter.ShortAddress, MeterEui, StrangerEui, 60, Convert.FromHexString("0804"));
            meter.SendData(stranger);
            rig.Bench.Run(TimeSpan.FromMilliseconds(100));
            Assert.AreEqual(1, rig.Aps.Dropped(ApsDrop.NoLinkKey), rig.Aps.LastDrop);

            // A truncated Verify-Key and a Switch-Key from a device: the trust centre drops them, counted, never throws.
            meter.SendData(rig.FromDevice(MeterEui, meter.ShortAddress, 61, "0F04"));
            rig.Bench.Run(TimeSpan.FromMilliseconds(100));
            meter.SendData(rig.FromDevice(MeterEui, meter.ShortAddress, 62, "0901"));
            rig.Bench.Run(TimeSpan.FromMilliseconds(200));
            Assert.AreEqual(2, rig.Tc.CommandsDropped, rig.Tc.LastProblem);
            Assert.AreEqual(1, meter.ReceivedData.Count, "the hub answered a dropped command");
        }

        private static void Send(EndDeviceMac device, Rig rig, uint counter, string command)
        {
            device.SendData(rig.FromDevice(device.ExtendedAddress, device.ShortAddress, counter, command));
        }

        private static string Hex64(ulong value) => Convert.ToHexString(BitConverter.GetBytes(value));

        /// <summary>Device-side frames built with the pure codecs (tshark checks what the hub makes of them).</summary>
        internal static class Frames
        {
            public static byte[] SecuredNwk(byte[] nwkKey, byte keySequence, ushort source, ulong eui, uint counter, byte[] apsFrame)
            {
                var h = new NwkHeader();
                h.Reset();
                h.Security = true;
                h.Destination = 0x0000;
                h.Source = source;
                h.Radius = 30;
                h.Sequence = (byte)counter;
                h.Auxiliary.Source = eui;
                h.Auxiliary.FrameCounter = counter;
                h.Auxiliary.KeySequence = keySequence;
                int headerLength = NwkFrameCodec.HeaderLength(h);
                byte[] buffer = new byte[headerLength + apsFrame.Length + 4];
                NwkFrameCodec.EncodeHeader(h, buffer, 0);
                apsFrame.CopyTo(buffer, headerLength);
                var security = new FrameSecurity(new DotNetAes());
                security.SetKey(nwkKey, 0);
                return buffer.AsSpan(0, security.Secure(buffer, 0, headerLength, apsFrame.Length, h.Auxiliary, eui)).ToArray();
            }

            /// <summary>An APS command secured with <paramref name="linkKey"/> (key id data, extended nonce) inside a NWK-secured frame.</summary>
            public static byte[] SecuredApsCommand(byte[] nwkKey, byte[] linkKey, ushort source, ulong nwkEui, ulong eui, uint counter, byte[] command)
            {
                var a = new ApsHeader
                {
                    FrameType = ApsFrameType.Command,
                    DeliveryMode = ApsFrameType.Unicast,
                    Security = true,
                    Counter = (byte)counter,
                };
                a.Auxiliary.KeyId = AuxiliaryHeader.KeyIdData;
                a.Auxiliary.ExtendedNonce = true;
                a.Auxiliary.Source = eui;
                a.Auxiliary.FrameCounter = counter;
                int headerLength = ApsFrameCodec.HeaderLength(a);
                byte[] aps = new byte[headerLength + command.Length + 4];
                ApsFrameCodec.EncodeHeader(a, aps, 0);
                command.CopyTo(aps, headerLength);
                var security = new FrameSecurity(new DotNetAes());
                security.SetKey(linkKey, 0);
                int length = security.Secure(aps, 0, headerLength, command.Length, a.Auxiliary, eui);
                return SecuredNwk(nwkKey, 0, source, nwkEui, counter, aps.AsSpan(0, length).ToArray());
            }
        }

        private sealed class FakeLog : IDeviceLog
        {
            private readonly HashSet<ulong> _listed = new() { MeterEui, PpmidEui, ChildEui };

            public List<string> Refusals { get; } = new();

            public void Remove(ulong device) => _listed.Remove(device);

            public int InstallCodeOf(ulong eui64, byte[] code)
            {
                if (!_listed.Contains(eui64))
                {
                    return 0;
                }

                byte[] c = Convert.FromHexString(Codes[eui64]);
                c.CopyTo(code, 0);
                return c.Length;
            }

            public bool JoinWindowOpen(ulong eui64, long nowMilliseconds) => false;

            public bool AnyJoinWindowOpen(long nowMilliseconds) => false;

            public void JoinRefused(ulong eui64, string why) => Refusals.Add(why);
        }

        private sealed class FakeLeave : INetworkLeave
        {
            public List<ulong> Asked { get; } = new();

            public bool RequestLeave(ulong device, bool rejoin)
            {
                Asked.Add(device);
                return true;
            }
        }

        private sealed class KeySaver : INetworkKeyStore
        {
            private readonly NetworkStore _store;

            public KeySaver(NetworkStore store) => _store = store;

            public void Save(NetworkParameters network) => _store.Save(network);
        }

        private sealed class Rig
        {
            private readonly DotNetAes _aes = new();

            public Rig()
            {
                Bench = new RadioBench(7);
                var (_, hubRadio) = Bench.AddRadio("hub");
                Flash = new W25qFlash(new NorFlashEmulator(0x14));
                Flash.Identify();
                var store = new NetworkStore(Flash, 64 * 4096);
                store.Mount();
                var network = new NetworkParameters { ExtendedPanId = HubEui, PanId = PanId, Channel = 18 };
                Convert.FromHexString(NwkKeyHex).CopyTo(network.NetworkKey, 0);
                store.Save(network);
                Mac = new CoordinatorMac(hubRadio, Bench.Clock, new HostEntropy(), HubEui, HubEui);
                Nwk = new NwkLayer(Mac, _aes, store, network, HubEui, 8);
                Nwk.DataIndication += (h, buffer, offset, length) => Delivered++;
                Tc = new TrustCentre(Mac, Nwk, _aes, Log, Bench.Clock, store)
                {
                    Leave = Leave,
                    KeyStore = new KeySaver(store),
                    Entropy = new HostEntropy(),
                };
                Aps = new ApsLayer(Nwk, _aes, Tc.LinkKeys, store, Bench.Clock);
                Tc.Attach(Aps);
                Tc.Reported += Reports.Add;
                Bench.OnMainLoop(() =>
                {
                    Mac.Process();
                    Tc.Process();
                });
                Mac.Start(PanId, 18);
            }

            public RadioBench Bench { get; }
            public W25qFlash Flash { get; }
            public CoordinatorMac Mac { get; }
            public NwkLayer Nwk { get; }
            public TrustCentre Tc { get; }
            public ApsLayer Aps { get; }
            public FakeLog Log { get; } = new();
            public FakeLeave Leave { get; } = new();
            public List<string> Reports { get; } = new();
            public int Delivered { get; private set; }

            public EndDeviceMac AddDevice(ulong eui, bool sleepy = false)
            {
                var (_, radio) = Bench.AddRadio("device-" + eui.ToString("X"));
                var device = new EndDeviceMac(radio, Bench.Clock, eui, sleepy);
                Bench.OnMainLoop(device.Process);
                device.Start(18);
                return device;
            }

            public bool Join(EndDeviceMac device)
            {
                device.RequestAssociation(PanId);
                Bench.RunUntil(() => device.AssociationStatus != 0xFF, TimeSpan.FromSeconds(2));
                Bench.Run(TimeSpan.FromMilliseconds(20));
                return device.AssociationStatus == 0;
            }

            /// <summary>A listed rx-on device joined and holding the network key.</summary>
            public EndDeviceMac JoinDevice(ulong eui)
            {
                Tc.OpenJoining(600);
                var device = AddDevice(eui);
                Assert.IsTrue(Join(device), "association failed");
                Assert.IsTrue(Bench.RunUntil(() => device.ReceivedData.Count == 1, TimeSpan.FromSeconds(1)), "no Transport-Key");
                return device;
            }

            public byte[] LinkKey(ulong eui)
            {
                byte[] code = Convert.FromHexString(Codes[eui]);
                byte[] key = new byte[16];
                Assert.IsNull(new InstallCode(_aes).DeriveFromCode(code, 0, code.Length, key, 0));
                return key;
            }

            public byte[] TransportKey(ulong eui)
            {
                byte[] key = new byte[16];
                new KeyedHash(_aes).KeyTransportKey(LinkKey(eui), 0, key, 0);
                return key;
            }

            /// <summary>An APS command from a joined device under its link key (key id data) and the network key.</summary>
            public byte[] FromDevice(ulong eui, ushort source, uint counter, string commandHex)
                => Frames.SecuredApsCommand(Convert.FromHexString(NwkKeyHex), LinkKey(eui), source, eui, eui, counter, Convert.FromHexString(commandHex));

            /// <summary>Decrypts a NWK frame from the hub (with the key of its key sequence number) and returns a copy.</summary>
            public byte[] DecryptNwk(byte[] nwk, out int apsOffset, out int apsLength)
            {
                var n = new NwkHeader();
                Assert.IsNull(NwkFrameCodec.Decode(nwk, 0, nwk.Length, n, SecurityLevel.Zigbee));
                byte[] copy = (byte[])nwk.Clone();
                if (n.Security)
                {
                    var security = new FrameSecurity(_aes);
                    security.SetKey(Convert.FromHexString(NwkKeyHex), 0);
                    Assert.IsNull(security.Unsecure(copy, 0, n.HeaderLength, n.PayloadLength, n.Auxiliary, n.Auxiliary.Source));
                }

                apsOffset = n.PayloadOffset;
                apsLength = n.PayloadLength;
                return copy;
            }

            /// <summary>Decrypts an APS command from the hub to <paramref name="eui"/>, under whichever key its key id names.</summary>
            public ApsCommand DecryptCommand(byte[] nwk, ulong eui, out int keyId)
            {
                byte[] copy = DecryptNwk(nwk, out int offset, out int length);
                var a = new ApsHeader();
                Assert.IsNull(ApsFrameCodec.Decode(copy, offset, length, a, SecurityLevel.Zigbee));
                Assert.AreEqual(ApsFrameType.Command, a.FrameType);
                keyId = a.Security ? a.Auxiliary.KeyId : -1;
                if (a.Security)
                {
                    Assert.IsTrue(a.Auxiliary.ExtendedNonce);
                    Assert.AreEqual(HubEui, a.Auxiliary.Source);
                    var security = new FrameSecurity(_aes);
                    security.SetKey(keyId == AuxiliaryHeader.KeyIdKeyTransport ? TransportKey(eui) : LinkKey(eui), 0);
                    Assert.IsNull(security.Unsecure(copy, offset, a.HeaderLength, a.PayloadLength, a.Auxiliary, a.Auxiliary.Source));
                }

                var command = new ApsCommand();
                Assert.IsNull(ApsCommandCodec.Decode(copy, a.PayloadOffset, a.PayloadLength, command));
                return command;
            }

            /// <summary>Every MAC data frame on the medium through tshark with every key in play.</summary>
            public List<string[]> Tshark(string newNwkKey, params string[] fields)
            {
                var nwk = Bench.Medium.History
                    .Where(f => (f.Psdu[0] & 7) == MacFrameType.Data && f.Psdu.Length > 11)
                    .Select(f => f.Psdu.AsSpan(9, f.Psdu.Length - 11).ToArray())
                    .ToList();
                var keys = new List<string> { NwkKeyHex };
                if (newNwkKey != null)
                {
                    keys.Add(newNwkKey);
                }

                foreach (ulong eui in Codes.Keys)
                {
                    keys.Add(Convert.ToHexString(LinkKey(eui)));
                    keys.Add(Convert.ToHexString(TransportKey(eui)));
                }

                return ZigbeeOracle.Tshark(nwk, keys, fields);
            }
        }
    }
}
