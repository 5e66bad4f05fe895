using System;

namespace CommsHub.Hub
{
    /// <summary>
    /// [decision] The hub takes a time from the head-end only between 1970 and the end of 2099. A bench hub has no
    /// use for later dates, and a clock near DateTime's end would make every "now plus a deadline" overflow.
    /// Anything else is refused with a reason the head-end shows; the clock keeps what it had.
    /// </summary>
    public static class ClockRangePolicy
    {
        /// <summary>2100-01-01T00:00:00Z in seconds since 1970.</summary>
        public const ulong FirstRefusedUnixSeconds = 4102444800;

        public static bool Accepts(ulong unixSeconds)
        {
            return unixSeconds < FirstRefusedUnixSeconds;
        }

        public static string Refusal(ulong unixSeconds)
        {
            return "time " + unixSeconds.ToString() + " s after 1970 is outside the range the hub accepts (before 2100-01-01T00:00:00Z)";
        }

        public static DateTime ToDateTime(ulong unixSeconds)
        {
            return new DateTime(DateTime.UnixEpoch.Ticks + ((long)unixSeconds * 10000000));
        }
    }
}
