using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Aps;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.Tests.HostTests.Nwk;
using CommsHub.Tests.Security.Ecc;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Radio;
using CommsHub.Wan;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.SmartEnergy
{
    /// <summary>A frame a device took off the air: its APS header and the ZCL or ZDO payload (decrypted if APS-secured).</summary>
    internal sealed record Received(ApsHeader Aps, byte[] Payload, byte[] Nwk);

    /// <summary>
    /// A Smart Energy end device on the emulated radio, built from our codecs and its own keys: joins with its
    /// install code, takes the network key, sends ZCL and ZDO frames NWK-secured (and APS-secured under its link
    /// key when asked), and decodes what the hub sends it. Its link key starts as the install-code key and becomes
    /// the CBKE key when the test installs it.
    /// </summary>
    internal sealed class SeTestDevice
    {
        public const string InstallCodeHex = "83FED3407A939723A5C639B26916D505";

        private readonly RadioBench _bench;
        private readonly DotNetAes _aes = new DotNetAes();
        private uint _nwkCounter = 1;
        private uint _apsCounter = 1;
        private byte _apsSequence = 1;
        private int _taken;
        private readonly HashSet<string> _seen = new();

        public SeTestDevice(RadioBench bench, VirtualBoard.VirtualBoard board, int hubChannel, ulong eui, string name)
        {
            _bench = bench;
            Eui = eui;
            board.Hub.Wan.DeviceLog.AddOrReplace(new DeviceLogEntry { Device = eui, Kind = 132, InstallCode = Convert.FromHexString(InstallCodeHex) });
            var (_, radio) = bench.AddRadio(name);
            Mac = new EndDeviceMac(radio, bench.Clock, eui, sleepy: false);
            bench.OnMainLoop(Mac.Process);
            Mac.Start(hubChannel);
            LinkKey = new byte[16];
            Assert.IsNull(new InstallCode(_aes).DeriveFromCode(Convert.FromHexString(InstallCodeHex), 0, 16, LinkKey, 0));
        }

        public ulong Eui { get; }

        public static string LinkKeyHexOf(string installCode)
        {
            byte[] key = new byte[16];
            Assert.IsNull(new InstallCode(new DotNetAes()).DeriveFromCode(Convert.FromHexString(installCode), 0, 16, key, 0));
            return Convert.ToHexString(key);
        }

        public static string TransportKeyHexOf(string installCode)
        {
            byte[] key = new byte[16];
            new KeyedHash(new DotNetAes()).KeyTransportKey(Convert.FromHexString(LinkKeyHexOf(installCode)), 0, key, 0);
            return Convert.ToHexString(key);
        }

        public EndDeviceMac Mac { get; }

        public byte[] NetworkKey { get; private set; }

        public byte[] LinkKey { get; set; }

        /// <summary>Every NWK frame the device sent and received, in order, for tshark.</summary>
        public List<byte[]> Capture { get; } = new();

        /// <summary>What <see cref="Next"/> passed over, for failure messages.</summary>
        public List<string> Skipped { get; } = new();

        public void Join(ushort panId)
        {
            Mac.RequestAssociation(panId);
            Assert.IsTrue(_bench.RunUntil(() => Mac.ReceivedData.Count >= 1, TimeSpan.FromSeconds(2)), "no Transport-Key; association status " + Mac.AssociationStatus);
            byte[] frame = Mac.ReceivedData[0];
            _taken = 1;
            _seen.Add(Convert.ToHexString(frame));
            Capture.Add(frame);
            var n = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(frame, 0, frame.Length, n, SecurityLevel.Zigbee));
            var a = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(frame, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
            byte[] transportKey = new byte[16];
            new KeyedHash(_aes).KeyTransportKey(LinkKey, 0, transportKey, 0);
            var security = new FrameSecurity(_aes);
            security.SetKey(transportKey, 0);
            byte[] copy = (byte[])frame.Clone();
            Assert.IsNull(security.Unsecure(copy, n.PayloadOffset, a.HeaderLength, a.PayloadLength, a.Auxiliary, a.Auxiliary.Source));
            var command = new ApsCommand();
            Assert.IsNull(ApsCommandCodec.Decode(copy, a.PayloadOffset, a.PayloadLength, command));
            NetworkKey = command.Key.ToArray();
        }

        /// <summary>Sends an APS data frame to the hub (unicast, no APS ack), APS-secured under the link key when <paramref name="apsSecured"/>.</summary>
        public void Send(byte endpoint, ushort cluster, ushort profile, byte[] payload, bool apsSecured)
        {
            var h = new ApsHeader
            {
                FrameType = ApsFrameType.Data,
                DeliveryMode = ApsFrameType.Unicast,
                DestinationEndpoint = endpoint,
                Cluster = cluster,
                Profile = profile,
                SourceEndpoint = endpoint == 0 ? (byte)0 : (byte)1,
                Counter = _apsSequence++,
                Security = apsSecured,
            };
            if (apsSecured)
            {
                h.Auxiliary.Level = 0;
                h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdData;
                h.Auxiliary.ExtendedNonce = false;
                h.Auxiliary.FrameCounter = _apsCounter++;
            }

            int headerLength = ApsFrameCodec.HeaderLength(h);
            byte[] aps = new byte[headerLength + payload.Length + 4];
            ApsFrameCodec.EncodeHeader(h, aps, 0);
            payload.CopyTo(aps, headerLength);
            int length = headerLength + payload.Length;
            if (apsSecured)
            {
                var security = new FrameSecurity(_aes);
                security.SetKey(LinkKey, 0);
                length = security.Secure(aps, 0, headerLength, payload.Length, h.Auxiliary, Eui);
                Assert.IsTrue(length > 0);
            }

            byte[] nwk = TrustCentreJoinTests.SecuredFrom(NetworkKey, Mac.ShortAddress, Eui, _nwkCounter++, aps.AsSpan(0, length).ToArray());
            Capture.Add(nwk);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    Mac.SendData(nwk);
                    return;
                }
                catch (InvalidOperationException) when (attempt < 50)
                {
                    // Still sending the MAC ack of the hub's last frame: let the air move on.
                    _bench.Run(TimeSpan.FromMilliseconds(1));
                }
            }
        }

        /// <summary>A ZCL frame from client to server on the Smart Energy endpoint.</summary>
        public void SendZcl(ushort cluster, byte frameControl, byte sequence, byte command, byte[] payload, bool apsSecured)
        {
            byte[] zcl = new byte[3 + payload.Length];
            zcl[0] = frameControl;
            zcl[1] = sequence;
            zcl[2] = command;
            payload.CopyTo(zcl, 3);
            Send(SmartEnergyEndpoint.Endpoint, cluster, SmartEnergyEndpoint.Profile, zcl, apsSecured);
        }

        /// <summary>Runs the air until the hub sends the device a frame (APS acks skipped), and decodes it.</summary>
        public Received Next(string what, TimeSpan? limit = null, bool zdo = false)
        {
            while (true)
            {
                Assert.IsTrue(_bench.RunUntil(() => Mac.ReceivedData.Count > _taken, limit ?? TimeSpan.FromSeconds(5)), "no answer: " + what);
                byte[] frame = Mac.ReceivedData[_taken++];
                if (!_seen.Add(Convert.ToHexString(frame)))
                {
                    // A MAC retransmission whose ack the hub missed: the same frame again.
                    continue;
                }

                Capture.Add(frame);
                var n = new NwkHeader();
                Assert.IsNull(NwkFrameCodec.Decode(frame, 0, frame.Length, n, SecurityLevel.Zigbee));
                Assert.IsTrue(n.Security, what + ": the hub's frame is not NWK-secured");
                byte[] copy = (byte[])frame.Clone();
                var security = new FrameSecurity(_aes);
                security.SetKey(NetworkKey, 0);
                Assert.IsNull(security.Unsecure(copy, 0, n.HeaderLength, n.PayloadLength, n.Auxiliary, n.Auxiliary.Source));
                var a = new ApsHeader();
                Assert.IsNull(ApsFrameCodec.Decode(copy, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
                if (a.FrameType != ApsFrameType.Data || (a.DestinationEndpoint == 0 && !zdo))
                {
                    // APS acks and commands, and ZDO traffic the hub starts itself, are not what the test waits for.
                    Skipped.Add(what + ": skipped APS frame type " + a.FrameType + " cluster 0x" + a.Cluster.ToString("X4"));
                    continue;
                }

                if (a.Security)
                {
                    var aps = new FrameSecurity(_aes);
                    aps.SetKey(LinkKey, 0);
                    ulong source = a.Auxiliary.ExtendedNonce ? a.Auxiliary.Source : n.Auxiliary.Source;
                    Assert.IsNull(aps.Unsecure(copy, n.PayloadOffset, a.HeaderLength, a.PayloadLength, a.Auxiliary, source), what + ": APS security under the link key");
                }

                return new Received(a, copy.AsSpan(a.PayloadOffset, a.PayloadLength).ToArray(), frame);
            }
        }

        /// <summary>True when the hub sends nothing more within <paramref name="wait"/>.</summary>
        public bool Quiet(TimeSpan wait)
        {
            bool fresh = _bench.RunUntil(() => Mac.ReceivedData.Skip(_taken).Any(f => !_seen.Contains(Convert.ToHexString(f))), wait);
            _taken = Mac.ReceivedData.Count;
            return !fresh;
        }
    }
}
