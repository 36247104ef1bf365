using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace ModelGen.Generator.Tests.Generation;

/// <summary>Compiles a model from source text in memory, loads it and runs it against a hand computation.</summary>
public sealed class CompileAndRunTests
{
    [Fact]
    public void A_model_compiled_in_memory_predicts_what_its_weights_say()
    {
        const string source = """
            using ModelGen;
            [Model(Loss = Loss.CategoricalCrossEntropy)]
            [Input(3)]
            [Dense(2, Activation.Tanh)]
            [Dense(2, Activation.Softmax)]
            public partial class Tiny;
            """;
        ITrainableModel model = Instantiate(source, "Tiny");
        float[] weights = [0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.05f, -0.05f, 0.7f, -0.8f, 0.9f, 1.0f, 0.2f, -0.1f];
        weights.CopyTo(model.Parameters);
        float[] input = [1f, 2f, -1f], output = new float[2];

        model.Forward(input, output);

        // dense1 kernel (3, 2) = [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], bias [0.05, -0.05]
        double h0 = Math.Tanh(1 * 0.1 + 2 * 0.3 - 1 * -0.5 + 0.05), h1 = Math.Tanh(1 * -0.2 + 2 * 0.4 - 1 * 0.6 - 0.05);
        // dense2 kernel (2, 2) = [[0.7, -0.8], [0.9, 1.0]], bias [0.2, -0.1]
        double z0 = h0 * 0.7 + h1 * 0.9 + 0.2, z1 = h0 * -0.8 + h1 * 1.0 - 0.1;
        double p0 = Math.Exp(z0) / (Math.Exp(z0) + Math.Exp(z1));
        Assert.Equal(p0, output[0], 1e-6);
        Assert.Equal(1 - p0, output[1], 1e-6);
        Assert.Contains("dense2 (Dense)", model.Summary());
    }

    [Fact]
    public void An_invalid_model_generates_nothing_and_the_generator_reports_nothing()
    {
        const string source = """
            using ModelGen;
            [Model]
            [Input(4)]
            [Dense(0)]
            public partial class Broken;
            """;
        var (_, run) = GeneratorHarness.Generate(source);
        Assert.Empty(run.GeneratedTrees);
        Assert.Empty(run.Diagnostics);
        Assert.All(run.Results, r => Assert.Null(r.Exception));
    }

    private static ITrainableModel Instantiate(string source, string typeName)
    {
        var (output, run) = GeneratorHarness.Generate(source);
        Assert.Single(run.GeneratedTrees);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var context = new AssemblyLoadContext(typeName, isCollectible: true);
        Assembly assembly = context.LoadFromStream(image);
        return (ITrainableModel)Activator.CreateInstance(assembly.GetType(typeName)!)!;
    }
}
