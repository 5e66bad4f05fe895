namespace CommsHub.Wan.Link
{
    /// <summary>
    /// Consistent Overhead Byte Stuffing: a frame never contains 0x00, so 0x00 ends every frame and a receiver
    /// resynchronises on the next 0x00 after any noise. Costs at most one byte in 254.
    /// </summary>
    public static class Cobs
    {
        public static int MaximumEncodedLength(int length)
        {
            return length + (length / 254) + 1;
        }

        /// <summary>Encodes <paramref name="count"/> bytes; returns the encoded length (without the 0x00 delimiter).</summary>
        public static int Encode(byte[] source, int offset, int count, byte[] target, int targetOffset)
        {
            int codeAt = targetOffset;
            int at = targetOffset + 1;
            byte code = 1;
            for (int i = 0; i < count; i++)
            {
                byte b = source[offset + i];
                if (b == 0)
                {
                    target[codeAt] = code;
                    codeAt = at++;
                    code = 1;
                    continue;
                }

                target[at++] = b;
                code++;
                if (code == 0xFF)
                {
                    target[codeAt] = code;
                    codeAt = at++;
                    code = 1;
                }
            }

            target[codeAt] = code;
            return at - targetOffset;
        }

        /// <summary>
        /// Decodes in place-safe fashion into <paramref name="target"/>; returns the length, or -1 when malformed or
        /// when the decoded frame would not fit in the target (line noise can decode to more than any real frame).
        /// </summary>
        public static int Decode(byte[] source, int offset, int count, byte[] target, int targetOffset)
        {
            int at = offset;
            int end = offset + count;
            int written = targetOffset;
            while (at < end)
            {
                int code = source[at++];
                if (code == 0 || at + code - 1 > end)
                {
                    return -1;
                }

                int zero = code < 0xFF && at + code - 1 < end ? 1 : 0;
                if (written + code - 1 + zero > target.Length)
                {
                    return -1;
                }

                for (int i = 1; i < code; i++)
                {
                    target[written++] = source[at++];
                }

                if (zero == 1)
                {
                    target[written++] = 0;
                }
            }

            return written - targetOffset;
        }
    }
}
