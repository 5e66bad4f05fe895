using System;
using System.IO;

namespace CommsHub.VirtualBoard.Capture
{
    /// <summary>A classic pcap file of IEEE 802.15.4 frames that carry their FCS (link type 195), as Wireshark reads them.</summary>
    public sealed class PcapWriter : IDisposable
    {
        public const int LinkTypeIeee802154WithFcs = 195;

        private readonly BinaryWriter _out;

        public PcapWriter(Stream stream)
        {
            _out = new BinaryWriter(stream);
            _out.Write(0xA1B2C3D4u);
            _out.Write((ushort)2);
            _out.Write((ushort)4);
            _out.Write(0);
            _out.Write(0u);
            _out.Write(65535u);
            _out.Write((uint)LinkTypeIeee802154WithFcs);
        }

        public void Write(byte[] frame, TimeSpan at)
        {
            long micros = (long)(at.TotalMilliseconds * 1000);
            _out.Write((uint)(micros / 1_000_000));
            _out.Write((uint)(micros % 1_000_000));
            _out.Write((uint)frame.Length);
            _out.Write((uint)frame.Length);
            _out.Write(frame);
        }

        public void Dispose() => _out.Dispose();
    }
}
