namespace CommsHub.Security.Ecc
{
    /// <summary>A computation that runs in budgeted steps from the main loop.</summary>
    public abstract class EccTask
    {
        /// <summary>Works until finished (true) or until the budget cannot pay for the next operation (false).</summary>
        public abstract bool Step(WorkBudget budget);
    }
}
