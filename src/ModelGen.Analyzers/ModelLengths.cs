using System.Threading;
using Microsoft.CodeAnalysis;
using ModelGen.Generator.Model;
using ModelGen.Generator.Parsing;
using ModelGen.Generator.Shapes;

namespace ModelGen.Analyzers;

/// <summary>Which per-sample length of a model a buffer is measured in; named as the generated constants are.</summary>
internal enum SampleKind { Input, Output, Target }

/// <summary>
/// The per-sample lengths of one valid model, from the generator's own parser and shape inference
/// rather than from the generated constants, so call sites are checked even before the generator ran.
/// </summary>
internal sealed record ModelLengths(string Model, int Input, int Output, int Target)
{
    /// <summary>Null when the model is invalid: its declaration errors are reported elsewhere and nothing is generated.</summary>
    public static ModelLengths? Infer(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        ModelSpec spec = ModelParser.Parse(type, cancellationToken);
        ModelPlan plan = ShapeInference.Infer(spec);
        return plan.IsValid ? new ModelLengths(type.Name, plan.Input.Length, plan.Output.Length, plan.TargetLength) : null;
    }

    public int Of(SampleKind kind) => kind switch
    {
        SampleKind.Input => Input,
        SampleKind.Output => Output,
        _ => Target,
    };
}
