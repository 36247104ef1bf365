using ModelGen.Generator.Tests.Models;

namespace ModelGen.Generator.Tests.Behaviour;

/// <summary>
/// <c>PredictOnBatch</c> computes what <c>Forward</c> does without copying the inputs for <c>Backward</c>, so a
/// backward pass after it throws instead of using another pass's inputs.
/// </summary>
public sealed class PredictOnBatchTests
{
    private const int Batch = 20;

    [Fact]
    public void Dense_model_outputs_equal_Forward_bit_for_bit() =>
        AssertSameOutputs(new TutorialClassifier(seed: 2), (m, x, y) => m.Forward(x, y), (m, x, y) => m.PredictOnBatch(x, y));

    [Fact]
    public void Chunked_cnn_outputs_equal_Forward_bit_for_bit() =>
        AssertSameOutputs(new ChunkedCnn(seed: 2), (m, x, y) => m.Forward(x, y), (m, x, y) => m.PredictOnBatch(x, y));

    [Fact]
    public void Backward_after_PredictOnBatch_throws_and_works_again_after_Forward()
    {
        var model = new TutorialClassifier(seed: 1);
        float[] inputs = Values(new Random(3), Batch * TutorialClassifier.InputLength);
        float[] outputs = new float[Batch * TutorialClassifier.OutputLength];
        float[] inputGradient = new float[inputs.Length];

        model.Forward(inputs, outputs);
        model.PredictOnBatch(inputs, outputs);
        var error = Assert.Throws<InvalidOperationException>(() => model.Backward(outputs, inputGradient));
        Assert.Contains("PredictOnBatch keeps nothing", error.Message);

        model.Forward(inputs, outputs);
        model.Backward(outputs, inputGradient);
        Assert.Contains(inputGradient, g => g != 0);
    }

    private static void AssertSameOutputs<TModel>(TModel model, Action<TModel, float[], float[]> forward, Action<TModel, float[], float[]> predict)
        where TModel : ITrainableModel
    {
        float[] inputs = Values(new Random(4), Batch * model.InputLength);
        float[] expected = new float[Batch * model.OutputLength], actual = new float[expected.Length];
        forward(model, inputs, expected);
        predict(model, inputs, actual);
        Assert.Equal(expected, actual);
        Assert.Contains(actual, y => y != 0);
    }

    private static float[] Values(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => random.NextSingle())];
}
