using System;
using CommsHub.Zcl;

namespace CommsHub.Clusters.Time
{
    /// <summary>Zigbee time: whole seconds since 2000-01-01 00:00:00 UTC, with 0xFFFFFFFF meaning "no valid time".</summary>
    public static class ZigbeeTime
    {
        private const long TicksPerSecond = 10000000;

        private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0).Ticks;

        /// <summary>Seconds since the Zigbee epoch, or invalid for a time before it or past what 32 bits hold.</summary>
        public static uint FromUtc(DateTime utc)
        {
            long seconds = (utc.Ticks - EpochTicks) / TicksPerSecond;
            if (utc.Ticks < EpochTicks || seconds >= ZclDataType.InvalidUtcTime)
            {
                return ZclDataType.InvalidUtcTime;
            }

            return (uint)seconds;
        }

        public static DateTime ToUtc(uint seconds)
        {
            return new DateTime(EpochTicks + (seconds * TicksPerSecond));
        }
    }
}
