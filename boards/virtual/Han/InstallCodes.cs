using System;
using System.Security.Cryptography;
using CommsHub.Security;

namespace CommsHub.VirtualBoard.Han
{
    /// <summary>Install codes of emulated devices: given on a scenario line, or made from the EUI-64 so a run replays.</summary>
    public static class InstallCodes
    {
        /// <summary>A 16-byte code (with its CRC appended, as printed on a device's label), the same for the same EUI-64.</summary>
        public static byte[] FromEui(ulong eui)
        {
            byte[] seed = BitConverter.GetBytes(eui);
            byte[] hash = SHA256.HashData(seed);
            return WithCrc(hash.AsSpan(0, 16).ToArray());
        }

        public static byte[] WithCrc(byte[] code)
        {
            ushort crc = Crc16X25.Compute(code, 0, code.Length);
            byte[] labelled = new byte[code.Length + 2];
            code.CopyTo(labelled, 0);
            labelled[code.Length] = (byte)crc;
            labelled[code.Length + 1] = (byte)(crc >> 8);
            return labelled;
        }

        /// <summary>The code the device derives its link key from: without the CRC when one is appended (10, 14 or 18 bytes).</summary>
        public static byte[] WithoutCrc(byte[] code)
        {
            if (code.Length != 10 && code.Length != 14 && code.Length != 18)
            {
                return code;
            }

            int length = code.Length - 2;
            ushort crc = (ushort)(code[length] | (code[length + 1] << 8));
            if (Crc16X25.Compute(code, 0, length) != crc)
            {
                throw new ArgumentException("the install code's last two bytes are not the CRC-16/X.25 of the rest");
            }

            return code.AsSpan(0, length).ToArray();
        }
    }
}
