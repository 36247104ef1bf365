using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelGen.Generator.Tests.Generation;
using ModelGen.IO;

namespace ModelGen.Generator.Tests.Weights;

/// <summary>
/// Embedded weights are the file's weights: a model built with <c>[EmbeddedWeights]</c> holds, bit for bit,
/// what <c>SafeTensors.Load</c> reads from the same file, for every file layout and for batch-norm state.
/// </summary>
public sealed class EmbeddedWeightsTests
{
    // Every tensor layout: a convolution kernel (out, in, kh, kw), batch-norm state, a transposed Dense
    // kernel, and odd lengths (3 biases) that leave half of the last constant unused.
    private const string SmallCnn = """
        using ModelGen;
        [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
        [Input(6, 6, 2)]
        [Conv2D(4, 3, Activation.ReLU)]
        [BatchNormalization]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(3, Activation.Softmax)]
        public partial class SmallCnn;
        """;

    // A kernel of 400 x 400 floats spans two of the emitter's 131,072-float chunks.
    private const string WideDense = """
        using ModelGen;
        [Model]
        [Input(400)]
        [Dense(400, Activation.Tanh)]
        [Dense(3)]
        public partial class WideDense;
        """;

    public static TheoryData<string, string, int> Models => new() { { SmallCnn, "SmallCnn", 72 }, { WideDense, "WideDense", 400 } };

    [Theory]
    [MemberData(nameof(Models))]
    public void FromEmbeddedWeights_holds_exactly_the_file_s_weights_and_predicts_as_a_loaded_model(string source, string name, int inputLength)
    {
        string path = Path.Combine(WeightsFiles.NewFolder("run"), "model.safetensors");
        ITrainableModel trained = Instantiate(Load(Emit(GeneratorHarness.Generate(source).Output)), name);
        var random = new Random(5);
        for (int i = 0; i < trained.Weights.Length; i++) trained.Weights[i] = (float)(random.NextDouble() * 2 - 1);
        SafeTensors.Save(trained, path);

        string embedding = source.Replace("public partial class", "[EmbeddedWeights(\"model.safetensors\")]\npublic partial class");
        var (output, run) = WeightsFiles.Generate(embedding, path);
        Assert.Contains(run.Results.Single().GeneratedSources, s => s.HintName == name + ".Weights.g.cs");
        Type type = Load(Emit(output)).GetType(name)!;
        var embedded = (ITrainableModel)type.GetMethod("FromEmbeddedWeights", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;

        Assert.Equal(BitsOf(trained.Weights), BitsOf(embedded.Weights));
        float[] input = Enumerable.Range(0, inputLength).Select(i => MathF.Sin(i)).ToArray(), expected = new float[3], actual = new float[3];
        trained.Forward(input, expected);
        embedded.Forward(input, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void LoadEmbeddedWeights_restores_the_embedded_weights_after_training_changed_them()
    {
        string path = WeightsFiles.Write(Path.Combine(WeightsFiles.NewFolder("reload"), "tutorial.safetensors"), WeightsFiles.TutorialTensors);
        Type type = Load(Emit(WeightsFiles.Generate(WeightsFiles.TutorialWith("tutorial.safetensors"), path).Output)).GetType("TutorialClassifier")!;
        var model = (ITrainableModel)type.GetMethod("FromEmbeddedWeights")!.Invoke(null, null)!;
        uint[] original = BitsOf(model.Weights);

        model.Weights.Fill(0.5f);
        type.GetMethod("LoadEmbeddedWeights")!.Invoke(model, null);

        Assert.Equal(original, BitsOf(model.Weights));
        Assert.Contains(original, bits => bits != 0);
    }

    [Fact]
    public void An_unrelated_edit_reads_no_file_and_re_embeds_nothing()
    {
        string path = WeightsFiles.Write(Path.Combine(WeightsFiles.NewFolder("cache"), "tutorial.safetensors"), WeightsFiles.TutorialTensors);
        CSharpCompilation compilation = GeneratorHarness.Compile(WeightsFiles.TutorialWith("tutorial.safetensors"), "class Unrelated { int x; }");
        GeneratorDriver driver = GeneratorHarness.Driver().AddAdditionalTexts([new FileText(path)]).RunGenerators(compilation);

        SyntaxTree unrelated = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(unrelated,
            unrelated.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("class Unrelated { int x; int y; }")));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps[TrackingNames.WeightsFiles].SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.All(result.TrackedSteps[TrackingNames.EmbeddingRequests].SelectMany(step => step.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void A_changed_file_is_read_again_and_re_embedded()
    {
        string folder = WeightsFiles.NewFolder("changed");
        string path = WeightsFiles.Write(Path.Combine(folder, "tutorial.safetensors"), WeightsFiles.TutorialTensors, seed: 1);
        CSharpCompilation compilation = GeneratorHarness.Compile(WeightsFiles.TutorialWith("tutorial.safetensors"));
        var before = new FileText(path);
        GeneratorDriver driver = GeneratorHarness.Driver().AddAdditionalTexts([before]).RunGenerators(compilation);
        string first = WeightsSource(driver);

        // The compiler hands over a new AdditionalText when a file changes; its bytes are read again.
        WeightsFiles.Write(path, WeightsFiles.TutorialTensors, seed: 2);
        driver = driver.ReplaceAdditionalText(before, new FileText(path)).RunGenerators(compilation);

        Assert.Contains(driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.EmbeddingRequests].SelectMany(s => s.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEqual(first, WeightsSource(driver));
    }

    [Fact]
    public void The_weights_source_keeps_its_snapshot()
    {
        const string tiny = """
            using ModelGen;
            namespace Shapes;
            [Model]
            [Input(3)]
            [Dense(2, Activation.Tanh)]
            [Dense(1)]
            [EmbeddedWeights("tiny.safetensors")]
            public partial class TinyEmbedded;
            """;
        string path = WeightsFiles.Write(Path.Combine(WeightsFiles.NewFolder("snapshot"), "tiny.safetensors"),
            [("dense1.weight", [2, 3]), ("dense1.bias", [2]), ("dense2.weight", [1, 2]), ("dense2.bias", [1])]);
        var (_, run) = WeightsFiles.Generate(tiny, path);

        SnapshotTests.AssertTextMatchesSnapshot("Shapes.TinyEmbedded.Weights.g.cs",
            run.Results.Single().GeneratedSources.Single(s => s.HintName == "Shapes.TinyEmbedded.Weights.g.cs").SourceText.ToString());
    }

    private static string WeightsSource(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(".Weights.g.cs")).SourceText.ToString();

    private static uint[] BitsOf(Span<float> values) => values.ToArray().Select(BitConverter.SingleToUInt32Bits).ToArray();

    private static MemoryStream Emit(Compilation compilation)
    {
        var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        return image;
    }

    private static Assembly Load(MemoryStream image) => new AssemblyLoadContext(null, isCollectible: true).LoadFromStream(image);

    private static ITrainableModel Instantiate(Assembly assembly, string typeName) =>
        (ITrainableModel)Activator.CreateInstance(assembly.GetType(typeName)!)!;
}
