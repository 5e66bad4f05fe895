using System.Security.Cryptography;

namespace CommsHub.Cli.Ota;

/// <summary>
/// The Zigbee AES-MMO hash (Matyas-Meyer-Oseas over AES-128): each 16-byte block is encrypted under the hash so far
/// and XORed with itself. Padding: 0x80, zeros, then the bit length — 16 bits when under 2^16 bits, otherwise 32
/// bits followed by 16 zero bits.
/// </summary>
public static class AesMmo
{
    public static byte[] Hash(byte[] message)
    {
        long bits = (long)message.Length * 8;
        bool small = bits < 0x10000;
        int trailer = small ? 2 : 6;
        int padded = message.Length + 1 + trailer;
        padded += (16 - (padded % 16)) % 16;
        byte[] m = new byte[padded];
        message.CopyTo(m, 0);
        m[message.Length] = 0x80;
        if (small)
        {
            m[padded - 2] = (byte)(bits >> 8);
            m[padded - 1] = (byte)bits;
        }
        else
        {
            m[padded - 6] = (byte)(bits >> 24);
            m[padded - 5] = (byte)(bits >> 16);
            m[padded - 4] = (byte)(bits >> 8);
            m[padded - 3] = (byte)bits;
        }

        byte[] hash = new byte[16];
        byte[] block = new byte[16];
        using var aes = Aes.Create();
        for (int at = 0; at < padded; at += 16)
        {
            aes.Key = hash;
            aes.EncryptEcb(m.AsSpan(at, 16), block, PaddingMode.None);
            for (int i = 0; i < 16; i++)
            {
                hash[i] = (byte)(block[i] ^ m[at + i]);
            }
        }

        return hash;
    }
}
