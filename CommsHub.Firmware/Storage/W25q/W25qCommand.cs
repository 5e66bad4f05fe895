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
        public const byte ReadStatusRegister2 = 0x35;

        /// <summary>Writes status register 1, and register 2 when a second data byte follows (every W25Q part).</summary>
        public const byte WriteStatusRegister = 0x01;

        /// <summary>Release from power-down: the chip ignores everything else after a Power-down (0xB9).</summary>
        public const byte ReleasePowerDown = 0xAB;

        /// <summary>Status register 1: erase or write in progress.</summary>
        public const byte StatusBusy = 0x01;

        /// <summary>Status register 1: write enable latch.</summary>
        public const byte StatusWriteEnableLatch = 0x02;

        /// <summary>Status register 1: block protect BP0-BP2, top/bottom and sector/block (bits 2-6).</summary>
        public const byte StatusBlockProtect = 0x7C;

        /// <summary>Status register 2: complement protect, which inverts the BP range (BP = 0 then protects all).</summary>
        public const byte Status2ComplementProtect = 0x40;
    }
}
