namespace CommsHub.Cli.Fuzz;

/// <summary>One instance of a component under fuzzing: a decoder (no state) or a receiver that keeps state between inputs.</summary>
public interface IFuzzInstance
{
    /// <summary>Hands the component one input. Throwing is a failure unless the target says the exception is a refusal.</summary>
    void Feed(byte[] input);

    /// <summary>Does the component still work on a valid input, and (for hub state) equal what a reboot reads back? Null if so.</summary>
    string Check();
}

/// <summary>A named fuzz target: seeds made by the project's own encoders, and a way to make a fresh instance.</summary>
public sealed class FuzzTarget(string name, string description, Func<List<byte[]>> seeds, Func<IFuzzInstance> create, int checkEvery = 256)
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public Func<List<byte[]>> Seeds { get; } = seeds;

    public Func<IFuzzInstance> Create { get; } = create;

    /// <summary>How many inputs between checks; stateful targets check less often because a check costs more.</summary>
    public int CheckEvery { get; } = checkEvery;

    /// <summary>Exceptions that are the component's documented refusal of bad input (a scenario's ScenarioException).</summary>
    public Func<Exception, bool> IsRefusal { get; init; } = _ => false;

    /// <summary>A stateless decoder: the check runs every seed through it again.</summary>
    public static FuzzTarget Decoder(string name, string description, Func<List<byte[]>> seeds, Action<byte[]> decode) =>
        new(name, description, seeds, () => new DecoderInstance(decode, seeds()));

    private sealed class DecoderInstance(Action<byte[]> decode, List<byte[]> seeds) : IFuzzInstance
    {
        public void Feed(byte[] input) => decode(input);

        public string Check()
        {
            foreach (byte[] seed in seeds)
            {
                decode(seed);
            }

            return null;
        }
    }
}
