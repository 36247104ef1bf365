using ModelGen.Generator.Tests.Generation;
using ModelGen.Generator.Tests.Models;

namespace ModelGen.Generator.Tests.Behaviour;

/// <summary>
/// Batched inference runs the image layers in chunks of samples: the outputs, and what Backward reads
/// after an inference Forward (max pooling's argmax), are those of one sample at a time.
/// </summary>
public sealed class ChunkedInferenceTests
{
    private const int Batch = 20; // three chunks of 7, 7 and 6

    [Fact]
    public void The_generated_pass_takes_this_model_seven_samples_at_a_time()
    {
        const string declaration = """
            using ModelGen;
            [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
            [Input(32, 32, 3)]
            [Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)]
            [MaxPool2D(2)]
            [Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(10, Activation.Softmax)]
            public partial class ChunkedCnn;
            """;
        string source = GeneratorHarness.Generate(declaration).Run.GeneratedTrees.Single().GetText().ToString();
        Assert.Contains("int chunk = training ? batch : 7 * global::ModelGen.ComputeThreads.Count;", source);
        Assert.Contains("new global::System.Span<int>(_max_pooling2d1Argmax, first * 4096, batch * 4096), batch, in MaxPooling2d1Geometry);", source);
    }

    [Fact]
    public void Forward_and_Backward_over_chunks_match_one_sample_at_a_time()
    {
        var random = new Random(4);
        float[] inputs = [.. Enumerable.Range(0, Batch * ChunkedCnn.InputLength).Select(_ => random.NextSingle())];
        float[] outputGradient = [.. Enumerable.Range(0, Batch * ChunkedCnn.OutputLength).Select(_ => random.NextSingle() - 0.5f)];
        var batched = new ChunkedCnn(seed: 3);
        var single = new ChunkedCnn(seed: 3);

        float[] outputs = new float[Batch * ChunkedCnn.OutputLength], inputGradient = new float[Batch * ChunkedCnn.InputLength];
        batched.Forward(inputs, outputs);
        batched.ZeroGradients();
        batched.Backward(outputGradient, inputGradient);

        single.ZeroGradients();
        for (int n = 0; n < Batch; n++)
        {
            float[] output = new float[ChunkedCnn.OutputLength], sampleGradient = new float[ChunkedCnn.InputLength];
            single.Forward(inputs.AsSpan(n * ChunkedCnn.InputLength, ChunkedCnn.InputLength), output);
            single.Backward(outputGradient.AsSpan(n * ChunkedCnn.OutputLength, ChunkedCnn.OutputLength), sampleGradient);
            AssertClose(output, outputs.AsSpan(n * ChunkedCnn.OutputLength, ChunkedCnn.OutputLength), 1e-6f);
            AssertClose(sampleGradient, inputGradient.AsSpan(n * ChunkedCnn.InputLength, ChunkedCnn.InputLength), 1e-6f);
        }
        AssertClose(single.Gradients, batched.Gradients, 1e-4f);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
