using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace ModelGen.Generator.Tests.Generation;

/// <summary>
/// The generated source is compared byte for byte with files committed under Snapshots/. After an
/// intended change to the emitted code, run the tests with MODELGEN_UPDATE_SNAPSHOTS=1 and review
/// the diff of the snapshot files like any other code change.
/// </summary>
public sealed class SnapshotTests
{
    internal const string TutorialSource = """
        using ModelGen;

        namespace QuickStart;

        [Model(Loss = Loss.BinaryCrossEntropy)]
        [Input(10)]
        [Dense(64, Activation.ReLU)]
        [Dense(32, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class TutorialClassifier;
        """;

    private const string EveryActivationSource = """
        using ModelGen;

        namespace Shapes;

        public static partial class Container
        {
            [Model(Loss = Loss.SparseCategoricalCrossEntropy, L2 = 0.001f)]
            [Input(37)]
            [Dense(13, Activation.Gelu, KernelInitializer = Initializer.HeNormal)]
            [Dense(11, Activation.LeakyReLU, NegativeSlope = 0.1f, L1 = 0.5f)]
            [Dense(9, Activation.Tanh, UseBias = false)]
            [Dense(7, Activation.Sigmoid, Name = "squash")]
            [Dense(5, Activation.Softmax)]
            internal partial class EveryActivation;
        }
        """;

    // Every layer kind once, so each emitter's statements (the ONNX export's included) are in a snapshot.
    private const string EveryLayerKindSource = """
        using ModelGen;

        namespace Shapes;

        [Model(Loss = Loss.CategoricalCrossEntropy)]
        [Input(128)]
        [Reshape(8, 8, 2)]
        [Conv2D(4, 3, Activation.LeakyReLU, Stride = 2, Padding = Padding.Same)]
        [MaxPool2D(2)]
        [BatchNormalization]
        [Dropout(0.25f)]
        [AvgPool2D(2, Stride = 1, Padding = Padding.Same)]
        [GlobalAveragePooling2D]
        [Flatten]
        [Dense(3, Activation.Softmax)]
        public partial class EveryLayerKind;
        """;

    // The common CNN block: the pooling's backward takes the ReLU's, the image layers go forward and back in chunks of
    // samples, and Flatten shares the pooling's buffers.
    private const string ConvReluPoolSource = """
        using ModelGen;

        namespace Shapes;

        [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
        [Input(12, 12, 1)]
        [Conv2D(16, 3, Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(4, Activation.Softmax)]
        public partial class ConvReluPool;
        """;

    // An MNIST MLP: its wide first kernel is split by rows in a split training step (DenseRowSplit).
    private const string MnistMlpSource = """
        using ModelGen;

        namespace Shapes;

        [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
        [Input(784)]
        [Dense(128, Activation.ReLU)]
        [Dense(64, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class MnistMlp;
        """;

    [Fact]
    public void Mnist_mlp_with_its_first_kernel_split_by_rows() => AssertMatchesSnapshot(MnistMlpSource, "Shapes.MnistMlp.g.cs");

    [Fact]
    public void Conv_relu_pool_classifier() => AssertMatchesSnapshot(ConvReluPoolSource, "Shapes.ConvReluPool.g.cs");

    [Fact]
    public void Tutorial_classifier() => AssertMatchesSnapshot(TutorialSource, "QuickStart.TutorialClassifier.g.cs");

    [Fact]
    public void Every_activation_nested_and_regularized() => AssertMatchesSnapshot(EveryActivationSource, "Shapes.Container.EveryActivation.g.cs");

    [Fact]
    public void Every_layer_kind() => AssertMatchesSnapshot(EveryLayerKindSource, "Shapes.EveryLayerKind.g.cs");

    [Fact]
    public async Task Roslyn_generator_test_harness_agrees_with_the_snapshot()
    {
        string expected = await File.ReadAllTextAsync(SnapshotPath("QuickStart.TutorialClassifier.g.cs"));
        var test = new CSharpSourceGeneratorTest<ModelGenerator, DefaultVerifier>
        {
            // No reference-assembly package download: the running framework's assemblies are added below.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestState =
            {
                Sources = { TutorialSource },
                GeneratedSources = { (typeof(ModelGenerator), "QuickStart.TutorialClassifier.g.cs", SourceText.From(expected, System.Text.Encoding.UTF8)) },
            },
        };
        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectParseOptions(projectId,
            new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview)));
        await test.RunAsync();
    }

    [Fact]
    public void Output_is_the_same_bytes_on_every_run()
    {
        string first = GeneratedText(TutorialSource), second = GeneratedText(TutorialSource);
        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first);
    }

    private static void AssertMatchesSnapshot(string source, string hintName) => AssertTextMatchesSnapshot(hintName, GeneratedText(source));

    /// <summary>Compares <paramref name="actual"/> with the committed snapshot <paramref name="hintName"/>, or rewrites it on request.</summary>
    internal static void AssertTextMatchesSnapshot(string hintName, string actual)
    {
        string path = SnapshotPath(hintName);
        if (Environment.GetEnvironmentVariable("MODELGEN_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(SourceSnapshotPath(hintName), actual);
        Assert.True(File.Exists(path), $"No snapshot at {path}; run with MODELGEN_UPDATE_SNAPSHOTS=1 to create it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string GeneratedText(string source)
    {
        var (output, run) = GeneratorHarness.Generate(source);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return Assert.Single(run.GeneratedTrees).GetText().ToString();
    }

    private static string SnapshotPath(string hintName) => Path.Combine(AppContext.BaseDirectory, "Snapshots", hintName);

    private static string SourceSnapshotPath(string hintName, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here))!, "Snapshots", hintName);
}
