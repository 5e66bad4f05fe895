namespace CommsHub.Zcl
{
    /// <summary>Global (profile-wide) ZCL command ids the hub sends or must recognise.</summary>
    public static class ZclGlobalCommand
    {
        public const byte DefaultResponse = 0x0B;
    }
}
