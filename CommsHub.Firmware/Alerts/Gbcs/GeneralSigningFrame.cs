namespace CommsHub.Alerts.Gbcs
{
    /// <summary>
    /// A decoded GBCS General Signing frame: the fields the hub and the head-end need, offsets into the original
    /// bytes for the content and signature. Decoding never throws; <see cref="Failure"/> names the field.
    /// </summary>
    public sealed class GeneralSigningFrame
    {
        public string Failure;
        public byte Cra;
        public ulong OriginatorCounter;
        public ulong Originator;
        public ulong Recipient;
        public bool HasDateTime;
        public ushort MessageCode;
        public int ContentOffset;
        public int ContentLength;

        /// <summary>End of the signed bytes (which start at offset 1).</summary>
        public int SignedEnd;
        public int SignatureOffset;

        public static GeneralSigningFrame Decode(byte[] b, int length)
        {
            GeneralSigningFrame f = new GeneralSigningFrame();
            int at = 0;
            if (!Need(f, length, at, 3, "General Signing header") || b[0] != GbcsCodes.GeneralSigningTag)
            {
                return f.Fail(f.Failure != null ? f.Failure : "the first byte is 0x" + CommsHub.Platform.Hex.Format(b[0], 2) + ", not the General Signing tag 0xDF");
            }

            if (b[1] != GbcsCodes.TransactionIdLength)
            {
                return f.Fail("transaction-id length is " + b[1].ToString() + ", not 9");
            }

            f.Cra = b[2];
            if (f.Cra < GbcsCodes.CraCommand || f.Cra > GbcsCodes.CraAlert)
            {
                return f.Fail("CRA flag " + f.Cra.ToString() + " is not command (1), response (2) or alert (3)");
            }

            at = 3;
            if (!Need(f, length, at, 8 + 9 + 9 + 1, "originator counter and system titles"))
            {
                return f;
            }

            f.OriginatorCounter = U64(b, at);
            at += 8;
            if (b[at] != 8 || b[at + 9] != 8)
            {
                return f.Fail("a system title length is not 8");
            }

            f.Originator = U64(b, at + 1);
            f.Recipient = U64(b, at + 10);
            at += 18;
            int dateTimeLength = b[at++];
            if (dateTimeLength != 0 && dateTimeLength != 12)
            {
                return f.Fail("date-time length " + dateTimeLength.ToString() + " is neither 0 nor 12");
            }

            f.HasDateTime = dateTimeLength == 12;
            at += dateTimeLength;
            if (!Need(f, length, at, 1, "other-information length"))
            {
                return f;
            }

            int otherLength = b[at++];
            if (otherLength < 2 || !Need(f, length, at, otherLength, "other information"))
            {
                return f.Fail(f.Failure != null ? f.Failure : "other information is shorter than a message code");
            }

            f.MessageCode = (ushort)((b[at] << 8) | b[at + 1]);
            at += otherLength;
            if (!Need(f, length, at, 1, "content length"))
            {
                return f;
            }

            int contentLength = b[at++];
            if (contentLength == 0x81)
            {
                contentLength = Need(f, length, at, 1, "content length") ? b[at++] : -1;
            }
            else if (contentLength == 0x82)
            {
                contentLength = Need(f, length, at, 2, "content length") ? (b[at] << 8) | b[at + 1] : -1;
                at += 2;
            }
            else if (contentLength > 0x7F)
            {
                return f.Fail("content length form 0x" + CommsHub.Platform.Hex.Format(contentLength, 2) + " is not BER short, 0x81 or 0x82");
            }

            if (contentLength < 0 || !Need(f, length, at, contentLength + 1, "content and signature length"))
            {
                return f.Failure != null ? f : f.Fail("content length");
            }

            f.ContentOffset = at;
            f.ContentLength = contentLength;
            f.SignedEnd = at + contentLength;
            int signatureLength = b[f.SignedEnd];
            if (signatureLength != GbcsCodes.SignatureLength)
            {
                return f.Fail("signature length is " + signatureLength.ToString() + ", not 64");
            }

            f.SignatureOffset = f.SignedEnd + 1;
            if (!Need(f, length, f.SignatureOffset, GbcsCodes.SignatureLength, "signature"))
            {
                return f;
            }

            if (f.SignatureOffset + GbcsCodes.SignatureLength != length)
            {
                return f.Fail((length - f.SignatureOffset - GbcsCodes.SignatureLength).ToString() + " bytes follow the signature");
            }

            return f;
        }

        private GeneralSigningFrame Fail(string why)
        {
            Failure = why;
            return this;
        }

        private static bool Need(GeneralSigningFrame f, int length, int at, int count, string what)
        {
            if (at + count <= length)
            {
                return true;
            }

            f.Failure = "the message ends at byte " + length.ToString() + ", inside the " + what;
            return false;
        }

        private static ulong U64(byte[] b, int at)
        {
            ulong value = 0;
            for (int i = 0; i < 8; i++)
            {
                value = (value << 8) | b[at + i];
            }

            return value;
        }
    }
}
