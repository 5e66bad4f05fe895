namespace CommsHub.Tests.Security
{
    /// <summary>Hex text to bytes and back, for vectors written as the specifications print them.</summary>
    public static class TestBytes
    {
        public static byte[] Parse(string hex)
        {
            int digits = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (Value(hex[i]) >= 0)
                {
                    digits++;
                }
            }

            byte[] bytes = new byte[digits / 2];
            int at = 0;
            int high = -1;
            for (int i = 0; i < hex.Length; i++)
            {
                int v = Value(hex[i]);
                if (v < 0)
                {
                    continue;
                }

                if (high < 0)
                {
                    high = v;
                }
                else
                {
                    bytes[at++] = (byte)((high << 4) | v);
                    high = -1;
                }
            }

            return bytes;
        }

        public static string ToHex(byte[] bytes, int offset, int length)
        {
            const string digits = "0123456789ABCDEF";
            char[] c = new char[length * 2];
            for (int i = 0; i < length; i++)
            {
                c[2 * i] = digits[bytes[offset + i] >> 4];
                c[2 * i + 1] = digits[bytes[offset + i] & 0xF];
            }

            return new string(c);
        }

        public static byte[] Copy(byte[] bytes)
        {
            byte[] copy = new byte[bytes.Length];
            System.Array.Copy(bytes, copy, bytes.Length);
            return copy;
        }

        public static string ToHex(byte[] bytes)
        {
            return ToHex(bytes, 0, bytes.Length);
        }

        private static int Value(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }
    }
}
