using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.TrustCenter;

namespace CommsHub.Aps
{
    /// <summary>
    /// The hub's APS layer over the NWK layer. Up: decodes each NWK data payload, checks APS security (a link key
    /// from the trust centre's table, key id data, a fresh APS frame counter), drops duplicates, sends an APS ack
    /// when the frame asks for one (secured as the frame was) and hands data frames to the endpoints. Down: writes
    /// the APS data header in front of a payload placed with <see cref="HeaderRoom"/> bytes before it and
    /// <see cref="MicRoom"/> after it, secures it with the destination's link key when asked, and sends it under
    /// NWK security. No allocation per frame.
    /// Acked sends are kept and retried from <see cref="Process"/> until acked (<see cref="ApsAckPolicy"/>). A payload
    /// longer than one frame goes in acked fragments, and fragmented frames from devices are reassembled
    /// (<see cref="ApsFragmentationPolicy"/>).
    /// </summary>
    public sealed class ApsLayer
    {
        /// <summary>APS data header: control, endpoints, cluster, profile, counter.</summary>
        public const int DataHeader = 8;

        /// <summary>Extended header: extended control, block number, and the ack bitfield of a fragment's ack.</summary>
        public const int ExtendedHeaderRoom = 3;

        /// <summary>Extended header of a data fragment: extended control and block number.</summary>
        public const int FragmentHeader = 2;

        /// <summary>APS auxiliary header under a link key, without extended nonce: control and frame counter.</summary>
        public const int AuxiliaryRoom = 5;

        /// <summary>The APS MIC at security level 5.</summary>
        public const int ApsMic = 4;

        /// <summary>Every header the hub may write in front of a payload: APS (with extended and auxiliary headers) and NWK.</summary>
        public const int HeaderRoom = NwkLayer.HeaderRoom + DataHeader + ExtendedHeaderRoom + AuxiliaryRoom;

        /// <summary>The APS and NWK MICs after a payload.</summary>
        public const int MicRoom = NwkLayer.MicRoom + ApsMic;

        /// <summary>Largest APS payload the hub sends in one unfragmented, NWK-secured, single-hop frame without APS security.</summary>
        public const int MaxPayload = NwkLayer.MaxSecuredPayload - DataHeader;

        /// <summary>The same with APS security on top.</summary>
        public const int MaxSecuredPayload = MaxPayload - AuxiliaryRoom - ApsMic;

        /// <summary>APS security asked for a broadcast: a link key belongs to one device.</summary>
        public const int SendSecuredBroadcast = -10;

        /// <summary>APS security asked for a device the trust centre holds no link key for.</summary>
        public const int SendNoLinkKey = -11;

        /// <summary>An acked send refused because <see cref="ApsAckPolicy.FramesInFlight"/> frames already wait for acks.</summary>
        public const int SendBusy = -12;

        /// <summary>Devices whose incoming APS frame counters are kept: one per link key the trust centre holds.</summary>
        public const int IncomingCounterCapacity = TrustCentre.LinkKeyCapacity;

        private readonly NwkLayer _nwk;
        private readonly LinkKeyTable _linkKeys;
        private readonly INwkFrameCounter _frameCounter;
        private readonly IClock _clock;
        private readonly FrameSecurity _security;
        private readonly ApsHeader _rx = new ApsHeader();
        private readonly ApsHeader _tx = new ApsHeader();
        private readonly DuplicateTable _duplicates = new DuplicateTable(16);
        private readonly ApsIncomingCounters _incoming = new ApsIncomingCounters(IncomingCounterCapacity);
        private readonly byte[] _ack = new byte[HeaderRoom + MicRoom];
        private readonly byte[] _resend = new byte[HeaderRoom + MaxPayload + MicRoom];
        private readonly ApsFramesInFlight _inFlight = new ApsFramesInFlight(ApsAckPolicy.FramesInFlight, MaxPayload);
        private readonly ApsOutgoingTransfer _transfer = new ApsOutgoingTransfer(ApsFragmentationPolicy.MaxLength);
        private readonly ApsReassemblyTable _reassemblies = new ApsReassemblyTable(ApsFragmentationPolicy.Reassemblies, ApsFragmentationPolicy.MaxLength);
        private readonly int[] _drops = new int[ApsDrop.Count];
        private byte _counter;

