using System.Collections.Generic;
using System.Globalization;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Shapes;

/// <summary>
/// Reports (as information, MG0010) a model big enough to slow the build down: the generated code
/// grows with the layer count, and weights embedded in the assembly grow with the parameter count.
/// </summary>
internal static class ModelSize
{
    public const int LayerThreshold = 64;
    public const long ParameterThreshold = 16L * 1024 * 1024;

    public static void Check(ModelPlan plan, List<ModelProblem> problems)
    {
        long parameters = 0;
        foreach (LayerPlan layer in plan.Layers) parameters += layer.ParameterCount;
        if (plan.Layers.Count <= LayerThreshold && parameters <= ParameterThreshold) return;
        string megabytes = (parameters * 4 / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
        problems.Add(new(ProblemIds.LargeModel,
            $"Model '{plan.Spec.ClassName}' has {plan.Layers.Count} layers and {parameters.ToString("N0", CultureInfo.InvariantCulture)} parameters ({megabytes} MiB of float32); " +
            $"above {LayerThreshold} layers or {ParameterThreshold.ToString("N0", CultureInfo.InvariantCulture)} parameters the generated code and embedded weights slow the build down", -1));
    }
}
