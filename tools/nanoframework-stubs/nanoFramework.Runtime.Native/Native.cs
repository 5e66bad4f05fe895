// Reference stub of nanoFramework.Runtime.Native 1.7.11.
namespace nanoFramework.Runtime.Native
{
    public static class Rtc
    {
        public static bool SetSystemTime(System.DateTime time) { throw null; }
    }

    public class Power
    {
        public static void RebootDevice() { throw null; }
    }
}

namespace System
{
    public static partial class Environment
    {
        public static long TickCount64 { get { throw null; } }
    }
}