        public event ApsDataIndicationHandler DataIndication;

        /// <summary>The outcome of each acked send: acked, or not after every retry.</summary>
        public event ApsDataConfirmHandler DataConfirm;

        /// <summary>APS commands that passed their security check (for the trust centre).</summary>
        public event ApsDataIndicationHandler CommandIndication;

        /// <param name="frameCounter">The hub's outgoing frame counter, shared with the NWK layer: never repeats.</param>
        /// <param name="clock">Times the acks the hub waits for.</param>
        public ApsLayer(NwkLayer nwk, IAesBlock aes, LinkKeyTable linkKeys, INwkFrameCounter frameCounter, IClock clock)
        {
            _nwk = nwk;
            _linkKeys = linkKeys;
            _frameCounter = frameCounter;
            _clock = clock;
            _security = new FrameSecurity(aes);
            _nwk.DataIndication += OnNwkData;
        }

        public int Dropped(int reason)
        {
            return _drops[reason];
        }

        public string LastDrop { get; private set; }

        public int AcksSent { get; private set; }

        public int AcksReceived { get; private set; }

        /// <summary>Acks that answered none of the frames in flight (late, forged, or for a frame already confirmed).</summary>
        public int AcksUnmatched { get; private set; }

        public int Retransmissions { get; private set; }

        /// <summary>Acked sends confirmed by their ack.</summary>
        public int Confirmed { get; private set; }

        /// <summary>Acked sends given up after <see cref="ApsAckPolicy.MaxFrameRetries"/> retransmissions.</summary>
        public int NoAckFailures { get; private set; }

        /// <summary>Fragments sent (first tries), for payloads longer than one frame.</summary>
        public int FragmentsSent { get; private set; }

        /// <summary>Fragmented payloads from devices put back together and handed up.</summary>
        public int Reassembled { get; private set; }

        public int FramesInFlight
        {
            get { return _inFlight.Count; }
        }

        /// <summary>The APS counter of the latest data frame sent, which its <see cref="DataConfirm"/> names.</summary>
        public byte LastCounter { get; private set; }

        /// <summary>
        /// Sends an APS data frame under NWK security; the payload is at <paramref name="payloadOffset"/> in
        /// <paramref name="buffer"/> with <see cref="HeaderRoom"/> bytes before it and <see cref="MicRoom"/> after.
        /// Returns the MAC handle, or a negative NwkLayer.Send... value.
        /// </summary>
        public int SendData(ushort destination, byte destinationEndpoint, ushort cluster, ushort profile, byte sourceEndpoint,
            byte[] buffer, int payloadOffset, int payloadLength, bool ackRequest)
        {
            return SendData(destination, destinationEndpoint, cluster, profile, sourceEndpoint, buffer, payloadOffset, payloadLength, ackRequest, false);
        }

