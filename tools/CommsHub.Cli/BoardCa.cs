using System.Globalization;
using System.Security.Cryptography;

namespace CommsHub.Cli;

/// <summary>
/// The board's bench CA, kept beside the flash file as the seed its two test CAs (suites 1 and 2) are made from:
/// the hub's credentials in flash and the devices' certificates stay from the same CAs across runs. A test CA only:
/// whoever reads the file can issue certificates the board's devices trust.
/// </summary>
public static class BoardCa
{
    public static string PathFor(string flashFile) => flashFile + ".bench-ca";

    /// <summary>The seed in the file beside <paramref name="flashFile"/>; a new one (written there) on the first run.</summary>
    public static int Seed(string flashFile)
    {
        string path = PathFor(flashFile);
        if (File.Exists(path))
        {
            foreach (string line in File.ReadAllLines(path))
            {
                string[] parts = line.Split(':', 2);
                if (parts.Length == 2 && parts[0].Trim() == "seed")
                {
                    if (int.TryParse(parts[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed))
                    {
                        return seed;
                    }

                    break;
                }
            }

            throw new InputException($"{path}: no 'seed: N' line (the board's bench CA); delete it to start a new CA, then give the hub new credentials");
        }

        int fresh = RandomNumberGenerator.GetInt32(int.MaxValue);
        File.WriteAllText(path, "# the board's bench CA (suites 1 and 2) is made from this seed; a test CA only\nseed: " + fresh.ToString(CultureInfo.InvariantCulture) + "\n");
        return fresh;
    }
}
