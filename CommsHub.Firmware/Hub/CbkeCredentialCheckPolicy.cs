namespace CommsHub.Hub
{
    /// <summary>
    /// [decision] How SetCbkeCredentials is answered: the hub checks the fields in the turn the message arrives and
    /// refuses at once what is wrong with them; otherwise the Ack waits until the key pair has been checked (curve work
    /// in main-loop slices) and, if it matches, written to flash, like SetSigningKey's Ack waits for its public key.
    /// One answer, no status to poll: the head-end waits for it up to <see cref="HeadEndWaitSeconds"/>.
    /// <para>
    /// Why that long: the suite 2 check (ECQV of the hub's certificate and d·G) is about
    /// <see cref="Suite2CheckIlInstructions"/> IL instructions ("cbke-figures"), 14 s at the planning speed with the
    /// curve's half of each turn, 42 s if the interpreter runs at 1 million a second; the head-end's usual 10 s
    /// would time out and send the credentials again. 60 s covers both with room for a busy radio.
    /// </para>
    /// </summary>
    public static class CbkeCredentialCheckPolicy
    {
        public const int Suite2CheckIlInstructions = 21000000;

        public const int HeadEndWaitSeconds = 60;
    }
}