        /// <summary>
        /// As the 9-argument SendData; with <paramref name="apsSecurity"/> the APS frame is first secured with the
        /// destination's link key (key id data, the hub's next outgoing frame counter, no extended nonce: the NWK
        /// auxiliary header names the hub). The payload is encrypted in place. Returns the MAC handle or a negative
        /// NwkLayer.Send... or ApsLayer.Send... value. With <paramref name="ackRequest"/> (unicast) the frame is kept
        /// and sent again until acked or <see cref="ApsAckPolicy.MaxFrameRetries"/> retries have gone, and
        /// <see cref="DataConfirm"/> reports the outcome; <see cref="SendBusy"/> when no slot is free.
        /// </summary>
        public int SendData(ushort destination, byte destinationEndpoint, ushort cluster, ushort profile, byte sourceEndpoint,
            byte[] buffer, int payloadOffset, int payloadLength, bool ackRequest, bool apsSecurity)
        {
            bool broadcast = destination >= 0xFFFC;
            ulong peer = 0;
            bool rxOn = true;
            bool known = !broadcast && Resolve(destination, out peer, out rxOn);
            if (apsSecurity)
            {
                if (broadcast)
                {
                    return SendSecuredBroadcast;
                }

                if (!known)
                {
                    return NwkLayer.SendUnknownDestination;
                }
            }

            bool acked = ackRequest && !broadcast;
            if (payloadLength > MaxPayloadTo(destination, apsSecurity))
            {
                // Fragments are only for unicasts that ask for acks: every block is acked before the next goes.
                return acked ? SendFragmented(destination, peer, rxOn, destinationEndpoint, cluster, profile, sourceEndpoint, buffer, payloadOffset,
                    payloadLength, apsSecurity) : NwkLayer.SendTooLong;
            }

            ApsFrameInFlight kept = null;
            if (acked)
            {
                if (payloadLength < 0)
                {
                    return NwkLayer.SendTooLong;
                }

                kept = _inFlight.Reserve();
                if (kept == null)
                {
                    return SendBusy;
                }

                kept.Destination = destination;
                kept.Peer = peer;
                kept.DestinationEndpoint = destinationEndpoint;
                kept.Cluster = cluster;
                kept.Profile = profile;
                kept.SourceEndpoint = sourceEndpoint;
                kept.Counter = _counter;
                kept.ApsSecurity = apsSecurity;
                kept.Fragmentation = ApsFrameType.NotFragmented;
                kept.BlockNumber = 0;
                kept.Block = 0;
                kept.RxOnWhenIdle = rxOn;
                kept.Length = payloadLength;
                System.Array.Copy(buffer, payloadOffset, kept.Payload, 0, payloadLength);
            }

            _tx.FrameType = ApsFrameType.Data;
            _tx.DeliveryMode = broadcast ? ApsFrameType.Broadcast : ApsFrameType.Unicast;
            _tx.AckFormat = false;
            _tx.AckRequest = acked;
            _tx.ExtendedHeader = false;
            _tx.Fragmentation = ApsFrameType.NotFragmented;
            _tx.DestinationEndpoint = destinationEndpoint;
            _tx.Cluster = cluster;
            _tx.Profile = profile;
            _tx.SourceEndpoint = sourceEndpoint;
            _tx.Counter = _counter;
            int result = Transmit(destination, peer, apsSecurity, buffer, payloadOffset, payloadLength);
            if (result < 0)
            {
                if (kept != null)
                {
                    kept.InUse = false;
                }

                return result;
            }

            LastCounter = _counter++;
            if (kept != null)
            {
                kept.Transmissions = 1;
                kept.DueAt = _clock.MonotonicMilliseconds + ApsAckPolicy.WaitFor(rxOn);
            }

            return result;
        }

        private int SendFragmented(ushort destination, ulong peer, bool rxOn, byte destinationEndpoint, ushort cluster, ushort profile,
            byte sourceEndpoint, byte[] buffer, int payloadOffset, int payloadLength, bool apsSecurity)
        {
            if (payloadLength > ApsFragmentationPolicy.MaxLength || payloadOffset < 0 || payloadOffset + payloadLength > buffer.Length)
            {
                return NwkLayer.SendTooLong;
            }

            if (_transfer.InUse)
            {
                return SendBusy;
            }

            ApsFrameInFlight f = _inFlight.Reserve();
            if (f == null)
            {
                return SendBusy;
            }

            f.Destination = destination;
            f.Peer = peer;
            f.DestinationEndpoint = destinationEndpoint;
            f.Cluster = cluster;
            f.Profile = profile;
            f.SourceEndpoint = sourceEndpoint;
            f.Counter = _counter;
            f.ApsSecurity = apsSecurity;
            f.RxOnWhenIdle = rxOn;
            _transfer.InUse = true;
            _transfer.Frame = f;
            _transfer.Length = payloadLength;
            _transfer.BlockSize = MaxPayloadTo(destination, apsSecurity) - FragmentHeader;
            _transfer.Blocks = (payloadLength + _transfer.BlockSize - 1) / _transfer.BlockSize;
            System.Array.Copy(buffer, payloadOffset, _transfer.Payload, 0, payloadLength);
            _transfer.LoadBlock(f, 0);
            int result = SendKept(f);
            if (result < 0)
            {
                f.InUse = false;
                _transfer.InUse = false;
                return result;
            }

            LastCounter = _counter++;
            FragmentsSent++;
            f.Transmissions = 1;
            f.DueAt = _clock.MonotonicMilliseconds + ApsAckPolicy.WaitFor(rxOn);
            return result;
        }

