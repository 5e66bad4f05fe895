using CommsHub.Platform;

namespace CommsHub.Work
{
    /// <summary>
    /// What one main-loop turn may cost, in interpreter IL operations ("units"), and what each counted operation
    /// costs in those units. The speed is <see cref="InterpreterSpeedPolicy"/>'s (3.0 million IL operations a second,
    /// measured inside the real nanoFramework interpreter), which the curve code's slices plan with too:
    /// <list type="bullet">
    /// <item>A 20 ms turn of that is 60,000 IL operations: <see cref="TurnUnits"/>.</item>
    /// <item>Waiting for the flash is time too: a unit is a third of a microsecond (1 / 3.0 MHz), so a page program's
    /// typical 0.7 ms busy time is 2,100 units and a sector erase's typical 45 ms is 135,000 units, more than a
    /// whole turn. Erases are therefore started in one turn and their completion polled in later turns through
    /// the status register; a turn that waits for one is over budget by construction.</item>
    /// </list>
    /// </summary>
    public static class WorkBudget
    {
        /// <summary>About 20 ms of ESP32 time at the planning speed.</summary>
        public const int TurnUnits = InterpreterSpeedPolicy.TurnIlOperations;

        /// <summary>One 64-byte SHA-256 compression (measured: 212 million IL operations for 12,000 blocks).</summary>
        public const int Sha256BlockUnits = 17700;

        /// <summary>
        /// One Montgomery multiplication modulo a 256-bit prime, with its share of the additions around it. The measured
        /// signature (27 million IL operations) ran the one-shot code: 256 doublings of 8 multiplications, about 128
        /// Jacobian additions of 16 and two inversions of about 380, some 4,900 in all, so about 5,500 IL operations
        /// each; 5,800 leaves room for the additions around them. The stepped code makes 4,100–4,400 per signature
        /// (mixed additions; counted by <c>SteppedCryptoTests</c>).
        /// </summary>
        public const int FieldMultiplicationUnits = 5800;

        /// <summary>Driver and SpiDevice overhead of one transaction (managed code around one native call).</summary>
        public const int SpiTransactionUnits = 300;

        /// <summary>One byte on the SPI bus at about 8 MHz: 1 µs.</summary>
        public const int SpiByteUnits = 3;

        /// <summary>W25Q32 page program, typical 0.7 ms: the driver waits for it.</summary>
        public const int PageProgramUnits = 2100;

        /// <summary>W25Q32 4 KB sector erase, typical 45 ms (400 ms worst): charged when a turn waits for one.</summary>
        public const int SectorEraseWaitUnits = 135000;

        /// <summary>One byte compared against 0xFF in a blank check (load, compare, branch, loop: about 10 IL).</summary>
        public const int BlankCheckByteUnits = 10;

        /// <summary>WAN receive loop per byte: read from the buffer, test for the delimiter, store (about 20 IL).</summary>
        public const int LinkScanByteUnits = 20;

        /// <summary>COBS encode per byte: test for zero, copy, count the run (about 31 IL; with the old one-table CRC's 23 it makes the measured 54).</summary>
        public const int LinkCobsEncodeByteUnits = 31;

        /// <summary>COBS decode per byte: copy and loop (about 21 IL).</summary>
        public const int LinkCobsDecodeByteUnits = 21;

        /// <summary>
        /// CRC-32 per byte, slicing by four (<c>Crc32</c>): about 65 IL per four bytes, against 23 per byte for the
        /// one-table loop it replaced (hand count of each loop's IL; the old COBS + CRC total matches the measured 54).
        /// </summary>
        public const int CrcByteUnits = 17;

        /// <summary>
        /// A CBKE key derivation: MacKey and KeyData (two AES-MMO hashes of Z and a counter) and MACU and MACV (two
        /// keyed hashes over both EUI-64s and both ephemeral points), 34 AES blocks for suite 2 (counted through the
        /// AES seam by <c>KeyEstablishmentWorkTests</c>), each one native call on the board with the managed MMO
        /// around it (padding, XOR of 16 bytes, copies: taken as 500 IL operations a block, a generous hand count).
        /// </summary>
        public const int CbkeDerivationUnits = 34 * 500;
    }
}
