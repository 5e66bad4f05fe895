using CommsHub.Platform;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.Cli.Bench;

/// <summary>
/// The hub's SPI line to its flash chip, watched for the power cut: the firmware's main loop catches every exception
/// (it must never die), so the cut's <see cref="PowerLossException"/> would stop at its fault barrier and the hub would
/// run on against a dead chip. Here the bench sees the cut land and restarts the hub after that turn, as the board
/// does when its power returns.
/// </summary>
public sealed class HubFlashSupply(NorFlashEmulator chip) : ISpiBus
{
    /// <summary>A power cut landed in a flash transfer since the last <see cref="TakeCut"/>.</summary>
    public bool CutLanded { get; private set; }

    public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
    {
        try
        {
            chip.TransferFullDuplex(writeBuffer, readBuffer, length);
        }
        catch (PowerLossException)
        {
            CutLanded = true;
            throw;
        }
    }

    /// <summary>True once per cut: the caller restarts the hub.</summary>
    public bool TakeCut()
    {
        bool cut = CutLanded;
        CutLanded = false;
        return cut;
    }
}