        /// <summary>
        /// The largest APS payload one unfragmented frame to <paramref name="destination"/> carries now: NWK security and
        /// the source route the NWK layer holds for it, and APS security when asked.
        /// </summary>
        public int MaxPayloadTo(ushort destination, bool apsSecurity)
        {
            return _nwk.MaxSecuredPayloadTo(destination) - DataHeader - (apsSecurity ? AuxiliaryRoom + ApsMic : 0);
        }

        /// <summary>A device's EUI-64 and whether it listens, from its short address: a child, a device beyond a router, or a router.</summary>
        public bool Resolve(ushort shortAddress, out ulong device, out bool rxOnWhenIdle)
        {
            int i = _nwk.Neighbours.IndexOfShort(shortAddress);
            if (i >= 0)
            {
                device = _nwk.Neighbours.ExtendedAt(i);
                rxOnWhenIdle = _nwk.Neighbours.RxOnWhenIdleAt(i);
                return true;
            }

            rxOnWhenIdle = true;
            i = _nwk.KnownDevices.IndexOfShort(shortAddress);
            if (i >= 0)
            {
                device = _nwk.KnownDevices.ExtendedAt(i);
                return true;
            }

            i = _nwk.Routers.IndexOfShort(shortAddress);
            device = i >= 0 ? _nwk.Routers.ExtendedAt(i) : 0;
            return i >= 0 && device != 0;
        }

        /// <summary>
        /// Main-loop turn: a frame whose ack is overdue goes again (secured afresh), or, after its last retry, is
        /// given up and confirmed as <see cref="ApsStatus.NoAck"/>. At most <see cref="ApsAckPolicy.ResendsPerTurn"/>
        /// retransmissions per turn.
        /// </summary>
        public void Process()
        {
            long now = _clock.MonotonicMilliseconds;
            int resent = 0;
            for (int i = 0; i < _inFlight.Capacity && resent < ApsAckPolicy.ResendsPerTurn; i++)
            {
                ApsFrameInFlight f = _inFlight.At(i);
                if (!f.InUse || now < f.DueAt)
                {
                    continue;
                }

                if (f.Transmissions > ApsAckPolicy.MaxFrameRetries)
                {
                    Finish(f, ApsStatus.NoAck);
                    continue;
                }

                SendKept(f);
                f.Transmissions++;
                f.DueAt = now + ApsAckPolicy.WaitFor(f.RxOnWhenIdle);
                Retransmissions++;
                resent++;
            }

            for (int i = 0; i < _reassemblies.Count; i++)
            {
                ApsReassembly r = _reassemblies.At(i);
                if (r.InUse && now - r.LastBlockAt > ApsFragmentationPolicy.ReassemblyTimeoutMilliseconds)
                {
                    r.InUse = false;
                    if (!r.Complete)
                    {
                        Drop(ApsDrop.ReassemblyTimedOut, "APS reassembly timed out waiting for a block");
                    }
                }
            }
        }

        /// <summary>Sends a kept frame (again) with its APS counter, so the receiver can spot a repeat, and a new frame counter.</summary>
        private int SendKept(ApsFrameInFlight f)
        {
            System.Array.Copy(f.Payload, 0, _resend, HeaderRoom, f.Length);
            _tx.FrameType = ApsFrameType.Data;
            _tx.DeliveryMode = ApsFrameType.Unicast;
            _tx.AckFormat = false;
            _tx.AckRequest = true;
            _tx.ExtendedHeader = f.Fragmentation != ApsFrameType.NotFragmented;
            _tx.Fragmentation = f.Fragmentation;
            _tx.BlockNumber = f.BlockNumber;
            _tx.DestinationEndpoint = f.DestinationEndpoint;
            _tx.Cluster = f.Cluster;
            _tx.Profile = f.Profile;
            _tx.SourceEndpoint = f.SourceEndpoint;
            _tx.Counter = f.Counter;

            // A refusal below (queues full) counts as a lost try: the next one comes after the same wait.
            return Transmit(f.Destination, f.Peer, f.ApsSecurity, _resend, HeaderRoom, f.Length);
        }

