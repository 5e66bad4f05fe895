namespace CommsHub.TrustCenter
{
    /// <summary>
    /// [decision] Request-Key answers. A trust-centre link key request (R21: a device asking for its key) is answered with
    /// the link key the hub already holds for that device (install-code or CBKE key) in a Transport-Key under its
    /// key-transport key: it tells the device nothing it does not hold. An application link key request is refused: in a
    /// GB HAN devices talk only to the hub, never to each other with keys of their own.
    /// </summary>
    public static class RequestKeyPolicy
    {
        public const bool AnswerTrustCentreLinkKey = true;

        public const bool AnswerApplicationLinkKey = false;
    }
}
