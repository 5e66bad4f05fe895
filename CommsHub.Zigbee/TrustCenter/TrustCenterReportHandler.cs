namespace CommsHub.TrustCenter
{
    /// <summary>A line for the hub's console and the head-end (a refused join, a key sent).</summary>
    public delegate void TrustCenterReportHandler(string line);
}