        private void Finish(ApsFrameInFlight f, int status)
        {
            if (_transfer.InUse && _transfer.Frame == f)
            {
                if (status == ApsStatus.Success && f.Block + 1 < _transfer.Blocks)
                {
                    // Window of one: the next block goes as soon as this one is acked.
                    _transfer.LoadBlock(f, f.Block + 1);
                    SendKept(f);
                    FragmentsSent++;
                    f.Transmissions = 1;
                    f.DueAt = _clock.MonotonicMilliseconds + ApsAckPolicy.WaitFor(f.RxOnWhenIdle);
                    return;
                }

                _transfer.InUse = false;
            }

            f.InUse = false;
            if (status == ApsStatus.Success)
            {
                Confirmed++;
            }
            else
            {
                NoAckFailures++;
            }

            ApsDataConfirmHandler confirm = DataConfirm;
            if (confirm != null)
            {
                confirm(f.Destination, f.Counter, status);
            }
        }

        /// <summary>Encodes <see cref="_tx"/> in front of the payload, secures it with <paramref name="peer"/>'s link key when asked, and sends it.</summary>
        private int Transmit(ushort destination, ulong peer, bool apsSecurity, byte[] buffer, int payloadOffset, int payloadLength)
        {
            int slot = -1;
            _tx.Security = apsSecurity;
            if (apsSecurity)
            {
                slot = _linkKeys == null ? -1 : _linkKeys.IndexOf(peer);
                if (slot < 0)
                {
                    return SendNoLinkKey;
                }

                _tx.Auxiliary.Level = 0;
                _tx.Auxiliary.KeyId = AuxiliaryHeader.KeyIdData;
                _tx.Auxiliary.ExtendedNonce = false;
            }

            int headerLength = ApsFrameCodec.HeaderLength(_tx);
            int mic = apsSecurity ? ApsMic : 0;
            int start = payloadOffset - headerLength;
            if (start < 0 || payloadLength < 0 || payloadOffset + payloadLength + mic + NwkLayer.MicRoom > buffer.Length
                || headerLength + payloadLength + mic > _nwk.MaxSecuredPayloadTo(destination))
            {
                return NwkLayer.SendTooLong;
            }

            if (apsSecurity)
            {
                uint frameCounter;
                if (!_frameCounter.TryNext(out frameCounter))
                {
                    return NwkLayer.SendNoFrameCounter;
                }

                _tx.Auxiliary.FrameCounter = frameCounter;
            }

            ApsFrameCodec.EncodeHeader(_tx, buffer, start);
            int length = headerLength + payloadLength;
            if (apsSecurity)
            {
                // The AES seam is shared with the NWK layer, which loads its own key for every frame.
                _security.SetKey(_linkKeys.Keys, _linkKeys.KeyOffset(slot));
                length = _security.Secure(buffer, start, headerLength, payloadLength, _tx.Auxiliary, _nwk.HubEui64);
                if (length < 0)
                {
                    return NwkLayer.SendTooLong;
                }
            }

            return _nwk.SendData(destination, buffer, start, length);
        }

