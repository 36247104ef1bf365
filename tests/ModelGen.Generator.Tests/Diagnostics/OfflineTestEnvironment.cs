using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using ModelGen.Generator.Tests.Generation;

namespace ModelGen.Generator.Tests.Diagnostics;

/// <summary>
/// Points a Roslyn testing-library test at the running framework's assemblies and ModelGen.Runtime
/// instead of a reference-assembly package, which would need a download, and at C# preview, as
/// <see cref="GeneratorHarness"/> compiles. Works for analyzer, code-fix and generator tests alike.
/// </summary>
internal static class OfflineTestEnvironment
{
    public static void Apply(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectParseOptions(projectId, new CSharpParseOptions(LanguageVersion.Preview)));
    }
}
