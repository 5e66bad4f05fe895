namespace CommsHub.TrustCenter
{
    /// <summary>
    /// [decision] When the network key rotates: every time a device is removed from the Device Log, so the removed device's
    /// copy of the key stops working. The new key goes to each remaining device in a Transport-Key under its own link key
    /// a few per main-loop turn; the Switch-Key follows after <see cref="SwitchDelayMilliseconds"/>, long enough for a sleepy device's polls
    /// to have fetched its Transport-Key (the MAC holds indirect frames for 7.68 s). The new key is saved before the switch.
    /// </summary>
    public static class KeyRotationPolicy
    {
        public const long SwitchDelayMilliseconds = 20000;

        /// <summary>Each is a keyed hash and a CCM* pass (about 15 native AES calls): a few keep a turn well inside its budget.</summary>
        public const int TransportKeysPerTurn = 4;
    }
}