        private void OnNwkData(NwkHeader nwk, byte[] buffer, int offset, int length)
        {
            string problem = ApsFrameCodec.Decode(buffer, offset, length, _rx, _security.Level);
            if (problem != null)
            {
                Drop(problem.IndexOf("auxiliary header:") == 0 ? ApsDrop.TruncatedAuxiliaryHeader : ApsDrop.Malformed, problem);
                return;
            }

            ulong sender = SenderOf(nwk);
            bool repeat = false;
            if (_rx.Security)
            {
                if (_rx.Auxiliary.KeyId != AuxiliaryHeader.KeyIdData)
                {
                    // A device sends the trust centre nothing under the key-transport, key-load or network key ids.
                    Drop(ApsDrop.WrongKeyId, "APS security key identifier is not the data (link) key");
                    return;
                }

                int slot = _linkKeys == null ? -1 : _linkKeys.IndexOf(sender);
                if (slot < 0)
                {
                    Drop(ApsDrop.NoLinkKey, "no link key for the APS sender");
                    return;
                }

                byte[] keys = _linkKeys.Keys;
                int keyOffset = _linkKeys.KeyOffset(slot);
                uint frameCounter = _rx.Auxiliary.FrameCounter;
                if (!_incoming.IsFresh(sender, keys, keyOffset, frameCounter))
                {
                    // Only a verbatim copy of the latest frame, whose ack was lost, is still worth an ack (never a delivery).
                    repeat = _incoming.IsLatest(sender, keys, keyOffset, frameCounter)
                        && (_duplicates.Contains(nwk.Source, _rx.Counter) || _reassemblies.Find(nwk.Source, _rx.Counter) != null);
                    if (!repeat)
                    {
                        Drop(ApsDrop.Replayed, "APS frame counter is not greater than the last one accepted from that device under its link key");
                        return;
                    }
                }

                _security.SetKey(keys, keyOffset);
                problem = _security.Unsecure(buffer, offset, _rx.HeaderLength, _rx.PayloadLength, _rx.Auxiliary, sender);
                if (problem != null)
                {
                    Drop(ApsDrop.BadMic, problem);
                    return;
                }

                _incoming.Accept(sender, keys, keyOffset, frameCounter);
            }
            else if (_rx.FrameType == ApsFrameType.Command
                && !(_rx.PayloadLength > 0 && buffer[_rx.PayloadOffset] == ApsCommandId.VerifyKey))
            {
                // R21: Verify-Key carries only a hash of the link key and comes under NWK security alone; every
                // other command a device sends the trust centre must be APS-secured.
                Drop(ApsDrop.UnsecuredCommand, "APS command without APS security");
                return;
            }

            if (_rx.FrameType == ApsFrameType.Ack)
            {
                AcksReceived++;
                ApsFrameInFlight f = _inFlight.Match(nwk.Source, _rx);

                // A frame the hub secured is confirmed only by an ack under the same link key, not one any holder of the network key could forge.
                if (f == null || (f.ApsSecurity && !_rx.Security))
                {
                    AcksUnmatched++;
                    return;
                }

                Finish(f, ApsStatus.Success);
                return;
            }

            if (_rx.ExtendedHeader && _rx.Fragmentation != ApsFrameType.NotFragmented)
            {
                if (_rx.FrameType != ApsFrameType.Data || _rx.DeliveryMode != ApsFrameType.Unicast)
                {
                    Drop(ApsDrop.Malformed, "APS fragments are only unicast data frames");
                    return;
                }

                OnFragment(nwk.Source, sender, buffer);
                return;
            }

            if (repeat || _duplicates.Seen(nwk.Source, _rx.Counter))
            {
                // The sender missed our ack: acknowledge again, deliver once.
                Drop(ApsDrop.Duplicate, "APS counter already seen from that source");
                SendAckIfAsked(nwk.Source, sender, -1);
                return;
            }

            SendAckIfAsked(nwk.Source, sender, -1);
            ApsDataIndicationHandler handler = _rx.FrameType == ApsFrameType.Command ? CommandIndication : DataIndication;
            if (handler != null)
            {
                handler(_rx, nwk.Source, buffer, _rx.PayloadOffset, _rx.PayloadLength);
            }
        }

