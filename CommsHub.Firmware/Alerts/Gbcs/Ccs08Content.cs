using System;

namespace CommsHub.Alerts.Gbcs
{
    /// <summary>The DER content of a CCS08 alert, read back; <see cref="Failure"/> names what does not fit.</summary>
    public sealed class Ccs08Content
    {
        /// <summary>The first year nanoFramework's DateTime holds (1601-01-01), so both builds refuse the same dates.</summary>
        public const int FirstYear = 1601;

        public string Failure;
        public ushort AlertCode;
        public DateTime DateTime;
        public ulong EntityId;
        public uint FirmwareVersion;
        public byte TransferResponseCode;

        public static Ccs08Content Decode(byte[] b, int offset, int length)
        {
            Ccs08Content c = new Ccs08Content();
            int end = offset + length;
            int at = offset;
            if (length < 2 || b[at] != 0x30 || b[at + 1] != length - 2)
            {
                return c.Fail("content is not a DER SEQUENCE spanning the whole content");
            }

            at += 2;
            if (!c.Expect(b, at, end, 0x02, 3, "alertCode INTEGER") || b[at + 2] != 0x00)
            {
                return c.Failure != null ? c : c.Fail("alertCode is not a positive 3-byte INTEGER");
            }

            c.AlertCode = (ushort)((b[at + 3] << 8) | b[at + 4]);
            at += 5;
            if (!c.Expect(b, at, end, 0x18, 15, "dateTime GeneralizedTime") || b[at + 16] != (byte)'Z')
            {
                return c.Failure != null ? c : c.Fail("dateTime does not end in Z (UTC)");
            }

            int year = Digits(b, at + 2, 4), month = Digits(b, at + 6, 2), day = Digits(b, at + 8, 2);
            int hour = Digits(b, at + 10, 2), minute = Digits(b, at + 12, 2), second = Digits(b, at + 14, 2);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
            {
                return c.Fail("dateTime is not a valid YYYYMMDDhhmmssZ");
            }

            // Each field in range is not enough: 31 February or year 0000 would make the constructor throw.
            if (year < FirstYear)
            {
                return c.Fail("dateTime year " + year.ToString() + " is before " + FirstYear.ToString());
            }

            if (day > DaysInMonth(year, month))
            {
                return c.Fail("dateTime " + year.ToString() + "-" + month.ToString() + "-" + day.ToString() + " is not a day of the calendar");
            }

            c.DateTime = new DateTime(year, month, day, hour, minute, second);
            at += 17;
            if (!c.Expect(b, at, end, 0x04, 8, "entityId OCTET STRING(8)"))
            {
                return c;
            }

            for (int i = 0; i < 8; i++)
            {
                c.EntityId = (c.EntityId << 8) | b[at + 2 + i];
            }

            at += 10;
            if (!c.Expect(b, at, end, 0x04, 4, "firmwareVersion OCTET STRING(4)"))
            {
                return c;
            }

            c.FirmwareVersion = FirmwareVersionPolicy.Read(b, at + 2);
            at += 6;
            if (!c.Expect(b, at, end, 0x02, 1, "transferResponseCode INTEGER"))
            {
                return c;
            }

            c.TransferResponseCode = b[at + 2];
            at += 3;
            return at == end ? c : c.Fail((end - at).ToString() + " bytes follow transferResponseCode");
        }

        private bool Expect(byte[] b, int at, int end, byte tag, int length, string field)
        {
            if (at + 2 + length > end)
            {
                Fail("content ends inside " + field);
                return false;
            }

            if (b[at] != tag || b[at + 1] != length)
            {
                Fail(field + " expected tag 0x" + CommsHub.Platform.Hex.Format(tag, 2) + " length " + length.ToString()
                    + ", found 0x" + CommsHub.Platform.Hex.Format(b[at], 2) + " length " + b[at + 1].ToString());
                return false;
            }

            return true;
        }

        private Ccs08Content Fail(string why)
        {
            if (Failure == null)
            {
                Failure = why;
            }

            return this;
        }

        private static int DaysInMonth(int year, int month)
        {
            if (month == 2)
            {
                bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            }

            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        private static int Digits(byte[] b, int at, int count)
        {
            int value = 0;
            for (int i = 0; i < count; i++)
            {
                int d = b[at + i] - '0';
                if (d < 0 || d > 9)
                {
                    return -1;
                }

                value = (value * 10) + d;
            }

            return value;
        }
    }
}
