namespace CommsHub.Work
{
    /// <summary>
    /// Long work cut into bounded steps (a tasklet): the main loop calls <see cref="Step"/> while the turn has room
    /// for <see cref="LargestStepUnits"/>, and never waits inside a step for hardware that is busy.
    /// </summary>
    public interface IWorkItem
    {
        /// <summary>The most one step can cost, in <see cref="WorkBudget"/> units.</summary>
        int LargestStepUnits { get; }

        /// <summary>Does one bounded step; returns true when the work is finished (it then leaves the queue).</summary>
        bool Step();

        /// <summary>
        /// True after a step that found the hardware busy (an erase still running): the queue gives the item no
        /// more steps in this turn, so checking the chip never turns into waiting for it.
        /// </summary>
        bool WaitsForHardware { get; }
    }
}
