namespace CommsHub.Storage.W25q
{
    /// <summary>Instruction bytes of the Winbond W25Q serial NOR family (datasheet "Instructions" table).</summary>
    internal static class W25qCommand
    {
        public const byte WriteEnable = 0x06;
        public const byte ReadStatusRegister1 = 0x05;
        public const byte ReadData = 0x03;
        public const byte PageProgram = 0x02;
        public const byte SectorErase4K = 0x20;
        public const byte JedecId = 0x9F;
        public const byte ReadUniqueId = 0x4B;

        /// <summary>Status register 1: erase or write in progress.</summary>
        public const byte StatusBusy = 0x01;

        /// <summary>Status register 1: write enable latch.</summary>
        public const byte StatusWriteEnableLatch = 0x02;
    }
}
