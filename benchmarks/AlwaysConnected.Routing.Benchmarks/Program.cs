using AlwaysConnected.Routing.Benchmarks;
using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, e.g. `--filter *Parser*`; `--gate` runs the
// hot-path benchmarks briefly and fails when any of them allocates (see AllocationGate).
if (args.Contains(AllocationGate.Switch))
{
    return AllocationGate.Run([.. args.Where(a => a != AllocationGate.Switch)]);
}

BenchmarkSwitcher.FromAssembly(typeof(AllocationGate).Assembly).Run(args);
return 0;
