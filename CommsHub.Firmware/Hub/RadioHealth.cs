namespace CommsHub.Hub
{
    /// <summary>
    /// What the hub knows about its HAN radio, for the console and the head-end's status reply: the hub runs
    /// its WAN and alerts whatever the radio does, so a fault is reported rather than fatal.
    /// </summary>
    public sealed class RadioHealth
    {
        /// <summary>The board has no radio (or no entropy for the HAN): nothing to retry.</summary>
        public const int Absent = 0;

        public const int Running = 1;

        /// <summary>The radio failed to start; the hub retries it from the main loop.</summary>
        public const int Fault = 2;

        public int State { get; private set; }

        /// <summary>The HAN line when running; the driver's error when faulty; why there is no HAN when absent.</summary>
        public string Detail { get; private set; }

        /// <summary>Failed start attempts since the last success.</summary>
        public int FailedAttempts { get; private set; }

        public void SetAbsent(string detail)
        {
            State = Absent;
            Detail = detail;
        }

        public void SetRunning(string detail)
        {
            State = Running;
            Detail = detail;
            FailedAttempts = 0;
        }

        public void SetFault(string detail)
        {
            State = Fault;
            Detail = detail;
            FailedAttempts++;
        }

        public static string Name(int state)
        {
            return state == Running ? "running" : state == Fault ? "fault" : "absent";
        }
    }
}
