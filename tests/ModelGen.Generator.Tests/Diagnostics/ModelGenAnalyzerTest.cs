using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ModelGen.Generator.Tests.Diagnostics;

/// <summary>
/// An analyzer test in the offline environment. With <see cref="RunGenerator"/> the ModelGen
/// generator runs first, so calls to generated members bind; its output is not compared here
/// (the snapshot tests do that).
/// </summary>
internal sealed class ModelGenAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public ModelGenAnalyzerTest(bool runGenerator)
    {
        RunGenerator = runGenerator;
        OfflineTestEnvironment.Apply(this);
        if (runGenerator) TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    public bool RunGenerator { get; }

    protected override IEnumerable<Type> GetSourceGenerators() => RunGenerator ? [typeof(ModelGenerator)] : [];
}
