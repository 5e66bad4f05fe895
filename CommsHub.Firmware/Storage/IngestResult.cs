namespace CommsHub.Storage
{
    public sealed class IngestResult
    {
        public IngestResult(IngestStatus status, string reason, int nextOffset)
        {
            Status = status;
            Reason = reason;
            NextOffset = nextOffset;
        }

        public IngestStatus Status { get; private set; }

        /// <summary>In words, for the head-end's user: which rule, which field, which byte.</summary>
        public string Reason { get; private set; }

        public int NextOffset { get; private set; }

        public bool Ok
        {
            get { return Status == IngestStatus.Accepted || Status == IngestStatus.Stored; }
        }

        public override string ToString()
        {
            return Status.ToString() + ": " + Reason;
        }
    }
}
