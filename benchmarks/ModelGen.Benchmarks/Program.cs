// Runs the benchmarks chosen on the command line, e.g. --filter '*' for all of them.
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
