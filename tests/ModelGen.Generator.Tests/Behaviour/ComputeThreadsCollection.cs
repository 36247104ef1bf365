namespace ModelGen.Generator.Tests.Behaviour;

/// <summary>
/// Tests that set <see cref="ComputeThreads.Count"/>, a process-wide setting: in one collection they run one
/// after another, so none changes the thread count under another's step.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ComputeThreadsCollection
{
    public const string Name = "ComputeThreads";
}
