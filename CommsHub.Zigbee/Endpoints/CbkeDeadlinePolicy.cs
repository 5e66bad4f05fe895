namespace CommsHub.Endpoints
{
    /// <summary>
    /// [decision] How long a joined device has to complete CBKE before the hub asks it to leave: 10 minutes from its
    /// association. A suite 2 exchange takes the hub at most its stated 28 s of curve work plus the initiator's own,
    /// and a device that fails waits the Terminate's wait before retrying; 10 minutes allows several tries by a
    /// sleepy PPMID and still frees the network of a device that cannot register. The leave asks for no rejoin.
    /// </summary>
    public static class CbkeDeadlinePolicy
    {
        public const long DeadlineMilliseconds = 10L * 60 * 1000;

        public const bool RejoinAfterLeave = false;
    }
}
