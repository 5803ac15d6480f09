using System.Diagnostics;
using System.Globalization;
using AlwaysConnected.Routing.Fuzz;
using SharpFuzz;

// Usage (see README.md):
//   list
//   seed <target> <folder> [--testdata <folder>]
//   afl <target>                          run under afl-fuzz (the library assembly must be instrumented)
//   random <target> [--seconds N] [--iterations N] [--seed N] [--testdata <folder>] [--crashes <folder>]
//   replay <target> <file-or-folder>...   exit code 1 when any input fails
if (args.Length == 0)
{
    return Usage();
}

try
{
    switch (args[0])
    {
        case "list":
            foreach (var t in TargetCatalog.All)
            {
                Console.WriteLine(t.Name);
            }

            return 0;
        case "seed" when args.Length >= 3:
            {
                var target = TargetCatalog.Find(args[1]);
                int count = SeedCorpus.Write(target.SeedKinds, SeedCorpus.FindTestData(Option(args, "--testdata")), args[2]);
                Console.WriteLine($"{target.Name}: {count} seed inputs in {args[2]}");
                return 0;
            }

        case "afl" when args.Length >= 2:
            {
                var target = TargetCatalog.Find(args[1]);
                Fuzzer.Run(stream =>
                {
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                });
                return 0;
            }

        case "random" when args.Length >= 2:
            return RunRandom(TargetCatalog.Find(args[1]), args);
        case "replay" when args.Length >= 3:
            return Replay(TargetCatalog.Find(args[1]), args[2..]);
        default:
            return Usage();
    }
}
catch (Exception e) when (e is ArgumentException or IOException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

static int RunRandom(FuzzTarget target, string[] args)
{
    int seconds = int.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
    long iterations = long.Parse(Option(args, "--iterations") ?? long.MaxValue.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    int seed = int.Parse(Option(args, "--seed") ?? "4475", CultureInfo.InvariantCulture);
    string crashes = Option(args, "--crashes") ?? Path.Combine("artifacts", "fuzz", "random-crashes", target.Name);
    var corpus = SeedCorpus.Load(target.SeedKinds, SeedCorpus.FindTestData(Option(args, "--testdata")));

    // Seeds first, unmutated: a seed that fails is the cheapest finding.
    long runs = 0;
    int failures = 0;
    foreach (var input in corpus)
    {
        failures += RunOne(target, input, crashes, runs++);
    }

    var mutator = new RandomMutator(seed, corpus);
    var clock = Stopwatch.StartNew();
    while (runs < iterations && clock.Elapsed.TotalSeconds < seconds && failures < 10)
    {
        failures += RunOne(target, mutator.Next(), crashes, runs++);
    }

    Console.WriteLine($"{target.Name}: {runs} executions in {clock.Elapsed.TotalSeconds:F1} s (seed {seed}, {corpus.Count} corpus inputs), {failures} failures");
    return failures == 0 ? 0 : 1;
}

static int RunOne(FuzzTarget target, byte[] input, string crashes, long number)
{
    try
    {
        target.Run(input);
        return 0;
    }
    catch (Exception e)
    {
        Directory.CreateDirectory(crashes);
        string file = Path.Combine(crashes, $"crash-{number:D9}");
        File.WriteAllBytes(file, input);
        Console.Error.WriteLine($"{target.Name}: input {number} failed, saved to {file}:\n{e}");
        return 1;
    }
}

static int Replay(FuzzTarget target, string[] paths)
{
    int failures = 0;
    int count = 0;
    foreach (var path in paths)
    {
        var files = Directory.Exists(path) ? Directory.GetFiles(path).Order(StringComparer.Ordinal).ToArray() : [path];
        foreach (var file in files)
        {
            count++;
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                failures++;
                Console.Error.WriteLine($"{file}:\n{e}");
            }
        }
    }

    Console.WriteLine($"{target.Name}: replayed {count} inputs, {failures} failures");
    return failures == 0 ? 0 : 1;
}

static string? Option(string[] args, string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static int Usage()
{
    Console.Error.WriteLine("usage: list | seed <target> <folder> | afl <target> | random <target> [--seconds N] [--iterations N] [--seed N] | replay <target> <path>...");
    return 2;
}
