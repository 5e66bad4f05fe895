namespace CommsHub.Platform
{
    /// <summary>Upper-case hex text without string.Format, which is slow and allocation-heavy on the device.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary>Hex of bytes[offset..offset+count); <paramref name="separator"/> '\0' means none.</summary>
        public static string Format(byte[] bytes, int offset, int count, char separator)
        {
            int width = separator == '\0' ? 2 : 3;
            int length = count == 0 ? 0 : (count * width) - (width - 2);
            char[] text = new char[length];
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                if (i > 0 && separator != '\0')
                {
                    text[at++] = separator;
                }

                byte b = bytes[offset + i];
                text[at++] = Digits[b >> 4];
                text[at++] = Digits[b & 0x0F];
            }

            return new string(text);
        }

        /// <summary>A value as exactly <paramref name="digits"/> hex digits, most significant first.</summary>
        public static string Format(long value, int digits)
        {
            char[] text = new char[digits];
            for (int i = digits - 1; i >= 0; i--)
            {
                text[i] = Digits[(int)(value & 0x0F)];
                value >>= 4;
            }

            return new string(text);
        }
    }
}
