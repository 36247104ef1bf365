using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelGen.Generator.Tests.Generation;

/// <summary>The pipeline caches: equal sources give equal specs, and unrelated edits re-emit nothing.</summary>
public sealed class IncrementalityTests
{
    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SnapshotTests.TutorialSource, "class Unrelated { int x; }");
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        SyntaxTree unrelated = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(unrelated,
            unrelated.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("class Unrelated { int x; int y; }")));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var specs = result.TrackedSteps[TrackingNames.ModelSpecs].SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(specs);
        Assert.All(specs, output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Changing_a_layer_reruns_the_emitter()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SnapshotTests.TutorialSource);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        SyntaxTree model = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(model,
            model.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(SnapshotTests.TutorialSource.Replace("Dense(32", "Dense(48"))));

        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.ModelSpecs].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("ParameterCount = 3873", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void The_spec_holds_no_compiler_objects()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SnapshotTests.TutorialSource);
        GeneratorRunResult result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();
        object spec = result.TrackedSteps[TrackingNames.ModelSpecs].Single().Outputs.Single().Value;

        AssertNoCompilerObjects(spec, new HashSet<object>(ReferenceEqualityComparer.Instance), "spec");
    }

    [Fact]
    public void Equal_sources_give_equal_specs()
    {
        object First() => GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compile(SnapshotTests.TutorialSource))
            .GetRunResult().Results.Single().TrackedSteps[TrackingNames.ModelSpecs].Single().Outputs.Single().Value;
        object a = First(), b = First();
        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    private static void AssertNoCompilerObjects(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value)) return;
        Type type = value.GetType();
        Assert.False(value is ISymbol or SyntaxNode or Compilation or Location or SemanticModel, $"{path} holds a {type}");
        Assert.StartsWith("ModelGen", type.Namespace ?? type.FullName ?? "", StringComparison.Ordinal);
        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items) AssertNoCompilerObjects(item, seen, $"{path}[{index++}]");
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            object? fieldValue = field.GetValue(value);
            if (fieldValue is Array array)
            {
                for (int i = 0; i < array.Length; i++) AssertNoCompilerObjects(array.GetValue(i), seen, $"{path}.{field.Name}[{i}]");
                continue;
            }
            AssertNoCompilerObjects(fieldValue, seen, $"{path}.{field.Name}");
        }
    }
}
