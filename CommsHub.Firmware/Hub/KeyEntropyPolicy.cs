namespace CommsHub.Hub
{
    /// <summary>
    /// [decision] On the ESP32 the hub does not make its own signing key: provisioning is the default.
    /// nanoFramework's System.Random is the only random source its ESP32 firmware offers managed code, and the
    /// chip's generator behind it is only truly random while the RF subsystem (Wi-Fi/Bluetooth) runs or the
    /// bootloader's entropy source is enabled, neither of which this firmware does. Its output is fine for MAC
    /// short addresses and link epochs, not for a private key (or a NWK key). On the PC the operating system's
    /// generator is used and the key is made at first boot.
    /// </summary>
    public static class KeyEntropyPolicy
    {
        public const bool Esp32RandomFitForKeys = false;
    }
}
