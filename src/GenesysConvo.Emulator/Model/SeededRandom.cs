namespace GenesysConvo.Emulator.Model;

/// <summary>
/// Small deterministic PRNG (SplitMix64). Unlike System.Random its sequence is ours, so the synthetic org and
/// every conversation stay identical across .NET versions for the same seed.
/// </summary>
public sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(ulong state) => _state = state;

    /// <summary>A generator for item <paramref name="index"/> of stream <paramref name="stream"/> under a seed.</summary>
    public static SeededRandom For(int seed, string stream, long index = 0)
        => new(Mix(Mix((ulong)(uint)seed ^ Hash(stream)) + (ulong)index * 0x9E3779B97F4A7C15UL));

    public ulong NextU64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextU64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, max).</summary>
    public int Next(int max) => max <= 0 ? 0 : (int)(NextU64() % (ulong)max);

    /// <summary>Uniform integer in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>A version-4-shaped GUID, stable for the same generator state.</summary>
    public Guid NextGuid()
    {
        Span<byte> b = stackalloc byte[16];
        BitConverter.TryWriteBytes(b, NextU64());
        BitConverter.TryWriteBytes(b[8..], NextU64());
        b[7] = (byte)((b[7] & 0x0F) | 0x40); // version 4 (Guid byte order puts the version in byte 7)
        b[8] = (byte)((b[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(b);
    }

    /// <summary>Log-normal-ish positive duration: median <paramref name="median"/>, clamped to [min, max].</summary>
    public double Skewed(double median, double sigma, double min, double max)
    {
        // Box-Muller normal sample.
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Clamp(median * Math.Exp(sigma * z), min, max);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Hash(string s)
    {
        // FNV-1a: string.GetHashCode is randomised per process, this is not.
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        return h;
    }
}
