namespace CommsHub.Mac
{
    /// <summary>Addressing modes of the frame control field; mode 1 is reserved in the 2006 standard.</summary>
    public static class MacAddressMode
    {
        public const int None = 0;
        public const int Short = 2;
        public const int Extended = 3;
    }
}
