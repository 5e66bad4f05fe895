using System;

namespace CommsHub.Clusters.Time
{
    /// <summary>
    /// UK civil time: GMT (zone offset 0), and British Summer Time one hour ahead from 01:00 UTC on the last
    /// Sunday of March to 01:00 UTC on the last Sunday of October.
    /// </summary>
    public static class UkDaylightSaving
    {
        public const int TimeZoneSeconds = 0;
        public const int ShiftSeconds = 3600;

        /// <summary>When summer time starts in <paramref name="year"/>, as Zigbee time.</summary>
        public static uint Start(int year)
        {
            return ZigbeeTime.FromUtc(LastSundayAt0100Utc(year, 3));
        }

        /// <summary>When summer time ends in <paramref name="year"/>, as Zigbee time.</summary>
        public static uint End(int year)
        {
            return ZigbeeTime.FromUtc(LastSundayAt0100Utc(year, 10));
        }

        // March and October both have 31 days, so the last Sunday is the 31st stepped back to a Sunday.
        private static DateTime LastSundayAt0100Utc(int year, int month)
        {
            DateTime last = new DateTime(year, month, 31, 1, 0, 0);
            return last.AddDays(-(int)last.DayOfWeek);
        }
    }
}
