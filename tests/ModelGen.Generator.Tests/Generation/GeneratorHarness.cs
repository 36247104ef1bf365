using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelGen.Generator.Tests.Generation;

/// <summary>Compiles source text in memory with the runtime referenced and runs the generator over it.</summary>
internal static class GeneratorHarness
{
    public static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "InMemoryModels",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Preview), path: $"Source{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new ModelGenerator().AsSourceGenerator()],
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true),
        parseOptions: new CSharpParseOptions(LanguageVersion.Preview));

    /// <summary>Runs the generator; returns the compilation with generated sources and every diagnostic.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(params string[] sources)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(Compile(sources), out Compilation output, out _);
        return (output, driver.GetRunResult());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string platform = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return platform.Split(Path.PathSeparator)
            .Append(typeof(ITrainableModel).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
