using System.Text;

namespace AlwaysConnected.Routing.Fuzz;

/// <summary>
/// A small, seeded mutation fuzzer: the same seed and corpus give the same inputs in the same order, so a CI
/// failure reproduces exactly. It is the fallback when afl-fuzz is not available, not a replacement for it.
/// </summary>
internal sealed class RandomMutator
{
    private static readonly byte[][] Tokens =
    [
        "\r\n"u8.ToArray(), "\r\n\r\n"u8.ToArray(), "\r\n "u8.ToArray(), "\0"u8.ToArray(), "%00"u8.ToArray(), "%0D%0A"u8.ToArray(),
        ":"u8.ToArray(), ";"u8.ToArray(), ","u8.ToArray(), "<"u8.ToArray(), ">"u8.ToArray(), "\""u8.ToArray(), "\\"u8.ToArray(),
        "@"u8.ToArray(), "sip:"u8.ToArray(), "[::1]"u8.ToArray(), ";branch=z9hG4bK"u8.ToArray(), "Content-Length: 4294967296"u8.ToArray(),
        "l: 99999999999999999999"u8.ToArray(), "%1"u8.ToArray(), "%{$getSIPuser(To)}"u8.ToArray(), "(.+)"u8.ToArray(), "((a+)+)+$"u8.ToArray(),
        "[Rule r]\n"u8.ToArray(), "[Matching Patterns]\n"u8.ToArray(), "[Deploy Patterns]\n"u8.ToArray(), "$continue = true\n"u8.ToArray(),
        "Plugin 1: sipheader"u8.ToArray(), [0xC3], [0xFF, 0xFE], [0xED, 0xA0, 0x80],
    ];

    private readonly Random _random;
    private readonly List<byte[]> _corpus;

    public RandomMutator(int seed, List<byte[]> corpus)
    {
        _random = new Random(seed);
        _corpus = corpus.Count > 0 ? corpus : [Encoding.ASCII.GetBytes("INVITE sip:a@b SIP/2.0\r\n\r\n")];
    }

    public byte[] Next()
    {
        var data = new List<byte>(_corpus[_random.Next(_corpus.Count)]);
        int mutations = 1 + _random.Next(8);
        for (int i = 0; i < mutations; i++)
        {
            Mutate(data);
        }

        return [.. data];
    }

    private void Mutate(List<byte> data)
    {
        int at = data.Count == 0 ? 0 : _random.Next(data.Count + 1);
        switch (_random.Next(8))
        {
            case 0 when data.Count > 0:
                data[Math.Min(at, data.Count - 1)] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[Math.Min(at, data.Count - 1)] = (byte)_random.Next(256);
                break;
            case 2:
                data.InsertRange(at, Tokens[_random.Next(Tokens.Length)]);
                break;
            case 3 when data.Count > 0:
                data.RemoveRange(Math.Min(at, data.Count - 1), Math.Min(1 + _random.Next(16), data.Count - Math.Min(at, data.Count - 1)));
                break;
            case 4 when data.Count > 0:
                // Repeat a chunk many times: long lines, many headers, many parameters.
                int start = Math.Min(at, data.Count - 1);
                var chunk = data.GetRange(start, Math.Min(1 + _random.Next(32), data.Count - start));
                int copies = 1 + _random.Next(_random.Next(2) == 0 ? 4 : 200);
                for (int c = 0; c < copies; c++)
                {
                    data.InsertRange(start, chunk);
                }

                break;
            case 5:
                var other = _corpus[_random.Next(_corpus.Count)];
                int from = _random.Next(other.Length + 1);
                data.InsertRange(at, other.Skip(from).Take(1 + _random.Next(64)));
                break;
            case 6 when data.Count > 0:
                data.RemoveRange(at == data.Count ? at - 1 : at, data.Count - (at == data.Count ? at - 1 : at));
                break;
            default:
                var digits = Encoding.ASCII.GetBytes(_random.Next(4) switch { 0 => "0", 1 => "-1", 2 => "2147483648", _ => "18446744073709551616" });
                data.InsertRange(at, digits);
                break;
        }
    }
}
