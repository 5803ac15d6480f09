using AlwaysConnected.Routing.Benchmarks;
using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, e.g. `--filter *Parser*`; `--gate` runs the
// hot-path benchmarks briefly and fails when any of them allocates (see AllocationGate); `--targets`
// checks the targets in a way that tolerates a busy machine (see TargetProbe); `--write-prefix-plan N DIR`
// writes a generated plan of N number-prefix rules and a matching INVITE (see PrefixRulePlan).
if (args.Contains(AllocationGate.Switch))
{
    return AllocationGate.Run([.. args.Where(a => a != AllocationGate.Switch)]);
}

if (args.Length > 0 && args[0] == PrefixRulePlan.Switch)
{
    return PrefixRulePlan.Write(args[1..]);
}

if (args.Contains(TargetProbe.Switch))
{
    return TargetProbe.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(AllocationGate).Assembly).Run(args);
return 0;
