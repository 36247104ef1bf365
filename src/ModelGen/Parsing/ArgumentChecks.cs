using System;
using System.Collections.Generic;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Parsing;

/// <summary>
/// Range checks shared by the layer parsers. Each failure becomes an MG0006 problem on the
/// offending argument, naming the layer, the argument and the value.
/// </summary>
internal readonly struct ArgumentChecks(string layerName, string kind, int attributeIndex, List<ModelProblem> problems)
{
    public void Positive(string argument, int value)
    {
        if (value <= 0) Fail(argument, $"{argument} must be positive, got {value}");
    }

    public void Positive(string argument, float value)
    {
        if (!(value > 0) || float.IsInfinity(value)) Fail(argument, $"{argument} must be a positive number, got {Show(value)}");
    }

    public void NonNegative(string argument, float value)
    {
        if (!(value >= 0) || float.IsInfinity(value)) Fail(argument, $"{argument} must be a non-negative number, got {Show(value)}");
    }

    /// <summary>Rates and momenta: a fraction in [0, 1).</summary>
    public void Fraction(string argument, float value)
    {
        if (!(value >= 0 && value < 1)) Fail(argument, $"{argument} must be in [0, 1), got {Show(value)}");
    }

    public void Defined<TEnum>(string argument, int value) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(typeof(TEnum), value)) Fail(argument, $"unknown {argument} value {value}");
    }

    private void Fail(string argument, string detail) =>
        problems.Add(new(ProblemIds.ArgumentOutOfRange, $"Layer '{layerName}' ({kind}): {detail}", attributeIndex, argument));

    private static string Show(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
