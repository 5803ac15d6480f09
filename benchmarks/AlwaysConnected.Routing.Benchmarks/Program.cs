using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, e.g. `--filter *Parser*`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
