namespace CommsHub.Cli.Fuzz;

/// <summary>
/// Makes inputs from valid seeds: bit flips, insertions, deletions, length-field tampering, truncation and splices,
/// one to three stacked, plus now and then bytes with no seed at all.
/// </summary>
public sealed class Mutator(Random random)
{
    private static readonly int[] Interesting = { 0x00, 0x01, 0x02, 0x03, 0x7F, 0x80, 0xFE, 0xFF };

    public byte[] Next(List<byte[]> seeds)
    {
        if (random.Next(64) == 0)
        {
            var noise = new byte[random.Next(260)];
            random.NextBytes(noise);
            return noise;
        }

        var bytes = new List<byte>(seeds[random.Next(seeds.Count)]);
        int ops = 1 + random.Next(3);
        for (int i = 0; i < ops; i++)
        {
            Mutate(bytes, seeds);
        }

        return bytes.ToArray();
    }

    private void Mutate(List<byte> b, List<byte[]> seeds)
    {
        switch (random.Next(7))
        {
            case 0:
            case 1:
                // Bit flips: one to four bits.
                for (int n = 1 + random.Next(4); n > 0 && b.Count > 0; n--)
                {
                    int at = random.Next(b.Count);
                    b[at] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 2:
                // Insertion of random or interesting bytes.
                int insertAt = random.Next(b.Count + 1);
                int count = 1 + random.Next(random.Next(2) == 0 ? 4 : 64);
                for (int i = 0; i < count; i++)
                {
                    b.Insert(insertAt, random.Next(2) == 0 ? (byte)random.Next(256) : (byte)Interesting[random.Next(Interesting.Length)]);
                }

                break;
            case 3:
                // Deletion of a run.
                if (b.Count > 0)
                {
                    int at = random.Next(b.Count);
                    b.RemoveRange(at, Math.Min(b.Count - at, 1 + random.Next(16)));
                }

                break;
            case 4:
                // Length-field tampering: a byte or a 16-bit field (either order) set to a boundary value.
                if (b.Count > 0)
                {
                    int at = random.Next(b.Count);
                    int[] values = { 0, 1, b.Count - at - 1, b.Count - at, b.Count - at + 1, b.Count, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0xFFFF };
                    int v = values[random.Next(values.Length)];
                    bool wide = random.Next(2) == 0 && at + 1 < b.Count;
                    if (!wide)
                    {
                        b[at] = (byte)v;
                    }
                    else if (random.Next(2) == 0)
                    {
                        b[at] = (byte)v;
                        b[at + 1] = (byte)(v >> 8);
                    }
                    else
                    {
                        b[at] = (byte)(v >> 8);
                        b[at + 1] = (byte)v;
                    }
                }

                break;
            case 5:
                // Truncation.
                if (b.Count > 0)
                {
                    int keep = random.Next(b.Count);
                    b.RemoveRange(keep, b.Count - keep);
                }

                break;
            default:
                // Splice: this input's head with another seed's tail.
                byte[] other = seeds[random.Next(seeds.Count)];
                int head = random.Next(b.Count + 1);
                int from = random.Next(other.Length + 1);
                b.RemoveRange(head, b.Count - head);
                for (int i = from; i < other.Length; i++)
                {
                    b.Add(other[i]);
                }

                break;
        }
    }
}
