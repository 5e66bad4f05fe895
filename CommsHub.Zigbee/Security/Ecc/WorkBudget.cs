namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// What one main-loop turn may still spend, in <see cref="EccCost"/> units. A stepper takes the cost of
    /// an operation before doing it and stops when it cannot, so a turn never goes over its budget.
    /// </summary>
    public sealed class WorkBudget
    {
        public int Remaining;

        public bool Take(int cost)
        {
            if (Remaining < cost)
            {
                return false;
            }

            Remaining -= cost;
            return true;
        }
    }
}
