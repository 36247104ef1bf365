using System.Runtime.CompilerServices;

namespace ModelGen.Kernels;

/// <summary>
/// One <see cref="MatrixMultiply"/> call over all of C's rows, as a value that threads can share:
/// the operands are pinned by the caller, which waits until every part is done.
/// </summary>
internal readonly unsafe struct ProductJob(float* a, int aRowStride, int aDepthStride, float* b, float* bias, float* c,
    int rows, int columns, int depth, bool accumulate, bool relu)
{
    // Below this many multiply-adds (about 10 µs on one core) waking a second thread costs more than it saves.
    private const long ParallelThreshold = 1 << 20;

    private readonly float* _a = a, _b = b, _bias = bias, _c = c;
    private readonly int _aRowStride = aRowStride, _aDepthStride = aDepthStride, _rows = rows, _columns = columns, _depth = depth;
    private readonly bool _accumulate = accumulate, _relu = relu;

    /// <summary>Runs the product, split over <see cref="ComputeThreads.Count"/> threads when it is large enough to pay.</summary>
    public void Run()
    {
        int threads = Math.Min(ComputeThreads.Count, Math.Max(1, _rows / 6));
        if (threads > 1 && (long)_rows * _columns * _depth >= ParallelThreshold) ComputeTeam.Run(this, threads);
        else RunPart(0, 1);
    }

    /// <summary>Computes part <paramref name="part"/> of <paramref name="parts"/>: a band of C's rows, whole 6-row tiles where possible.</summary>
    public void RunPart(int part, int parts)
    {
        int band = (_rows + parts - 1) / parts;
        band = (band + 5) / 6 * 6;
        int start = part * band, end = Math.Min(_rows, start + band);
        if (start < end)
            MatrixMultiply.Rows(_a, _aRowStride, _aDepthStride, _b, _bias, _c, _columns, _depth, start, end, _accumulate, _relu);
    }
}
