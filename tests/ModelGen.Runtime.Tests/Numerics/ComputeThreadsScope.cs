namespace ModelGen.Runtime.Tests.Numerics;

/// <summary>Sets <see cref="ComputeThreads.Count"/> for a test and puts the old value back when disposed.</summary>
internal readonly struct ComputeThreadsScope : IDisposable
{
    private readonly int _previous;

    public ComputeThreadsScope(int threads)
    {
        _previous = ComputeThreads.Count;
        ComputeThreads.Count = threads;
    }

    public void Dispose() => ComputeThreads.Count = _previous;
}
