namespace CommsHub.Policy
{
    /// <summary>A section 3 verdict and the name of the spec row that gave it.</summary>
    public sealed class ArrivalDecision
    {
        public ArrivalDecision(ArrivalVerdict verdict, string rule)
        {
            Verdict = verdict;
            Rule = rule;
        }

        public ArrivalVerdict Verdict { get; private set; }

        public string Rule { get; private set; }
    }
}
