using ModelGen.Generator.Tests.Models;
using Xunit.Abstractions;

namespace ModelGen.Generator.Tests.Onnx;

/// <summary>
/// Every test model, exported to ONNX and run by ONNX Runtime 1.31 (CPU, default graph
/// optimizations), must give what its generated <c>Forward</c> gives on the same batch, within
/// 1e-4 absolute. The measured maximum difference is written to the test output (docs/onnx.md lists them).
/// </summary>
public sealed class OnnxParityTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;
    private const int Batch = 7;

    // Built and trained afresh by each test that asks, so no test sees another's training.
    private static readonly Dictionary<string, Func<ExportCase>> Cases = new(
    [
        Case(() => new TutorialClassifier(1)),
        Case(() => new OddReluRegressor(1)),
        Case(() => new OddLeakyTanhRegressor(1)),
        Case(() => new OddGeluMultiLabel(1)),
        Case(() => new OddTanhSoftmaxClassifier(1)),
        Case(() => new OddSparseClassifier(1)),
        Case(() => new OddSoftmaxRegressor(1)),
        Case(() => new OddSigmoidCategorical(1)),
        Case(() => new RegularizedClassifier(1)),
        Case(() => new Outer.NestedModel(1)),
        Case(() => new BreastCancerClassifier(1)),
        Case(() => new ReshapingRegressor(1)),
        Case(() => new StridedSameCnn(1)),
        Case(() => new DilatedMaxPoolCnn(1)),
        Case(() => new ReluMaxPoolCnn(1)),
        Case(() => new BatchNormDropoutCnn(1)),
        Case(() => new FashionLikeCnn(1)),
        Case(() => new LeNetCnn(1)),
        Case(() => new ChunkedCnn(1)),
        Case(() => new AsymmetricPaddingCnn(1)),
        Case(() => new WideReluClassifier(1)),
        Case(() => new WideTanhRegressor(1)),
        Case(() => new WideGeluMultiLabel(1)),
    ]);

    public static TheoryData<string> ModelNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Onnx_runtime_output_matches_Forward(string name)
    {
        ExportCase exported = Cases[name]();
        ITrainableModel model = exported.Model;
        using var session = new OnnxRuntimeSession(exported.Export());
        float worst = 0f;
        foreach (int batch in new[] { Batch, 1 })
        {
            float[] inputs = ExportCase.RandomInputs(new Random(batch), batch * model.InputLength);
            float[] expected = new float[batch * model.OutputLength];
            model.Forward(inputs, expected);

            float[] actual = session.Run(inputs, batch);

            Assert.Equal(expected.Length, actual.Length);
            worst = Math.Max(worst, MaxAbsoluteDifference(expected, actual));
        }
        output.WriteLine($"{name}: max |ONNX Runtime - Forward| = {worst:E2} over batches of {Batch} and 1");
        Assert.True(worst < Tolerance, $"{name}: max abs difference {worst:E3} exceeds {Tolerance:E0}");
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Graph_input_and_output_have_a_symbolic_batch_and_the_model_shapes(string name)
    {
        ExportCase exported = Cases[name]();
        using var session = new OnnxRuntimeSession(exported.Export());

        Assert.StartsWith("batch, ", session.InputShape);
        Assert.StartsWith("batch, ", session.OutputShape);
        Assert.Equal(exported.Model.InputLength, Product(session.InputShape));
        Assert.Equal(exported.Model.OutputLength, Product(session.OutputShape));
    }

    [Fact]
    public void Batch_norm_models_export_moved_moving_statistics()
    {
        var model = (BatchNormDropoutCnn)Cases[nameof(BatchNormDropoutCnn)]().Model;

        // Initial moving means are 0 and variances 1; after training the export must carry the moved ones.
        Assert.DoesNotContain(0f, model.BatchNormalization1MovingMean.ToArray());
        Assert.DoesNotContain(1f, model.BatchNormalization2MovingVariance.ToArray());
    }

    [Fact]
    public void Every_test_model_has_an_export_case()
    {
        string[] models = typeof(TutorialClassifier).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(TutorialClassifier).Namespace && typeof(ITrainableModel).IsAssignableFrom(type))
            .Select(type => type.Name)
            .Order()
            .ToArray();

        Assert.Equal(models, Cases.Keys.Order());
    }

    [Fact]
    public void Export_to_a_path_replaces_the_file_leaves_no_temporary_file_and_loads()
    {
        string directory = Path.Combine(Path.GetTempPath(), "modelgen-onnx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "lenet.onnx");
            File.WriteAllText(path, "an older file that must be replaced");
            ExportCase exported = Cases[nameof(LeNetCnn)]();

            exported.Export(path);

            Assert.Equal(["lenet.onnx"], Directory.GetFiles(directory).Select(Path.GetFileName));
            Assert.Equal(exported.Export(), File.ReadAllBytes(path));
            using var session = new OnnxRuntimeSession(path);
            Assert.Equal("batch, 28, 28, 1", session.InputShape);
            Assert.Equal("batch, 10", session.OutputShape);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Export_into_a_missing_folder_throws_and_creates_nothing()
    {
        string directory = Path.Combine(Path.GetTempPath(), "modelgen-onnx-" + Guid.NewGuid().ToString("N"));

        Assert.Throws<DirectoryNotFoundException>(() => new TutorialClassifier().ExportOnnx(Path.Combine(directory, "model.onnx")));

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Export_is_the_same_bytes_every_time()
    {
        var model = new FashionLikeCnn(3);
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        model.ExportOnnx(first);
        model.ExportOnnx(second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    private static KeyValuePair<string, Func<ExportCase>> Case<TModel>(Func<TModel> create) where TModel : ITrainableModel, IExportsOnnx =>
        new(typeof(TModel).Name, () => ExportCase.Trained(create()));

    private static float MaxAbsoluteDifference(float[] expected, float[] actual) =>
        expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();

    private static int Product(string shape) => shape.Split(", ").Skip(1).Aggregate(1, (product, d) => product * int.Parse(d));
}
