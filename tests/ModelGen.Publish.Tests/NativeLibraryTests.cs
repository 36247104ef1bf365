using System.Globalization;
using FashionMnistSample;
using ModelGen.Data;
using Xunit.Abstractions;

namespace ModelGen.Publish.Tests;

/// <summary>
/// samples/NativeLibrary as a C program uses it: published with NativeAOT without a warning, its
/// C caller built by gcc against the published header, and the caller's answers compared bit for
/// bit with the same models run by the JIT in this process, on real breast-cancer rows and
/// Fashion-MNIST test images.
/// </summary>
/// <remarks>
/// The library is compiled for this machine's instruction set (IlcInstructionSet=native) and the JIT
/// uses the same vector widths here, so both run the same kernels in the same order, and the C side
/// reads its inputs with strtof, which rounds decimal text to float exactly as float.Parse does:
/// there is no reason for a single bit to differ.
/// </remarks>
[Collection(DotnetProcessCollection.Name)]
public sealed class NativeLibraryTests(NativeLibraryFixture library, ITestOutputHelper log) : IClassFixture<NativeLibraryFixture>
{
    private const int BreastCancerRows = 20;
    private const int FashionImages = 8;
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public void Publish_WritesTheSharedLibraryAndHeaderWithoutWarnings()
    {
        log.WriteLine($"{library.PublishResult.CommandLine}: {library.PublishResult.Elapsed.TotalSeconds:F1} s");
        log.WriteLine($"NativeLibrary.so: {new FileInfo(library.LibraryPath).Length:N0} bytes");
        log.WriteLine(library.PublishResult.Output);

        Assert.True(File.Exists(Path.Combine(library.PublishFolder, "include", "modelgen.h")));
        // No warning of any kind, trim (IL2xxx) and AOT (IL3xxx) analysis included: MSBuild and the
        // NativeAOT compiler write "file(line,col): warning IL3050: ...", gcc "file:line:col: warning: ...".
        Assert.DoesNotContain(": warning", library.PublishResult.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(": warning", library.CompileResult.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CCaller_BreastCancerRows_AreBitIdenticalToTheJittedModel()
    {
        // The data file's own header and first rows, labels included: the caller skips one and ignores the other.
        string[] lines = [.. File.ReadLines(Path.Combine(RepositoryRoot.Path, "samples", "data", "breast_cancer.csv")).Take(1 + BreastCancerRows)];
        string csv = Path.Combine(library.Root, "breast-cancer.csv");
        File.WriteAllLines(csv, lines);
        var model = BreastCancerClassifier.FromEmbeddedWeights();
        float[][] expected = [.. lines.Skip(1).Select(line =>
        {
            float[] features = [.. line.Split(',').Take(BreastCancerClassifier.InputLength).Select(ParseFloat)];
            var probability = new float[BreastCancerClassifier.OutputLength];
            model.Predict(features, probability);
            return probability;
        })];

        ProcessResult run = Run(library.CallerPath, "breast-cancer", csv);

        AssertBitIdentical(expected, ParseOutputs(run, BreastCancerClassifier.OutputLength));
    }

    [Fact]
    public void CCaller_FashionImages_AreBitIdenticalToTheJittedModel()
    {
        (string csv, float[][] expected) = FashionSamples();

        ProcessResult run = Run(library.CallerPath, "fashion-cnn", csv);

        AssertBitIdentical(expected, ParseOutputs(run, FashionCnn.OutputLength));
    }

    [Fact]
    public void CCaller_WrongCalls_GetErrorStatusesInsteadOfExceptions()
    {
        ProcessResult run = Run(library.CallerPath, "errors");

        string[] expected =
        [
            "fashion-cnn 783 pixels: -2 wrong length",
            "fashion-cnn 9 probabilities: -2 wrong length",
            "fashion-cnn null pixels: -1 null pointer",
            "breast-cancer 31 features: -2 wrong length",
            "breast-cancer -1 features: -2 wrong length",
            "breast-cancer null probability: -1 null pointer",
            "status 7: 7 unknown status",
        ];
        Assert.Equal(expected, Lines(run.Output));
    }

    [Fact]
    public void CProgram_ConcurrentThreads_EachGetTheSameAnswersAsTheJittedModel()
    {
        string program = Path.Combine(library.PublishFolder, "threads");
        library.Gcc(Path.Combine(AppContext.BaseDirectory, "Native", "threads.c"), program, "-pthread");
        (string csv, float[][] expected) = FashionSamples();

        ProcessResult run = Run(program, csv, "4", "3");

        Assert.Equal("threads agree", Lines(run.Output)[^1]);
        AssertBitIdentical(expected, ParseOutputs(run, FashionCnn.OutputLength));
    }

    /// <summary>
    /// The first Fashion-MNIST test images as a CSV file of normalized pixels, written with the
    /// shortest text that reads back as the same float, and the JIT's probabilities for them.
    /// </summary>
    private (string Csv, float[][] Expected) FashionSamples()
    {
        // The Debian package's copy or the user's cache; no download, so a machine without the data
        // fails here with the places searched and how to install it.
        FashionMnist data = FashionMnist.Load(download: false, log: TextWriter.Null);
        float[,] pixels = Pixels.Normalize(data.Test.Slice(0, FashionImages).Images);
        var model = FashionCnn.FromEmbeddedWeights();
        var rows = new List<string>();
        var expected = new List<float[]>();
        for (int image = 0; image < FashionImages; image++)
        {
            float[] sample = [.. Enumerable.Range(0, FashionCnn.InputLength).Select(p => pixels[image, p])];
            var probabilities = new float[FashionCnn.OutputLength];
            model.Predict(sample, probabilities);
            expected.Add(probabilities);
            rows.Add(string.Join(',', sample.Select(p => p.ToString("R", CultureInfo.InvariantCulture))));
        }
        string csv = Path.Combine(library.Root, "fashion-pixels.csv");
        File.WriteAllLines(csv, rows);
        return (csv, [.. expected]);
    }

    private ProcessResult Run(string program, params string[] arguments)
    {
        ProcessResult run = ProcessRunner.Run(program, arguments, library.PublishFolder, s_runTimeout).EnsureSuccess();
        log.WriteLine($"{run.CommandLine}: {run.Elapsed.TotalMilliseconds:F0} ms");
        log.WriteLine(run.Output);
        return run;
    }

    /// <summary>Reads the "index: output output ..." lines the C programs print.</summary>
    private static float[][] ParseOutputs(ProcessResult run, int outputLength) =>
        [.. Lines(run.Output).Where(line => char.IsAsciiDigit(line[0])).Select((line, index) =>
        {
            string[] parts = line.Split(':', 2);
            Assert.True(int.Parse(parts[0], CultureInfo.InvariantCulture) == index, $"Line '{line}' is out of order.{Environment.NewLine}{run}");
            float[] outputs = [.. parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseFloat)];
            Assert.True(outputs.Length == outputLength, $"Line '{line}' has {outputs.Length} outputs, not {outputLength}.");
            return outputs;
        })];

    private static void AssertBitIdentical(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double largestDifference = 0;
        int differing = 0;
        for (int sample = 0; sample < expected.Length; sample++)
        {
            for (int i = 0; i < expected[sample].Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(expected[sample][i]) == BitConverter.SingleToInt32Bits(actual[sample][i])) continue;
                differing++;
                largestDifference = Math.Max(largestDifference, Math.Abs((double)expected[sample][i] - actual[sample][i]));
            }
        }
        Assert.True(differing == 0,
            $"{differing} of {expected.Sum(e => e.Length)} outputs differ from the JIT's; the largest difference is {largestDifference:G9}.");
    }

    // Decimal text to the nearest float directly, as C's strtof does; through double it could round twice.
    private static float ParseFloat(string text) => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
