namespace CommsHub.Alerts
{
    /// <summary>
    /// The hand-over from the image store to the alert queue. The store records an outcome in its own metadata
    /// first, then offers it here; the sink must persist it before returning and report the highest number it
    /// holds. After a power cut the store offers again only what lies above <see cref="AcceptedThrough"/>, so
    /// every outcome reaches the queue exactly once.
    /// </summary>
    public interface IOutcomeSink
    {
        uint AcceptedThrough { get; }

        void Accept(TargetOutcome outcome);
    }
}
