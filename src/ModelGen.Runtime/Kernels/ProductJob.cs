using System.Runtime.CompilerServices;

namespace ModelGen.Kernels;

/// <summary>
/// One <see cref="MatrixMultiply"/> call over all of C's rows, as a value that threads can share:
/// the operands are pinned by the caller, which waits until every part is done.
/// </summary>
internal readonly unsafe struct ProductJob(float* a, int aRowStride, int aDepthStride, float* b, float* bias, float* c,
    int rows, int columns, int depth, bool accumulate, bool relu)
{
    private readonly float* _a = a, _b = b, _bias = bias, _c = c;
    private readonly int _aRowStride = aRowStride, _aDepthStride = aDepthStride, _rows = rows, _columns = columns, _depth = depth;
    private readonly bool _accumulate = accumulate, _relu = relu;

    /// <summary>Runs the product, split over <see cref="ComputeThreads.Count"/> threads when it is large enough to pay.</summary>
    public void Run()
    {
        int threads = ComputeTeam.Threads(_rows / 6, (long)_rows * _columns * _depth);
        if (threads == 1)
        {
            RunPart(0, 1);
            return;
        }
        ProductJob job = this;
        ComputeTeam.Run(&RunPart, &job, threads);
    }

    private static void RunPart(void* job, int part, int parts) => ((ProductJob*)job)->RunPart(part, parts);

    /// <summary>Computes part <paramref name="part"/> of <paramref name="parts"/>: a band of C's rows, whole 6-row tiles where possible.</summary>
    private void RunPart(int part, int parts)
    {
        var (start, end) = ComputeTeam.Range(_rows, part, parts, grain: 6);
        if (start < end)
            MatrixMultiply.Rows(_a, _aRowStride, _aDepthStride, _b, _bias, _c, _columns, _depth, start, end, _accumulate, _relu);
    }
}
