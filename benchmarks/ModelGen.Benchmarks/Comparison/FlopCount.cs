using System.Reflection;
using BenchmarkDotNet.Running;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>Flops one operation of a comparison benchmark does: one sample's forward pass or training step.</summary>
internal static class FlopCount
{
    /// <summary>Flops per operation of <paramref name="benchmarkCase"/>, a <see cref="FrameworkComparison{TModel}"/> benchmark.</summary>
    public static double PerOperation(BenchmarkCase benchmarkCase)
    {
        ComparedModelSpec spec = SpecOf(benchmarkCase.Descriptor.Type.GetGenericArguments()[0]);
        return benchmarkCase.Descriptor.Categories.Any(Measurement.IsTraining) ? spec.TrainFlops : spec.ForwardFlops;
    }

    /// <summary>The <see cref="IComparedModel.ComparisonSpec"/> of a model type known only at run time.</summary>
    public static ComparedModelSpec SpecOf(Type model) =>
        (ComparedModelSpec)typeof(FlopCount).GetMethod(nameof(Spec), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(model).Invoke(null, null)!;

    private static ComparedModelSpec Spec<TModel>() where TModel : IComparedModel => TModel.ComparisonSpec;
}
