using ModelGen.Generator.Tests.Models;
using ModelGen.Optimizers;

namespace ModelGen.Generator.Tests.Onnx;

/// <summary>A test model, trained a few steps so biases and batch-norm moving statistics are not at their initial values.</summary>
internal sealed class ExportCase(string name, ITrainableModel model, IExportsOnnx exporter)
{
    public const int TrainingSteps = 3;
    public const int TrainingBatch = 16;

    public string Name { get; } = name;

    public ITrainableModel Model { get; } = model;

    public static ExportCase Trained<TModel>(TModel model) where TModel : ITrainableModel, IExportsOnnx
    {
        var random = new Random(17);
        float[] inputs = RandomInputs(random, TrainingBatch * model.InputLength);
        float[] targets = Targets(random, model);
        var optimizer = new Adam(0.01f);
        for (int step = 0; step < TrainingSteps; step++) model.TrainOnBatch(inputs, targets, optimizer);
        return new ExportCase(typeof(TModel).Name, model, model);
    }

    public byte[] Export()
    {
        using var stream = new MemoryStream();
        exporter.ExportOnnx(stream);
        return stream.ToArray();
    }

    public void Export(string path) => exporter.ExportOnnx(path);

    /// <summary>Uniform in [-1, 1): both signs through every activation.</summary>
    public static float[] RandomInputs(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => random.NextSingle() * 2f - 1f).ToArray();

    public override string ToString() => Name;

    // Targets the declared loss accepts: class indices, one-hot rows, 0/1 labels, or any values.
    private static float[] Targets(Random random, ITrainableModel model)
    {
        var targets = new float[TrainingBatch * model.TargetLength];
        for (int b = 0; b < TrainingBatch; b++)
        {
            Span<float> row = targets.AsSpan(b * model.TargetLength, model.TargetLength);
            switch (model.Loss)
            {
                case Loss.SparseCategoricalCrossEntropy:
                    row[0] = random.Next(model.OutputLength);
                    break;
                case Loss.CategoricalCrossEntropy:
                    row[random.Next(model.OutputLength)] = 1f;
                    break;
                case Loss.BinaryCrossEntropy:
                    for (int i = 0; i < row.Length; i++) row[i] = random.Next(2);
                    break;
                default:
                    for (int i = 0; i < row.Length; i++) row[i] = random.NextSingle();
                    break;
            }
        }
        return targets;
    }
}
