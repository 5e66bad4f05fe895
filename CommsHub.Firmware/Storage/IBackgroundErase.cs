namespace CommsHub.Storage
{
    /// <summary>
    /// A flash that can start a sector erase and return at once (a W25Q erase is 45 ms typical, 400 ms worst):
    /// the main loop polls <see cref="EraseBusy"/> in later turns instead of waiting inside one.
    /// </summary>
    public interface IBackgroundErase
    {
        /// <summary>Sends the erase and returns; any other flash access waits until it is over.</summary>
        void StartEraseSector(int address);

        /// <summary>True while an erase started by <see cref="StartEraseSector"/> runs (one status read, or none when idle).</summary>
        bool EraseBusy { get; }
    }
}
