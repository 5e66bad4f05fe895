using System.Text;
using CommsHub.Crypto;
using CommsHub.Wan.Link;
using CommsHub.Wan.Messages;

namespace CommsHub.Cli.Wan;

/// <summary>Reads a COBS link frame as it crossed the wire (ending in 00) and the message inside it.</summary>
public static class LinkFrameDecoder
{
    public static bool IsLinkFrame(byte[] bytes) => bytes.Length > 0 && bytes[^1] == 0 && bytes[0] != 0xDF;

    public static DecodedAlert Decode(byte[] wire, byte[] key)
    {
        byte[] frame = new byte[wire.Length];
        int length = Cobs.Decode(wire, 0, wire.Length - 1, frame, 0);
        if (length < LinkFrame.Overhead)
        {
            return new DecodedAlert("not a link frame: COBS decoding failed or the frame is shorter than its 11-byte overhead", "undecodable", null, "not a link frame");
        }

        uint crc = BitConverter.ToUInt32(frame, length - 4);
        bool crcOk = crc == Crc32.Compute(frame, 0, length - 4);
        var o = new StringBuilder();
        string type = frame[0] switch { LinkFrame.Data => "DATA", LinkFrame.Ack => "ACK", _ => $"unknown 0x{frame[0]:X2}" };
        o.AppendLine($"Link frame {type}, epoch 0x{BitConverter.ToUInt32(frame, 1):X8}, sequence {BitConverter.ToUInt16(frame, 5)}, CRC-32 {(crcOk ? "ok" : "WRONG")}");
        if (!crcOk || frame[0] != LinkFrame.Data || length == LinkFrame.Overhead)
        {
            return new DecodedAlert(o.ToString().TrimEnd(), type, null, crcOk ? null : "CRC-32 mismatch");
        }

        var r = new WanBuffer(0);
        r.Wrap(frame, LinkFrame.HeaderLength, length - LinkFrame.Overhead);
        byte messageType = r.ReadU8();
        ushort request = r.ReadU16();
        o.AppendLine($"Message 0x{messageType:X2}, request {request}, {length - LinkFrame.Overhead - 3} bytes of body");
        if (messageType == WanMessageType.Alert)
        {
            ulong counter = r.ReadU64();
            var alert = AlertDecoder.Decode(r.ReadRaw(r.End - r.Position), key);
            o.AppendLine($"Alert, originator counter {counter}:");
            o.Append(alert.Text);
            return alert with { Text = o.ToString().TrimEnd() };
        }

        return new DecodedAlert(o.ToString().TrimEnd(), "message", null, null);
    }
}
