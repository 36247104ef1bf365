using ModelGen.Generator.Tests.Generation;
using ModelGen.Generator.Tests.Models;

namespace ModelGen.Generator.Tests.Behaviour;

/// <summary>
/// Batched passes run the image layers in chunks of samples (training too, in a model without batch
/// normalization or dropout there), forward and backward: the outputs, what Backward reads after a Forward
/// (max pooling's argmax), the input gradients and the training gradients are those of one sample at a time.
/// </summary>
public sealed class ChunkedInferenceTests
{
    // Several chunks on one thread or two: forward 7 or 14 samples per chunk, backward 14 or 28.
    private const int Batch = 36;

    [Fact]
    public void The_generated_passes_take_this_model_seven_samples_at_a_time_forward_and_fourteen_backward()
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
        // No batch normalization or dropout among the image layers, so training runs them in chunks too.
        Assert.Contains("int chunk = 7 * global::ModelGen.ComputeThreads.Count;", source);
        Assert.Contains("new global::System.Span<int>(_max_pooling2d1Argmax, first * 4096, batch * 4096), batch, in MaxPooling2d1Geometry);", source);
        Assert.Contains("int chunk = 14 * global::ModelGen.ComputeThreads.Count;", source);
        Assert.Contains("RunImageLayersBackward(dInputs.IsEmpty ? default : dInputs.Slice(start * InputLength, samples * InputLength), start, samples, _gradients);", source);
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

    /// <summary>Training passes go through the same chunks: the mean loss and its gradients equal the per-sample ones averaged.</summary>
    [Fact]
    public void Training_over_chunks_matches_one_sample_at_a_time()
    {
        var random = new Random(5);
        float[] inputs = [.. Enumerable.Range(0, Batch * ChunkedCnn.InputLength).Select(_ => random.NextSingle())];
        float[] labels = [.. Enumerable.Range(0, Batch).Select(_ => (float)random.Next(10))];
        var batched = new ChunkedCnn(seed: 3);
        var single = new ChunkedCnn(seed: 3);

        float loss = batched.ComputeLossAndGradients(inputs, labels);

        double lossSum = 0;
        double[] gradientSum = new double[single.Gradients.Length];
        for (int n = 0; n < Batch; n++)
        {
            lossSum += single.ComputeLossAndGradients(inputs.AsSpan(n * ChunkedCnn.InputLength, ChunkedCnn.InputLength), labels.AsSpan(n, 1));
            for (int i = 0; i < gradientSum.Length; i++) gradientSum[i] += single.Gradients[i];
        }
        Assert.Equal(lossSum / Batch, loss, 1e-5);
        AssertClose([.. gradientSum.Select(g => (float)(g / Batch))], batched.Gradients, 1e-4f);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
