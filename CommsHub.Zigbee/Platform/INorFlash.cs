namespace CommsHub.Platform
{
    /// <summary>
    /// A serial NOR flash as storage code sees it. Semantics are the chip's, not a disk's: erase sets a
    /// whole sector to 0xFF, programming can only clear bits, and a program never crosses a page.
    /// </summary>
    public interface INorFlash
    {
        /// <summary>Manufacturer, memory type and capacity bytes as read by JEDEC ID (0x9F).</summary>
        int JedecId { get; }

        int CapacityBytes { get; }

        int SectorSize { get; }

        int PageSize { get; }

        void Read(int address, byte[] buffer, int offset, int count);

        /// <summary>Programs up to one page; the range must not cross a page boundary.</summary>
        void ProgramPage(int address, byte[] buffer, int offset, int count);

        /// <summary>Erases the sector that starts at <paramref name="address"/>.</summary>
        void EraseSector(int address);
    }
}
