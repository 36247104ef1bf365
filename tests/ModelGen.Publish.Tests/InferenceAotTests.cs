using System.Diagnostics;
using Xunit.Abstractions;

namespace ModelGen.Publish.Tests;

/// <summary>
/// samples/Inference published with NativeAOT: no trim or AOT warning, and the native binary's
/// predictions are the JIT build's, bit for bit, for IDX, CSV and stdin inputs.
/// </summary>
[Collection(DotnetProcessCollection.Name)]
public sealed class InferenceAotTests(InferenceBuilds builds, ITestOutputHelper log) : IClassFixture<InferenceBuilds>
{
    private static readonly TimeSpan s_runLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public void Publishing_prints_no_warning()
    {
        log.WriteLine($"Published in {builds.Publish.Elapsed.TotalSeconds:F1} s; native binary {new FileInfo(builds.NativeBinary).Length:N0} bytes.");
        string[] warnings = [.. builds.Publish.Output.Split('\n').Where(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase))];
        Assert.True(warnings.Length == 0, "The publish printed warnings:\n" + string.Join('\n', warnings));
        Assert.Contains("Generating native code", builds.Publish.Output);
    }

    [Fact]
    public void The_native_fashion_classifier_matches_the_jit_build_bit_for_bit_on_the_test_images()
    {
        string images = FashionTestImages();

        string native = Native("fashion-cnn", images, "--outputs");
        string jit = Jit("fashion-cnn", images, "--outputs");

        Assert.Equal(10_000, native.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(jit, native);
    }

    [Fact]
    public void The_native_breast_cancer_classifier_matches_the_jit_build_bit_for_bit_on_the_csv()
    {
        string table = Path.Combine(RepositoryRoot.Path, "samples", "data", "breast_cancer.csv");

        string native = Native("breast-cancer", table, "--outputs");

        Assert.Equal(569, native.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(Jit("breast-cancer", table, "--outputs"), native);
    }

    [Fact]
    public void Rows_on_stdin_get_the_predictions_the_file_gets()
    {
        string table = Path.Combine(RepositoryRoot.Path, "samples", "data", "breast_cancer.csv");
        string[] rows = File.ReadAllLines(table)[1..6];

        ProcessResult piped = ProcessRunner.Run(builds.NativeBinary, ["breast-cancer"], RepositoryRoot.Path, s_runLimit,
            standardInput: string.Join('\n', rows) + "\n").EnsureSuccess();

        string[] fromFile = Native("breast-cancer", table).Split('\n')[..5];
        Assert.Equal(fromFile, piped.Output.TrimEnd('\n').Split('\n'));
        Assert.Matches(@"^0: class \d \(\d\.\d{4}\)$", fromFile[0]);
    }

    [Fact]
    public void A_malformed_row_is_a_clear_error_naming_the_line()
    {
        ProcessResult run = ProcessRunner.Run(builds.NativeBinary, ["breast-cancer", "-"], RepositoryRoot.Path, s_runLimit,
            standardInput: "1,2,3\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("stdin line 1: expected 30 numbers (and an optional label), got '1,2,3'", run.Output);
    }

    [Fact]
    public void Start_up_to_the_first_prediction_is_measured()
    {
        string row = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "samples", "data", "breast_cancer.csv"))[1];
        var times = new List<double>();
        for (int run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            ProcessRunner.Run(builds.NativeBinary, ["breast-cancer"], RepositoryRoot.Path, s_runLimit, standardInput: row + "\n").EnsureSuccess();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        // Reported, not asserted: timings belong in docs/deployment.md, measured on a quiet machine.
        log.WriteLine($"process start to exit after one prediction: median {times[2]:F1} ms of 5 runs");
        Assert.All(times, time => Assert.True(time < s_runLimit.TotalMilliseconds));
    }

    private string Native(params string[] arguments) =>
        ProcessRunner.Run(builds.NativeBinary, arguments, RepositoryRoot.Path, s_runLimit).EnsureSuccess().Output;

    private string Jit(params string[] arguments) =>
        DotnetCli.Run(RepositoryRoot.Path, [builds.JitAssembly, .. arguments], s_runLimit).EnsureSuccess().Output;

    private static string FashionTestImages()
    {
        const string images = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
        Assert.True(File.Exists(images), $"{images} is missing; install Debian's dataset-fashion-mnist package (docs/datasets.md).");
        return images;
    }
}

/// <summary>samples/Inference built once for the JIT and once published with NativeAOT, each into a temporary folder.</summary>
public sealed class InferenceBuilds : IDisposable
{
    private static readonly TimeSpan s_buildLimit = TimeSpan.FromMinutes(8);
    private readonly string _folder = Directory.CreateTempSubdirectory("modelgen-inference-").FullName;

    public InferenceBuilds()
    {
        string project = Path.Combine(RepositoryRoot.Path, "samples", "Inference", "Inference.csproj");
        string jit = Path.Combine(_folder, "jit"), native = Path.Combine(_folder, "native");
        DotnetCli.Run(RepositoryRoot.Path, ["build", project, "-c", "Release", "-o", jit, "-nologo"], s_buildLimit).EnsureSuccess();
        Publish = DotnetCli.Run(RepositoryRoot.Path, ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", native, "-nologo"], s_buildLimit)
            .EnsureSuccess();
        JitAssembly = Path.Combine(jit, "Inference.dll");
        NativeBinary = Path.Combine(native, "Inference");
    }

    internal ProcessResult Publish { get; }

    public string JitAssembly { get; }

    public string NativeBinary { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
