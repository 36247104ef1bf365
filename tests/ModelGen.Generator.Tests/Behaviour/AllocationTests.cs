using ModelGen.Generator.Tests.Models;
using ModelGen.Optimizers;
using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Generator.Tests.Behaviour;

/// <summary>After warm-up, no step of a generated model allocates on the managed heap.</summary>
[Collection(ComputeThreadsCollection.Name)]
public sealed class AllocationTests
{
    private const int Batch = 32;

    [Fact]
    public void Predict_forward_backward_and_train_step_allocate_nothing_after_warm_up()
    {
        var model = new TutorialClassifier(seed: 1);
        var random = new Random(2);
        float[] input = Values(random, TutorialClassifier.InputLength), output = new float[TutorialClassifier.OutputLength];
        float[] inputs = Values(random, Batch * TutorialClassifier.InputLength), outputs = new float[Batch * TutorialClassifier.OutputLength];
        float[] targets = Enumerable.Range(0, Batch).Select(i => (float)(i % 2)).ToArray();
        float[] inputGradient = new float[inputs.Length];
        var optimizer = new Adam();

        void Steps()
        {
            model.Predict(input, output);
            model.PredictOnBatch(inputs, outputs);
            model.Forward(inputs, outputs);
            model.Backward(outputs, inputGradient);
            model.TrainOnBatch(inputs, targets, optimizer);
        }

        Steps();
        Steps();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Steps();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Train_steps_with_penalties_and_every_optimizer_allocate_nothing_after_warm_up()
    {
        var model = new RegularizedClassifier(seed: 1);
        var random = new Random(3);
        float[] inputs = Values(random, Batch * RegularizedClassifier.InputLength);
        float[] targets = Enumerable.Range(0, Batch).Select(i => (float)(i % 2)).ToArray();
        Optimizer[] optimizers = [new Sgd(0.1f, momentum: 0.9f, nesterov: true), new RmsProp(momentum: 0.5f), new Adam(), new AdamW()];
        foreach (Optimizer optimizer in optimizers) model.TrainOnBatch(inputs, targets, optimizer);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
            foreach (Optimizer optimizer in optimizers) model.TrainOnBatch(inputs, targets, optimizer);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// With two compute threads the calling thread still allocates nothing per step: jobs live on its
    /// stack and the workers are started once, during warm-up.
    /// </summary>
    [Fact]
    public void Cnn_on_two_threads_allocates_nothing_per_step_after_warm_up()
    {
        var model = new LeNetCnn(seed: 1);
        var random = new Random(5);
        float[] inputs = Values(random, Batch * LeNetCnn.InputLength), outputs = new float[Batch * LeNetCnn.OutputLength];
        float[] targets = Enumerable.Range(0, Batch).Select(i => (float)(i % LeNetCnn.OutputLength)).ToArray();
        var optimizer = new Adam();
        using var threads = new ComputeThreadsScope(2);

        void Steps()
        {
            model.Forward(inputs, outputs);
            model.TrainOnBatch(inputs, targets, optimizer);
        }

        Steps();
        Steps();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Steps();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Cnn_with_batch_norm_and_dropout_allocates_nothing_per_step_after_warm_up()
    {
        var model = new FashionLikeCnn(seed: 1);
        var random = new Random(4);
        float[] image = Values(random, FashionLikeCnn.InputLength), scores = new float[FashionLikeCnn.OutputLength];
        float[] inputs = Values(random, Batch * FashionLikeCnn.InputLength), outputs = new float[Batch * FashionLikeCnn.OutputLength];
        float[] labels = Enumerable.Range(0, Batch).Select(i => (float)(i % 10)).ToArray();
        float[] inputGradient = new float[inputs.Length];
        var optimizer = new Adam();

        void Steps()
        {
            model.Predict(image, scores);
            model.Forward(inputs, outputs);
            model.Backward(outputs, inputGradient);
            model.TrainOnBatch(inputs, labels, optimizer);
        }

        Steps();
        Steps();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Steps();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)random.NextDouble()).ToArray();
}
