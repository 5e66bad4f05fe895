namespace System
{
    public enum DateTimeKind { Unspecified = 0, Utc = 1, Local = 2 }

    // nanoFramework keeps only UTC: there is no DateTime.Now, and MinValue is 1601-01-01.
    public struct DateTime
    {
        public static readonly DateTime MinValue;
        public static readonly DateTime MaxValue;
        public static readonly DateTime UnixEpoch;
        public DateTime(long ticks) { throw null; }
        public DateTime(long ticks, DateTimeKind kind) { throw null; }
        public DateTime(int year, int month, int day) { throw null; }
        public DateTime(int year, int month, int day, int hour, int minute, int second) { throw null; }
        public DateTime(int year, int month, int day, int hour, int minute, int second, int millisecond) { throw null; }
        public static DateTime UtcNow { get { throw null; } }
        public long Ticks { get { throw null; } }
        public int Year { get { throw null; } }
        public int Month { get { throw null; } }
        public int Day { get { throw null; } }
        public int Hour { get { throw null; } }
        public int Minute { get { throw null; } }
        public int Second { get { throw null; } }
        public int Millisecond { get { throw null; } }
        public DateTime AddTicks(long val) { throw null; }
        public DateTime AddMilliseconds(double val) { throw null; }
        public DateTime AddSeconds(double val) { throw null; }
        public DateTime AddMinutes(double val) { throw null; }
        public DateTime AddHours(double val) { throw null; }
        public DateTime AddDays(double val) { throw null; }
        public static int Compare(DateTime t1, DateTime t2) { throw null; }
        public override string ToString() { throw null; }
    }
}
