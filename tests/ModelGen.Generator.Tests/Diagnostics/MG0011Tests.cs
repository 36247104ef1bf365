using Verify = ModelGen.Generator.Tests.Diagnostics.AnalyzerVerifier<ModelGen.Analyzers.CallSiteLengthAnalyzer>;

namespace ModelGen.Generator.Tests.Diagnostics;

/// <summary>
/// MG0011: a buffer whose length the source fixes must fit the model at the call. The models are
/// <c>Tiny</c> (4 in, 2 out, 2 targets per sample) and <c>Sparse</c> (4 in, 3 out, 1 target).
/// </summary>
public sealed class MG0011Tests
{
    private const string Models = """
        using System;
        using ModelGen;

        [Model] [Input(4)] [Dense(2)] public partial class Tiny;

        [Model(Loss = Loss.SparseCategoricalCrossEntropy)] [Input(4)] [Dense(3, Activation.Softmax)] public partial class Sparse;

        """;

    private static Task VerifyCallsAsync(string body, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.VerifyWithGeneratorAsync(Models + $$"""
            public static class Calls
            {
                public static void Run(Tiny tiny, Sparse sparse, float[] unknown)
                {
            {{body}}
                }
            }
            """, expected);

    [Fact]
    public Task MG0011_PredictInputFromNewArray_NamesLengthsAndModel() => VerifyCallsAsync(
        "tiny.Predict({|#0:new float[5]|}, new float[2]);",
        Verify.Diagnostic("MG0011").WithLocation(0).WithMessage("Predict's input has 5 values, but model 'Tiny' takes 4 per sample (InputLength)"));

    [Fact]
    public Task MG0011_PredictOutputFromArrayInitializers() => VerifyCallsAsync("""
        tiny.Predict(new float[] { 1f, 2f, 3f, 4f }, {|#0:new float[] { 1f, 2f, 3f }|});
        tiny.Predict(new[] { 1f, 2f, 3f, 4f }, {|MG0011:new[] { 1f }|});
        """,
        Verify.Diagnostic("MG0011").WithLocation(0).WithMessage("Predict's output has 3 values, but model 'Tiny' gives 2 per sample (OutputLength)"));

    [Fact]
    public Task MG0011_PredictFromStackalloc() => VerifyCallsAsync("""
        tiny.Predict({|MG0011:stackalloc float[3]|}, stackalloc float[2]);
        tiny.Predict(stackalloc float[] { 1f, 2f, 3f, 4f }, {|MG0011:stackalloc[] { 1f }|});
        """);

    [Fact]
    public Task MG0011_PredictFromCollectionExpressions() => VerifyCallsAsync("""
        tiny.Predict({|MG0011:[1f, 2f, 3f]|}, [0f, 0f]);
        tiny.Predict([1f, 2f, 3f, 4f], {|MG0011:[0f]|});
        """);

    [Fact]
    public Task MG0011_ConstantSizeExpressionAndNamedArguments() => VerifyCallsAsync("""
        const int Width = 4;
        tiny.Predict(output: new float[2], input: {|MG0011:new float[Width + 1]|});
        """);

    [Fact]
    public Task MG0011_LocalInitializedOnce_IsFollowed() => VerifyCallsAsync("""
        float[] input = new float[3];
        Span<float> output = stackalloc float[2];
        var alias = input;
        tiny.Predict({|MG0011:input|}, output);
        tiny.Predict({|MG0011:alias|}, output);
        """);

    [Fact]
    public Task MG0011_LocalWrittenAgain_IsUnknown() => VerifyCallsAsync("""
        float[] input = new float[3], other = new float[3], swapped = new float[3];
        input = unknown;
        Replace(ref other);
        (swapped, input) = (input, swapped);
        tiny.Predict(input, new float[2]);
        tiny.Predict(other, new float[2]);
        tiny.Predict(swapped, new float[2]);
        static void Replace(ref float[] buffer) => buffer = new float[4];
        """);

    [Fact]
    public Task MG0011_ForwardInputsNotWholeSamples() => VerifyCallsAsync(
        "tiny.Forward({|#0:new float[10]|}, new float[4]);",
        Verify.Diagnostic("MG0011").WithLocation(0).WithMessage("Forward's inputs has 10 values, which is not a multiple of model 'Tiny''s InputLength 4"));

    [Fact]
    public Task MG0011_ForwardOutputsForAnotherBatch() => VerifyCallsAsync(
        "tiny.Forward(new float[12], {|#0:new float[4]|});",
        Verify.Diagnostic("MG0011").WithLocation(0).WithMessage("Forward's outputs has 4 values, but inputs holds 3 samples, so model 'Tiny' gives 6 (3 x OutputLength 2)"));

    [Fact]
    public Task MG0011_ForwardOutputsOfUnknownBatchMustBeWholeSamples() => VerifyCallsAsync("""
        tiny.Forward(unknown, {|MG0011:new float[3]|});
        tiny.Forward(unknown, new float[8]);
        """);

    [Fact]
    public Task MG0011_PredictOnBatchOutputsFollowTheBatch() => VerifyCallsAsync(
        """
        tiny.PredictOnBatch(new float[8], {|#0:new float[3]|});
        tiny.PredictOnBatch({|MG0011:new float[6]|}, unknown);
        tiny.PredictOnBatch(new float[8], new float[4]);
        """,
        Verify.Diagnostic("MG0011").WithLocation(0).WithMessage("PredictOnBatch's outputs has 3 values, but inputs holds 2 samples, so model 'Tiny' gives 4 (2 x OutputLength 2)"));

    [Fact]
    public Task MG0011_ForwardEmptyInputs() => VerifyCallsAsync(
        "tiny.Forward({|#0:[]|}, unknown);",
        Verify.Diagnostic("MG0011").WithLocation(0).WithMessage("Forward's inputs is empty, but model 'Tiny' needs at least one sample (InputLength 4)"));

    [Fact]
    public Task MG0011_TargetsFollowTheBatchAndTargetLength() => VerifyCallsAsync("""
        sparse.ComputeLoss(new float[8], {|#0:new float[3]|});
        sparse.ComputeLossAndGradients(new float[8], new float[2]);
        tiny.ComputeLossAndGradients(new float[8], {|MG0011:new float[2]|});
        tiny.ComputeLoss(unknown, {|MG0011:new float[3]|});
        """,
        Verify.Diagnostic("MG0011").WithLocation(0).WithMessage("ComputeLoss's targets has 3 values, but inputs holds 2 samples, so model 'Sparse' expects 2 (2 x TargetLength 1)"));

    [Fact]
    public Task MG0011_BackwardGradientsMustBeWholeSamples_EmptyInputGradientSkips() => VerifyCallsAsync("""
        tiny.Backward({|MG0011:new float[3]|}, default);
        tiny.Backward(new float[4], {|MG0011:new float[5]|});
        tiny.Backward(new float[4], new float[8]);
        tiny.Backward(new float[4], Span<float>.Empty);
        tiny.Backward(new float[4], []);
        """);

    [Fact]
    public Task MG0011_CorrectLengthsInEveryForm_NoDiagnostic() => VerifyCallsAsync("""
        Span<float> output = stackalloc float[2];
        tiny.Predict(new float[4], output);
        tiny.Predict(new float[] { 1f, 2f, 3f, 4f }, new[] { 0f, 0f });
        tiny.Predict(stackalloc float[4], stackalloc[] { 0f, 0f });
        tiny.Predict([1f, 2f, 3f, 4f], [0f, 0f]);
        tiny.Forward(new float[12], new float[6]);
        sparse.ComputeLossAndGradients([1f, 2f, 3f, 4f], [2f]);
        """);

    [Fact]
    public Task MG0011_UnknownLengths_NoDiagnostic() => VerifyCallsAsync("""
        tiny.Predict(unknown, unknown);
        tiny.Predict([.. unknown, 1f], unknown.AsSpan(0, 3));
        tiny.Forward(unknown, new float[unknown.Length]);
        ITrainableModel model = tiny;
        model.Forward(new float[5], new float[1]);
        """);

    [Fact]
    public Task MG0011_InvalidModel_NotChecked() => Verify.VerifyAsync("""
        using System;
        using ModelGen;

        // Predict is written by hand: an invalid model generates nothing, and its errors are MG0006's to report.
        [Model] [Input(4)] [Dense(0)]
        public partial class Broken
        {
            public void Predict(ReadOnlySpan<float> input, Span<float> output) { }
        }

        public static class Calls
        {
            public static void Run(Broken broken) => broken.Predict(new float[3], new float[1]);
        }
        """);

    [Fact]
    public Task MG0011_WithoutGeneratedCode_LengthsComeFromTheAttributes() => Verify.VerifyAsync("""
        using System;
        using ModelGen;

        [Model] [Input(4)] [Dense(2)]
        public partial class Handwritten
        {
            public void Predict(ReadOnlySpan<float> input, Span<float> output) { }
        }

        public static class Calls
        {
            public static void Run(Handwritten model) => model.Predict({|MG0011:new float[3]|}, new float[2]);
        }
        """);
}
