using System.Collections.Generic;

namespace ModelGen.Analyzers;

/// <summary>
/// What one span parameter of a generated model method must hold: exactly one sample, or a batch of
/// samples. A batched buffer that follows the <c>inputs</c> argument must hold as many samples as it.
/// The table mirrors the <c>Guard</c> calls the emitter writes at the top of each method.
/// </summary>
internal sealed record BufferContract(SampleKind Sample, bool Batched, bool FollowsInputs = false, bool MayBeEmpty = false)
{
    /// <summary>The parameter whose length sets the batch size of the others.</summary>
    public const string InputsParameter = "inputs";

    private static readonly BufferContract OneInput = new(SampleKind.Input, Batched: false);
    private static readonly BufferContract OneOutput = new(SampleKind.Output, Batched: false);
    private static readonly BufferContract Inputs = new(SampleKind.Input, Batched: true);
    private static readonly BufferContract OutputsOfInputs = new(SampleKind.Output, Batched: true, FollowsInputs: true);
    private static readonly BufferContract TargetsOfInputs = new(SampleKind.Target, Batched: true, FollowsInputs: true);

    private static readonly Dictionary<string, Dictionary<string, BufferContract>> ByMethod = new()
    {
        ["Predict"] = new() { ["input"] = OneInput, ["output"] = OneOutput },
        ["Forward"] = new() { [InputsParameter] = Inputs, ["outputs"] = OutputsOfInputs },
        ["PredictOnBatch"] = new() { [InputsParameter] = Inputs, ["outputs"] = OutputsOfInputs },
        ["ComputeLossAndGradients"] = new() { [InputsParameter] = Inputs, ["targets"] = TargetsOfInputs },
        ["ComputeLoss"] = new() { [InputsParameter] = Inputs, ["targets"] = TargetsOfInputs },
        // The batch of a backward pass is that of the last forward pass, unknown here, so both are
        // checked as whole samples only; an empty input gradient asks the model to skip it.
        ["Backward"] = new()
        {
            ["outputGradient"] = new(SampleKind.Output, Batched: true),
            ["inputGradient"] = new(SampleKind.Input, Batched: true, MayBeEmpty: true),
        },
    };

    public static bool IsCheckedMethod(string method) => ByMethod.ContainsKey(method);

    public static BufferContract? For(string method, string parameter) =>
        ByMethod.TryGetValue(method, out var parameters) && parameters.TryGetValue(parameter, out var contract) ? contract : null;

    /// <summary>
    /// Null when <paramref name="actual"/> values fit, else the message naming method, parameter,
    /// both lengths and the model. <paramref name="batch"/> is the sample count of the inputs when known.
    /// </summary>
    public string? Problem(string method, string parameter, int actual, int? batch, ModelLengths model)
    {
        int perSample = model.Of(Sample);
        string lengthName = Sample + "Length";
        string has = $"{method}'s {parameter} has {Values(actual)}";

        if (!Batched)
            return actual == perSample ? null : $"{has}, but model '{model.Model}' {Verb} {perSample} per sample ({lengthName})";
        if (actual == 0)
            return MayBeEmpty ? null : $"{method}'s {parameter} is empty, but model '{model.Model}' needs at least one sample ({lengthName} {perSample})";
        if (FollowsInputs && batch is { } samples)
            return actual == samples * perSample
                ? null
                : $"{has}, but {InputsParameter} holds {Samples(samples)}, so model '{model.Model}' {Verb} {samples * perSample} ({samples} x {lengthName} {perSample})";
        return actual % perSample == 0 ? null : $"{has}, which is not a multiple of model '{model.Model}''s {lengthName} {perSample}";
    }

    private string Verb => Sample switch
    {
        SampleKind.Input => "takes",
        SampleKind.Output => "gives",
        _ => "expects",
    };

    private static string Values(int count) => count == 1 ? "1 value" : $"{count} values";

    private static string Samples(int count) => count == 1 ? "1 sample" : $"{count} samples";
}
