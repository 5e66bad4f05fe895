using CommsHub.Mac;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.VirtualBoard.Radio;

namespace CommsHub.Cli.Bench;

/// <summary>
/// The least channel time the frames really on the air needed, counted frame by frame off the medium: each PPDU's
/// bytes at 250 kbit/s (32 µs an octet, PHY header included), and for every frame but an acknowledgment the channel
/// access the emulated MRF24J40 spends before it (the mean first CSMA-CA backoff at macMinBE 3, the CCA, the
/// turnaround to transmit), for an acknowledgment the turnaround before it, except where the acknowledgment's sender
/// sends the next frame: its channel access ran during the acknowledgment. Frames the stack repeated (retries, lost
/// requests) count too: the bound is of what was sent, so a ratio above one is time the channel stood idle.
/// </summary>
public sealed class AirtimeLedger
{
    public const int MicrosecondsPerOctet = 32;
    public const int PhyHeaderOctets = 6;
    public const int TurnaroundMicroseconds = 12 * 16;
    public const int CcaMicroseconds = 8 * 16;

    /// <summary>macMinBE 3: the first backoff is 0 to 7 unit periods of 320 µs, 3.5 on average.</summary>
    public const int MeanBackoffMicroseconds = 7 * 320 / 2;

    public const int AcknowledgmentPsduOctets = 5;

    public long Frames { get; private set; }

    public long Acknowledgments { get; private set; }

    public long Octets { get; private set; }

    public double Microseconds { get; private set; }

    public double Seconds => Microseconds / 1e6;

    /// <summary>
    /// The frames that started in [<paramref name="fromMicroseconds"/>, <paramref name="toMicroseconds"/>); with
    /// <paramref name="nwkShortAddresses"/>, only those whose NWK source or destination is one of them (relayed hops
    /// too) and the acknowledgments of those.
    /// </summary>
    public static AirtimeLedger Of(IEnumerable<AirFrame> frames, long fromMicroseconds, long toMicroseconds, ICollection<ushort> nwkShortAddresses = null)
    {
        var ledger = new AirtimeLedger();
        var mac = new MacFrame();
        var nwk = new NwkHeader();
        bool lastCounted = false;
        int lastSequence = -1;
        AirFrame lastAck = null;
        foreach (var f in frames)
        {
            if (f.StartMicroseconds < fromMicroseconds || f.StartMicroseconds >= toMicroseconds)
            {
                continue;
            }

            if (IsAcknowledgment(f.Psdu))
            {
                // An acknowledgment belongs to the frame just before it with its sequence number.
                lastAck = null;
                if (nwkShortAddresses == null || (lastCounted && f.Psdu[2] == lastSequence))
                {
                    ledger.Add(f.Psdu.Length, true);
                    lastAck = f;
                }

                continue;
            }

            lastSequence = f.Psdu.Length > 2 ? f.Psdu[2] : -1;
            lastCounted = nwkShortAddresses == null || Concerns(f.Psdu, nwkShortAddresses, mac, nwk);
            if (lastCounted)
            {
                ledger.Add(f.Psdu.Length, false);
                if (lastAck != null && lastAck.Sender != null && lastAck.Sender == f.Sender)
                {
                    // The sender of this frame sent the acknowledgment before it: its channel access (longer on
                    // average) ran while that acknowledgment was due and on the air, so the two do not add up.
                    ledger.Overlapped(lastAck.Psdu.Length);
                }
            }

            lastAck = null;
        }

        return ledger;
    }

    /// <summary>Acknowledgments whose channel time the next frame's channel access covered.</summary>
    public long OverlappedAcknowledgments { get; private set; }

    private void Overlapped(int acknowledgmentOctets)
    {
        OverlappedAcknowledgments++;
        Microseconds -= FrameMicroseconds(acknowledgmentOctets, true);
    }

    /// <summary>Channel time of one PPDU with <paramref name="psduOctets"/> (FCS included), and what precedes it.</summary>
    public static double FrameMicroseconds(int psduOctets, bool acknowledgment)
    {
        double air = (PhyHeaderOctets + psduOctets) * MicrosecondsPerOctet;
        return acknowledgment ? TurnaroundMicroseconds + air : MeanBackoffMicroseconds + CcaMicroseconds + TurnaroundMicroseconds + air;
    }

    private void Add(int psduOctets, bool acknowledgment)
    {
        Frames++;
        Acknowledgments += acknowledgment ? 1 : 0;
        Octets += PhyHeaderOctets + psduOctets;
        Microseconds += FrameMicroseconds(psduOctets, acknowledgment);
    }

    private static bool IsAcknowledgment(byte[] psdu) => psdu.Length == AcknowledgmentPsduOctets && (psdu[0] & 0x07) == MacFrameType.Acknowledgment;

    private static bool Concerns(byte[] psdu, ICollection<ushort> addresses, MacFrame mac, NwkHeader nwk)
    {
        if (MacFrameCodec.Decode(psdu, 0, psdu.Length - 2, mac) != null || mac.FrameType != MacFrameType.Data)
        {
            return false;
        }

        if (NwkFrameCodec.Decode(mac.Payload, mac.PayloadOffset, mac.PayloadLength, nwk, SecurityLevel.Zigbee) != null)
        {
            return false;
        }

        return addresses.Contains(nwk.Source) || addresses.Contains(nwk.Destination);
    }
}
