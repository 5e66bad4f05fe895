namespace CommsHub.Hub
{
    /// <summary>
    /// [decision] The device's main loop yields to the scheduler only when the hub has nothing to do. A yield
    /// (Thread.Sleep(1)) costs a FreeRTOS tick, 10 ms by default, and a sleepy device listens only about 30 ms for
    /// its data after a poll. So while the radio or the WAN has work the loop turns again at once, and an idle loop
    /// waits on an event that the radio's interrupt (GpioPin.ValueChanged) sets, so a poll wakes it at once.
    /// </summary>
    public static class MainLoopPolicy
    {
        /// <summary>
        /// Longest idle wait: clock timers and the WAN are served at least this often (the WAN's UART buffer holds
        /// about 400 ms of traffic, so 10 ms costs it nothing).
        /// </summary>
        public const int IdleWaitMilliseconds = 10;

        public static bool ShouldYield(bool hubHasWork)
        {
            return !hubHasWork;
        }
    }
}
