using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CommsHub.Tests.HostTests.Ota
{
    /// <summary>Writes Zigbee OTA files for tests, including the malformed and quirky ones real manufacturers ship.</summary>
    public sealed class OtaFileBuilder
    {
        private readonly List<(ushort Tag, byte[] Data, int LengthDelta)> _elements = new();

        public ushort HeaderVersion { get; set; } = 0x0100;
        public ushort ManufacturerCode { get; set; } = 0x1234;
        public ushort ImageType { get; set; } = 0x0001;
        public uint FileVersion { get; set; } = 0x0123ABCD;
        public ushort StackVersion { get; set; } = 0x0002;
        public string HeaderString { get; set; } = "CommsHub test image";
        public byte[] HeaderStringBytes { get; set; }
        public byte? SecurityCredentialVersion { get; set; }
        public ulong? Destination { get; set; }
        public (ushort Min, ushort Max)? HardwareVersions { get; set; }
        public ushort ExtraFieldControlBits { get; set; }

        /// <summary>Added to the honest header length (negative: claims fewer bytes than the fields take).</summary>
        public int HeaderLengthDelta { get; set; }

        /// <summary>Added to the honest total image size.</summary>
        public int TotalSizeDelta { get; set; }

        public byte[] Prefix { get; set; } = Array.Empty<byte>();
        public byte[] Trailer { get; set; } = Array.Empty<byte>();

        /// <summary>Cut the finished file to this many bytes (after prefix, before trailer).</summary>
        public int? TruncateTo { get; set; }

        public OtaFileBuilder Element(ushort tag, int length, int lengthFieldDelta = 0, int seed = 1)
        {
            var data = new byte[length];
            new Random(seed + length).NextBytes(data);
            _elements.Add((tag, data, lengthFieldDelta));
            return this;
        }

        public OtaFileBuilder UpgradeImage(int length, int seed = 1) => Element(0x0000, length, 0, seed);

        public byte[] Build()
        {
            ushort fieldControl = (ushort)(ExtraFieldControlBits
                | (SecurityCredentialVersion.HasValue ? 1 : 0) | (Destination.HasValue ? 2 : 0) | (HardwareVersions.HasValue ? 4 : 0));
            int headerLength = 56 + (SecurityCredentialVersion.HasValue ? 1 : 0) + (Destination.HasValue ? 8 : 0) + (HardwareVersions.HasValue ? 4 : 0);
            int bodyLength = 0;
            foreach (var e in _elements)
            {
                bodyLength += 6 + e.Data.Length;
            }

            int extraHeader = Math.Max(0, HeaderLengthDelta);
            var ms = new MemoryStream();
            var w = new BinaryWriter(ms);
            w.Write(Prefix);
            w.Write(0x0BEEF11Eu);
            w.Write(HeaderVersion);
            w.Write((ushort)(headerLength + HeaderLengthDelta));
            w.Write(fieldControl);
            w.Write(ManufacturerCode);
            w.Write(ImageType);
            w.Write(FileVersion);
            w.Write(StackVersion);
            byte[] text = HeaderStringBytes ?? Encoding.ASCII.GetBytes(HeaderString);
            var padded = new byte[32];
            Array.Copy(text, padded, Math.Min(32, text.Length));
            w.Write(padded);
            w.Write((uint)(headerLength + extraHeader + bodyLength + TotalSizeDelta));
            if (SecurityCredentialVersion.HasValue)
            {
                w.Write(SecurityCredentialVersion.Value);
            }

            if (Destination.HasValue)
            {
                w.Write(Destination.Value);
            }

            if (HardwareVersions.HasValue)
            {
                w.Write(HardwareVersions.Value.Min);
                w.Write(HardwareVersions.Value.Max);
            }

            w.Write(new byte[extraHeader]);
            foreach (var e in _elements)
            {
                w.Write(e.Tag);
                w.Write((uint)(e.Data.Length + e.LengthDelta));
                w.Write(e.Data);
            }

            w.Flush();
            byte[] file = ms.ToArray();
            if (TruncateTo.HasValue)
            {
                Array.Resize(ref file, Prefix.Length + TruncateTo.Value);
            }

            byte[] result = new byte[file.Length + Trailer.Length];
            file.CopyTo(result, 0);
            Trailer.CopyTo(result, file.Length);
            return result;
        }
    }
}
