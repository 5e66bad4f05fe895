using CommsHub.Ota.Files;

namespace CommsHub.Cli.Ota;

/// <summary>An OTA file on disk, read piece by piece as the hub reads flash.</summary>
public sealed class FileImageSource : IImageSource, IDisposable
{
    private readonly FileStream _stream;

    public FileImageSource(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (_stream.Length > int.MaxValue)
        {
            _stream.Dispose();
            throw new IOException($"{path} is {_stream.Length} bytes; an OTA file is at most a few megabytes");
        }
    }

    public int Length => (int)_stream.Length;

    public void Read(int offset, byte[] buffer, int bufferOffset, int count)
    {
        _stream.Position = offset;
        _stream.ReadExactly(buffer, bufferOffset, count);
    }

    public void Dispose() => _stream.Dispose();
}
