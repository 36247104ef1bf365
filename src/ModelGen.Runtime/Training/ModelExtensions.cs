using ModelGen.IO;
using ModelGen.Optimizers;
using ModelGen.Training;

namespace ModelGen;

/// <summary>Keras-style training, evaluation, prediction and weight I/O for every generated model.</summary>
public static class ModelExtensions
{
    /// <summary>
    /// Trains for <paramref name="epochs"/> passes over <paramref name="x"/> in mini-batches
    /// (Keras' <c>model.fit</c>), printing a progress line per epoch.
    /// </summary>
    /// <param name="model">The model to train.</param>
    /// <param name="x">Features, one row per sample.</param>
    /// <param name="y">Targets: class labels, one value per sample, or one row per sample.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="batchSize">Samples per optimizer step.</param>
    /// <param name="optimizer">Update rule; Adam with its defaults when null.</param>
    /// <param name="validationData">Held-out data evaluated after each epoch.</param>
    /// <param name="validationSplit">Fraction of the training data, taken from its end before shuffling, held out for validation (Keras' rule).</param>
    /// <param name="shuffle">Whether to reshuffle the samples every epoch.</param>
    /// <param name="callbacks">Hooks such as <see cref="EarlyStopping"/>.</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="seed">Seed of the shuffling.</param>
    /// <param name="log">Where progress goes; the console when null.</param>
    public static History Fit(this ITrainableModel model, float[,] x, Targets y, int epochs = 1, int batchSize = 32,
        Optimizer? optimizer = null, (float[,] X, Targets Y)? validationData = null, double validationSplit = 0,
        bool shuffle = true, IReadOnlyList<Callback>? callbacks = null, int verbose = 1, int seed = 0, TextWriter? log = null)
    {
        Features.CheckWidth(x, model);
        if (validationSplit is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, "Must be in [0, 1).");
        int samples = x.GetLength(0);
        float[] targets = y.Resolve(model, samples);
        ReadOnlySpan<float> inputs = Features.AsSpan(x);

        ValidationSet? validation = null;
        if (validationData is var (validationX, validationY))
        {
            Features.CheckWidth(validationX, model);
            validation = new(Features.AsSpan(validationX).ToArray(), validationY.Resolve(model, validationX.GetLength(0)));
        }
        else if (validationSplit > 0)
        {
            int held = (int)(samples * validationSplit);
            samples -= held;
            validation = new(inputs.Slice(samples * model.InputLength).ToArray(), targets.AsSpan(samples * model.TargetLength).ToArray());
        }

        optimizer ??= new Adam();
        log ??= verbose > 0 ? Console.Out : null;
        var context = new FitContext(model, optimizer, log);
        var loop = new TrainingLoop(model, batchSize);
        var history = new History();
        var random = new Random(seed);
        int[] order = Enumerable.Range(0, samples).ToArray();
        int steps = (samples + batchSize - 1) / batchSize;
        ProgressBar? progress = log is null ? null : new ProgressBar(log, verbose, steps, interactive: log == Console.Out && !Console.IsOutputRedirected);
        callbacks ??= [];

        foreach (Callback callback in callbacks) callback.OnTrainBegin(context);
        for (int epoch = 0; epoch < epochs && !context.StopTraining; epoch++)
        {
            if (shuffle) random.Shuffle(order);
            foreach (Callback callback in callbacks) callback.OnEpochBegin(epoch, context);
            progress?.BeginEpoch(epoch, epochs);
            (double loss, double accuracy) = loop.TrainEpoch(inputs.Slice(0, samples * model.InputLength), targets, order, optimizer, progress);
            var logs = new EpochLogs();
            if (Metrics.HasAccuracy(model.Loss)) logs.Add("accuracy", accuracy);
            logs.Add("loss", loss);
            if (validation is { } held)
            {
                (double validationLoss, double validationAccuracy) = loop.Evaluate(held.Inputs, held.Targets);
                if (Metrics.HasAccuracy(model.Loss)) logs.Add("val_accuracy", validationAccuracy);
                logs.Add("val_loss", validationLoss);
            }
            progress?.EndEpoch(logs);
            history.Add(logs);
            foreach (Callback callback in callbacks) callback.OnEpochEnd(epoch, logs, context);
        }
        foreach (Callback callback in callbacks) callback.OnTrainEnd(context);
        return history;
    }

    /// <summary>
    /// Mean loss and accuracy over a data set, in inference mode (Keras' <c>model.evaluate</c>), and
    /// for classification losses the confusion matrix.
    /// </summary>
    public static Evaluation Evaluate(this ITrainableModel model, float[,] x, Targets y, int batchSize = 32)
    {
        Features.CheckWidth(x, model);
        float[] targets = y.Resolve(model, x.GetLength(0));
        int classes = Metrics.ConfusionClasses(model.Loss, model.OutputLength);
        ConfusionMatrix? confusion = classes == 0 ? null : new ConfusionMatrix(classes);
        (double loss, double accuracy) = new TrainingLoop(model, batchSize).Evaluate(Features.AsSpan(x), targets, confusion);
        return new Evaluation(loss, accuracy, confusion);
    }

    /// <summary>Outputs for every row of <paramref name="x"/> (Keras' <c>model.predict</c>).</summary>
    public static float[,] Predict(this ITrainableModel model, float[,] x, int batchSize = 256)
    {
        Features.CheckWidth(x, model);
        int samples = x.GetLength(0);
        var outputs = new float[samples, model.OutputLength];
        if (samples == 0) return outputs;
        ReadOnlySpan<float> inputs = Features.AsSpan(x);
        Span<float> flatOutputs = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref outputs[0, 0], outputs.Length);
        for (int start = 0; start < samples; start += batchSize)
        {
            int count = Math.Min(batchSize, samples - start);
            model.PredictOnBatch(inputs.Slice(start * model.InputLength, count * model.InputLength),
                flatOutputs.Slice(start * model.OutputLength, count * model.OutputLength));
        }
        return outputs;
    }

    /// <summary>
    /// The predicted class of every row of <paramref name="x"/>: the arg-max output for the categorical
    /// losses, output &gt;= 0.5 for one sigmoid output (Keras users' <c>argmax(model.predict(x))</c>).
    /// </summary>
    public static int[] PredictClasses(this ITrainableModel model, float[,] x, int batchSize = 256)
    {
        float[,] outputs = model.Predict(x, batchSize);
        int width = model.OutputLength;
        var classes = new int[outputs.GetLength(0)];
        if (classes.Length == 0) return classes;
        ReadOnlySpan<float> flat = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref outputs[0, 0], outputs.Length);
        for (int i = 0; i < classes.Length; i++)
            classes[i] = width == 1 ? (flat[i] >= 0.5f ? 1 : 0) : Metrics.ArgMax(flat.Slice(i * width, width));
        return classes;
    }

    /// <summary>
    /// One optimizer step on one batch (Keras' <c>train_on_batch</c>): forward, loss, backward,
    /// penalties and update. Returns the loss. Allocates nothing once the model has seen the batch size.
    /// </summary>
    public static float TrainOnBatch(this ITrainableModel model, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Optimizer optimizer) =>
        TrainingLoop.TrainStep(model, optimizer, inputs, targets);

    /// <summary>Writes the parameters to a safetensors file, atomically.</summary>
    public static void Save(this ITrainableModel model, string path) => SafeTensors.Save(model, path);

    /// <summary>Reads parameters from a safetensors file; on any mismatch throws and leaves the model unchanged.</summary>
    public static void Load(this ITrainableModel model, string path) => SafeTensors.Load(model, path);

    private sealed record ValidationSet(float[] Inputs, float[] Targets);
}
