using System.Reflection;
using BenchmarkDotNet.Running;
using ModelGen.Benchmarks.Peak;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>
/// Flops one operation of a benchmark does: one sample's forward pass or training step for
/// <see cref="FrameworkComparison{TModel}"/>, one invocation for <see cref="FmaPeakBenchmarks"/>.
/// </summary>
internal static class FlopCount
{
    /// <summary>Flops per operation (per sample, for the comparison) of <paramref name="benchmarkCase"/>.</summary>
    public static double PerOperation(BenchmarkCase benchmarkCase)
    {
        Type type = benchmarkCase.Descriptor.Type;
        if (type == typeof(FmaPeakBenchmarks))
        {
            return FmaPeakBenchmarks.FlopsPerInvocation;
        }
        ComparedModelSpec spec = SpecOf(type.GetGenericArguments()[0]);
        return benchmarkCase.Descriptor.Categories.Any(Measurement.IsTraining) ? spec.TrainFlops : spec.ForwardFlops;
    }

    /// <summary>The <see cref="IComparedModel.ComparisonSpec"/> of a model type known only at run time.</summary>
    public static ComparedModelSpec SpecOf(Type model) =>
        (ComparedModelSpec)typeof(FlopCount).GetMethod(nameof(Spec), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(model).Invoke(null, null)!;

    private static ComparedModelSpec Spec<TModel>() where TModel : IComparedModel => TModel.ComparisonSpec;
}
