// Runs the benchmarks chosen on the command line, e.g. --filter '*' for all of them, then prints
// the framework comparison's table (and writes it next to BenchmarkDotNet's own reports) when the
// run included comparison benchmarks. benchmarks/run.sh is the documented way in.
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ModelGen.Benchmarks;
using ModelGen.Benchmarks.Comparison;

using var load = new LoadMonitor();
Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray();
if (ComparisonReport.Build(summaries) is { } table && summaries.Length > 0)
{
    string report = load.Describe() + Environment.NewLine + Environment.NewLine + table;
    string path = Path.Combine(summaries[0].ResultsDirectoryPath, "framework-comparison.md");
    File.WriteAllText(path, report);
    Console.WriteLine();
    Console.WriteLine("// * Framework comparison *");
    Console.WriteLine(report);
    Console.WriteLine($"// written to {path}");
}
