using System.Globalization;

namespace ModelGen.Generator.Emit;

/// <summary>C# literals written the same way on every machine, whatever its culture.</summary>
internal static class Literals
{
    /// <summary>A float literal that round-trips (<c>0.01f</c>), never culture-formatted.</summary>
    /// <remarks>
    /// Infinity, which a sum of two finite penalties can reach, and NaN have no literal; "R" would
    /// write <c>Infinityf</c>, so they are written as the float constants.
    /// </remarks>
    public static string Float(float value) => value switch
    {
        float.PositiveInfinity => "float.PositiveInfinity",
        float.NegativeInfinity => "float.NegativeInfinity",
        _ when float.IsNaN(value) => "float.NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture) + "f",
    };

    /// <summary>An integer with thousands separators for summaries (<c>2,817</c>).</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A C# string literal.</summary>
    public static string String(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
