namespace ModelGen.Publish.Tests;

/// <summary>
/// Tests that run <c>dotnet</c> builds as child processes. Each build wants every core, so they run
/// one at a time and not beside other test collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotnetProcessCollection
{
    public const string Name = "dotnet processes";
}
