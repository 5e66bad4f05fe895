namespace CommsHub.Hub
{
    /// <summary>
    /// [decision] When faults caught at the main loop mean the hub should restart rather than carry on: this many
    /// within this window. One fault resets the layer that threw; a layer that keeps throwing after its reset is
    /// wedged in a way a reset does not reach, and a clean boot from flash is the next known state.
    /// </summary>
    public static class FaultBarrierPolicy
    {
        public const int FaultsBeforeRestart = 5;

        public const long WindowMilliseconds = 60000;
    }
}
