namespace CommsHub.Ota.Server
{
    /// <summary>
    /// Upgrade time the hub puts in an Upgrade End Response. A PPMID activates at once (0x00000000).
    /// [decision] ESME, GSME and HCALCS get 0xFFFFFFFF, "wait for a later command": they are activated
    /// end to end by CS06, never by the hub (HCALCS follows SR 11.3, not the FIA's Appendix C).
    /// </summary>
    public static class UpgradeTimePolicy
    {
        public const uint Now = 0x00000000;
        public const uint WaitForCommand = 0xFFFFFFFF;

        public static uint For(OtaDeviceKind kind)
        {
            return kind == OtaDeviceKind.Ppmid ? Now : WaitForCommand;
        }
    }
}
