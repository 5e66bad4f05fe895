namespace CommsHub.Cli;

/// <summary>
/// One board per flash file: a lock file beside it, held open exclusively while the board runs. The operating
/// system releases it when the process dies, so a killed board never leaves a stale lock.
/// </summary>
public sealed class FlashLock : IDisposable
{
    private readonly FileStream _stream;

    private FlashLock(FileStream stream) => _stream = stream;

    public static FlashLock Take(string flashFile)
    {
        string path = Path.GetFullPath(flashFile) + ".lock";
        try
        {
            return new FlashLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (IOException)
        {
            throw new InputException($"another board is running on {flashFile} (lock {path}); stop it first or give another --flash");
        }
    }

    public void Dispose() => _stream.Dispose();
}
