using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ModelGen.Generator.Tests.Diagnostics;

/// <summary>
/// Checks that <typeparamref name="TAnalyzer"/> reports exactly the diagnostics marked up in the
/// source: <c>{|MG0006:0|}</c> for id and span, or <c>{|#0:...|}</c> with
/// <c>Diagnostic("MG0011").WithLocation(0).WithMessage(...)</c> to check the message too. Compiler
/// errors must be marked up as well (<c>{|CS1061:Predict|}</c>); warnings are not compared.
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>An expected diagnostic with the severity the analyzer declares for <paramref name="id"/>.</summary>
    public static DiagnosticResult Diagnostic(string id) =>
        new(new TAnalyzer().SupportedDiagnostics.Single(descriptor => descriptor.Id == id));

    /// <summary>Analyzes the source as written: model classes get no generated members.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RunAsync(source, runGenerator: false, expected);

    /// <summary>Runs the ModelGen generator first, so the source can call <c>Predict</c>, <c>Forward</c> and the rest.</summary>
    public static Task VerifyWithGeneratorAsync(string source, params DiagnosticResult[] expected) => RunAsync(source, runGenerator: true, expected);

    private static Task RunAsync(string source, bool runGenerator, DiagnosticResult[] expected)
    {
        var test = new ModelGenAnalyzerTest<TAnalyzer>(runGenerator) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
