using System;

namespace CommsHub.Hub
{
    /// <summary>UTC timestamps as 2026-11-21T10:15:00Z, built by hand because DateTime formatting differs on the device.</summary>
    public static class IsoTime
    {
        public static string Format(DateTime utc)
        {
            char[] text = new char[20];
            Put(text, 0, utc.Year, 4);
            text[4] = '-';
            Put(text, 5, utc.Month, 2);
            text[7] = '-';
            Put(text, 8, utc.Day, 2);
            text[10] = 'T';
            Put(text, 11, utc.Hour, 2);
            text[13] = ':';
            Put(text, 14, utc.Minute, 2);
            text[16] = ':';
            Put(text, 17, utc.Second, 2);
            text[19] = 'Z';
            return new string(text);
        }

        private static void Put(char[] text, int at, int value, int digits)
        {
            for (int i = digits - 1; i >= 0; i--)
            {
                text[at + i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }
    }
}