        /// <summary>
        /// A block of a fragmented data frame: blocks are taken in order, each acked, and the payload goes up once
        /// every block announced by the first has arrived. A repeat of the latest block is acked again; anything else
        /// out of order, beyond the buffer or with no reassembly to join is dropped and counted.
        /// </summary>
        private void OnFragment(ushort source, ulong sender, byte[] buffer)
        {
            ApsReassembly r = _reassemblies.Find(source, _rx.Counter);
            int block = _rx.BlockNumber;
            if (_rx.Fragmentation == ApsFrameType.FirstFragment)
            {
                block = 0;
                if (r != null && r.Complete && r.Blocks > 1)
                {
                    // The APS counter came round again: a new payload, not a repeat.
                    r.InUse = false;
                    r = null;
                }

                if (r == null)
                {
                    if (_rx.BlockNumber == 0)
                    {
                        Drop(ApsDrop.FragmentOutOfOrder, "first APS fragment announces no blocks");
                        return;
                    }

                    r = _reassemblies.Take();
                    if (r == null)
                    {
                        Drop(ApsDrop.ReassemblyFull, "every APS reassembly buffer is in use");
                        return;
                    }

                    r.InUse = true;
                    r.Complete = false;
                    r.Source = source;
                    r.Counter = _rx.Counter;
                    r.Blocks = _rx.BlockNumber;
                    r.NextBlock = 0;
                    r.Length = 0;
                    r.LastBlockAt = _clock.MonotonicMilliseconds;
                }
            }

            if (r == null)
            {
                Drop(ApsDrop.FragmentOutOfOrder, "APS fragment of no reassembly in progress");
                return;
            }

            if (block == r.NextBlock - 1)
            {
                // Its ack was lost: acknowledge again, keep it once.
                Drop(ApsDrop.Duplicate, "APS fragment already received");
                SendAckIfAsked(source, sender, block);
                return;
            }

            if (r.Complete || block != r.NextBlock || block >= r.Blocks)
            {
                Drop(ApsDrop.FragmentOutOfOrder, "APS fragment out of order or beyond the announced block count");
                return;
            }

            if (r.Length + _rx.PayloadLength > r.Buffer.Length)
            {
                r.InUse = false;
                Drop(ApsDrop.FragmentTooLong, "APS fragmented payload longer than the reassembly buffer");
                return;
            }

            System.Array.Copy(buffer, _rx.PayloadOffset, r.Buffer, r.Length, _rx.PayloadLength);
            r.Length += _rx.PayloadLength;
            r.NextBlock++;
            r.LastBlockAt = _clock.MonotonicMilliseconds;
            SendAckIfAsked(source, sender, block);
            if (r.NextBlock < r.Blocks)
            {
                return;
            }

            r.Complete = true;
            Reassembled++;
            ApsDataIndicationHandler handler = DataIndication;
            if (handler != null)
            {
                handler(_rx, source, r.Buffer, 0, r.Length);
            }
        }

        /// <summary>
        /// The EUI-64 of the APS frame's originator, whose link key and nonce apply: the APS extended nonce, else the
        /// NWK header's source IEEE address, else the device the NWK source address belongs to, else the NWK
        /// auxiliary header's source (the last hop).
        /// </summary>
        private ulong SenderOf(NwkHeader nwk)
        {
            if (_rx.Security && _rx.Auxiliary.ExtendedNonce)
            {
                return _rx.Auxiliary.Source;
            }

            if (nwk.HasSourceIeee)
            {
                return nwk.SourceIeee;
            }

            // NWK security is hop by hop: past a router the auxiliary header names the router, so the originator's short address decides.
            ulong device;
            bool rxOn;
            return Resolve(nwk.Source, out device, out rxOn) ? device : nwk.Auxiliary.Source;
        }

        /// <summary>
        /// Acks a data frame that asked for it, under APS security when the frame came under it (same link key); a
        /// fragment's ack (<paramref name="block"/> not negative) names its block and carries the ack bitfield.
        /// </summary>
        private void SendAckIfAsked(ushort destination, ulong sender, int block)
        {
            if (!_rx.AckRequest || _rx.FrameType != ApsFrameType.Data)
            {
                return;
            }

            _tx.FrameType = ApsFrameType.Ack;
            _tx.DeliveryMode = ApsFrameType.Unicast;
            _tx.AckFormat = false;
            _tx.AckRequest = false;
            _tx.ExtendedHeader = block >= 0;
            _tx.Fragmentation = block >= 0 ? _rx.Fragmentation : ApsFrameType.NotFragmented;
            _tx.BlockNumber = (byte)(block >= 0 ? block : 0);
            _tx.AckBitfield = ApsFragmentationPolicy.BlockReceived;
            _tx.DestinationEndpoint = _rx.SourceEndpoint;
            _tx.Cluster = _rx.Cluster;
            _tx.Profile = _rx.Profile;
            _tx.SourceEndpoint = _rx.DestinationEndpoint;
            _tx.Counter = _rx.Counter;
            if (Transmit(destination, sender, _rx.Security, _ack, HeaderRoom, 0) > 0)
            {
                AcksSent++;
            }
        }

        private void Drop(int reason, string why)
        {
            _drops[reason]++;
            LastDrop = why;
        }
    }
}
