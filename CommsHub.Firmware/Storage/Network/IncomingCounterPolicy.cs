namespace CommsHub.Storage.Network
{
    /// <summary>
    /// [decision] When the incoming NWK frame counter of a child is written to flash, and what it means after a reboot.
    /// The counter accepted from a device is saved when it has moved <see cref="SaveEveryFrames"/> or more past the
    /// saved value, or when <see cref="SaveEverySeconds"/> have passed since the last save and it has moved at all; the
    /// write is made before the frame is handed up. After a reboot the saved value is the floor: a frame is fresh only
    /// above it.
    /// Replay safety: every counter the hub accepted before a power cut is at most saved + <see cref="SaveEveryFrames"/>
    /// - 1 and no older than <see cref="SaveEverySeconds"/>, so after a reboot an attacker who recorded the air can
    /// replay at most that many frames, once each, and only frames the hub had already taken (no forged content, since
    /// the MIC still has to verify); any frame from before the last save stays refused. A higher floor (saved value plus
    /// a margin) would close that window but lock the device out: its own next frames would look like replays until its
    /// counter passed the margin, and a device never learns why it is not answered, so it would have to rejoin - which
    /// the network store exists to avoid.
    /// Cost: one 64-byte record per device per <see cref="SaveEveryFrames"/> frames (about 0.7 ms of page program), and
    /// one sector erase per sector of records.
    /// </summary>
    public static class IncomingCounterPolicy
    {
        public const uint SaveEveryFrames = 16;

        public const int SaveEverySeconds = 60;
    }
}
