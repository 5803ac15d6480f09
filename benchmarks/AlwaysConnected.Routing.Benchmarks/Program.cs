using AlwaysConnected.Routing.Benchmarks;
using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, e.g. `--filter *Parser*`; `--gate` runs the
// hot-path benchmarks briefly and fails when any of them allocates (see AllocationGate); `--targets`
// checks the targets in a way that tolerates a busy machine (see TargetProbe).
if (args.Contains(AllocationGate.Switch))
{
    return AllocationGate.Run([.. args.Where(a => a != AllocationGate.Switch)]);
}

if (args.Contains(TargetProbe.Switch))
{
    return TargetProbe.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(AllocationGate).Assembly).Run(args);
return 0;
