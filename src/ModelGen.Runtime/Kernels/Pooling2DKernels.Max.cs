using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Numerics;

namespace ModelGen.Kernels;

public static unsafe partial class Pooling2DKernels
{
    /// <summary>
    /// <c>output[n, oy, ox, c]</c> = the largest of the window's cells inside the input, and
    /// <c>argmax</c> the flat index of that cell within its sample, which backward needs: relative to the
    /// sample, so a pass over a chunk of a batch records what a pass over the whole batch would.
    /// As PyTorch, the first maximum in row-major window order wins a tie, and a NaN wins over numbers.
    /// </summary>
    public static unsafe void MaxForward(ReadOnlySpan<float> input, Span<float> output, Span<int> argmax, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(input, output, batch, geometry, nameof(input), nameof(output));
        Guard.Length(argmax, geometry.OutputLength(batch), nameof(argmax));
        fixed (float* x = input, y = output)
        fixed (int* indices = argmax)
        {
            var job = new MaxJob(x, y, indices, batch, geometry);
            ComputeTeam.Run(&MaxForwardPart, &job, SampleThreads(batch, geometry));
        }
    }

    private static void MaxForwardPart(void* arguments, int part, int parts)
    {
        ref MaxJob job = ref *(MaxJob*)arguments;
        Pooling2DGeometry g = job.Geometry;
        var input = new ReadOnlySpan<float>(job.Values, g.InputLength(job.Batch));
        var output = new Span<float>(job.Pooled, g.OutputLength(job.Batch));
        var argmax = new Span<int>(job.Argmax, g.OutputLength(job.Batch));
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts);
        if (Vector512.IsHardwareAccelerated && g.Channels % 16 == 0)
        {
            if (g.PoolSize == 2 && g.Stride == 2 && g.PadTop == 0 && g.PadLeft == 0) MaxForwardPairs(job.Values, job.Pooled, job.Argmax, first, end, g);
            else MaxForwardWide(job.Values, job.Pooled, job.Argmax, first, end, g);
            return;
        }
        int channels = g.Channels, outIndex = g.OutputLength(first), sampleLength = g.InputLength(1);
        for (int n = first; n < end; n++)
        {
            ReadOnlySpan<float> sample = input.Slice(n * sampleLength, sampleLength);
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++, outIndex += channels)
                    MaxOverWindow(sample, output.Slice(outIndex, channels), argmax.Slice(outIndex, channels), g, Locate(g, 0, oy, ox));
        }
    }

    /// <summary>
    /// <see cref="MaxForward"/> for channels in sixteens, on raw pointers: each window's row and column
    /// ranges are found once per output row and column rather than per channel block, and a zmm
    /// register pair carries the best values and their indices across the window's cells.
    /// </summary>
    private static void MaxForwardWide(float* input, float* output, int* argmax, int first, int end, in Pooling2DGeometry g)
    {
        int channels = g.Channels, width = g.Width, height = g.Height, outWidth = g.OutWidth, outHeight = g.OutHeight;
        Span<int> columns = outWidth <= 512 ? stackalloc int[2 * outWidth] : new int[2 * outWidth];
        for (int ox = 0; ox < outWidth; ox++)
        {
            int left = ox * g.Stride - g.PadLeft;
            var (xFirst, xEnd) = WindowAxis.Inside(left, 1, g.PoolSize, width);
            (columns[2 * ox], columns[2 * ox + 1]) = (left + xFirst, left + xEnd);
        }
        Vector512<int> lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        nint outIndex = (nint)g.OutputLength(first);
        for (int n = first; n < end; n++)
        {
            float* sample = input + (nint)n * height * width * channels;
            for (int oy = 0; oy < outHeight; oy++)
            {
                int top = oy * g.Stride - g.PadTop;
                var (yFirst, yEnd) = WindowAxis.Inside(top, 1, g.PoolSize, height);
                int rowFirst = top + yFirst, rowEnd = top + yEnd;
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int columnFirst = columns[2 * ox], columnEnd = columns[2 * ox + 1];
                    for (int c = 0; c < channels; c += 16, outIndex += 16)
                    {
                        int firstCell = (rowFirst * width + columnFirst) * channels + c;
                        var best = Vector512.Load(sample + firstCell);
                        var bestIndex = Vector512.Create(firstCell) + lanes;
                        for (int iy = rowFirst; iy < rowEnd; iy++)
                            for (int ix = columnFirst; ix < columnEnd; ix++)
                            {
                                int cell = (iy * width + ix) * channels + c;
                                var value = Vector512.Load(sample + cell);
                                // Strictly greater keeps the first maximum; a NaN (unequal to itself) always takes the place.
                                var takes = Vector512.GreaterThan(value, best) | ~Vector512.Equals(value, value);
                                best = Vector512.ConditionalSelect(takes, value, best);
                                bestIndex = Vector512.ConditionalSelect(takes.AsInt32(), Vector512.Create(cell) + lanes, bestIndex);
                            }
                        best.Store(output + outIndex);
                        bestIndex.Store(argmax + outIndex);
                    }
                }
            }
        }
    }

    /// <summary>
    /// <see cref="MaxForwardWide"/> for the common 2x2 windows at stride 2 without padding (every window
    /// whole): the four cells are compared unrolled, in the same order, with no window bounds to walk.
    /// </summary>
    private static void MaxForwardPairs(float* input, float* output, int* argmax, int first, int end, in Pooling2DGeometry g)
    {
        int channels = g.Channels, width = g.Width, outWidth = g.OutWidth, outHeight = g.OutHeight;
        nint rowLength = (nint)width * channels;
        Vector512<int> lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        nint outIndex = (nint)g.OutputLength(first);
        for (int n = first; n < end; n++)
        {
            float* sample = input + (nint)n * g.InputLength(1);
            for (int oy = 0; oy < outHeight; oy++)
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int topLeft = (2 * oy * width + 2 * ox) * channels;
                    for (int c = 0; c < channels; c += 16, outIndex += 16)
                    {
                        int cell = topLeft + c;
                        var best = Vector512.Load(sample + cell);
                        var bestIndex = Vector512.Create(cell) + lanes;
                        Take(sample, cell + channels, lanes, ref best, ref bestIndex);
                        Take(sample, cell + (int)rowLength, lanes, ref best, ref bestIndex);
                        Take(sample, cell + (int)rowLength + channels, lanes, ref best, ref bestIndex);
                        best.Store(output + outIndex);
                        bestIndex.Store(argmax + outIndex);
                    }
                }
        }
    }

    // Strictly greater keeps the first maximum; a NaN (unequal to itself) always takes the place.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(float* sample, int cell, Vector512<int> lanes, ref Vector512<float> best, ref Vector512<int> bestIndex)
    {
        var value = Vector512.Load(sample + cell);
        var takes = Vector512.GreaterThan(value, best) | ~Vector512.Equals(value, value);
        best = Vector512.ConditionalSelect(takes, value, best);
        bestIndex = Vector512.ConditionalSelect(takes.AsInt32(), Vector512.Create(cell) + lanes, bestIndex);
    }

    /// <summary>
    /// One max-pooling call's buffers for the threads, which take whole samples: forward reads
    /// <see cref="Values"/> and writes <see cref="Pooled"/>; backward reads <see cref="Pooled"/> as dOutput and writes <see cref="Values"/> as dInput.
    /// A backward pass through the (leaky) ReLU that produced the pooled values also reads their
    /// <see cref="Activations"/> and the ReLU's <see cref="Slope"/>; otherwise <see cref="Activations"/> is null.
    /// </summary>
    private readonly struct MaxJob(float* values, float* pooled, int* argmax, int batch, Pooling2DGeometry geometry,
        float* activations = null, float slope = 0f)
    {
        public readonly float* Values = values, Pooled = pooled, Activations = activations;
        public readonly int* Argmax = argmax;
        public readonly int Batch = batch;
        public readonly float Slope = slope;
        public readonly Pooling2DGeometry Geometry = geometry;
    }

    // A second thread pays from about 64K input floats on (a quarter of a LeNet batch of 128's first pooling).
    private static int SampleThreads(int batch, in Pooling2DGeometry g) => g.InputLength(batch) >= 1 << 16 ? ComputeTeam.Threads(batch) : 1;

    /// <summary>
    /// Keeps the best value and its index per channel in registers while the window's cells stream past.
    /// <see cref="Vector{T}"/> rather than explicit widths: the loop is bound by loads, not arithmetic.
    /// </summary>
    private static void MaxOverWindow(ReadOnlySpan<float> input, Span<float> output, Span<int> argmax, in Pooling2DGeometry g, Window window)
    {
        int c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; c + Vector<float>.Count <= output.Length; c += Vector<float>.Count)
            {
                int first = window.First + c;
                var best = new Vector<float>(input.Slice(first));
                var bestIndex = new Vector<int>(first) + Vector<int>.Indices;
                for (int row = 0; row < window.Rows; row++)
                    for (int column = 0; column < window.Columns; column++)
                    {
                        int cell = Cell(g, window, row, column) + c;
                        var value = new Vector<float>(input.Slice(cell));
                        Vector<int> takes = Vector.GreaterThan(value, best) | ~Vector.Equals(value, value);
                        best = Vector.ConditionalSelect(takes, value, best);
                        bestIndex = Vector.ConditionalSelect(takes, new Vector<int>(cell) + Vector<int>.Indices, bestIndex);
                    }
                best.CopyTo(output.Slice(c));
                bestIndex.CopyTo(argmax.Slice(c));
            }
        }
        for (; c < output.Length; c++)
        {
            int bestIndex = window.First + c;
            float best = input[bestIndex];
            for (int row = 0; row < window.Rows; row++)
                for (int column = 0; column < window.Columns; column++)
                {
                    int cell = Cell(g, window, row, column) + c;
                    if (input[cell] > best || float.IsNaN(input[cell])) (best, bestIndex) = (input[cell], cell);
                }
            output[c] = best;
            argmax[c] = bestIndex;
        }
    }

    /// <summary>
    /// Backward of <see cref="MaxForward"/>: overwrites <paramref name="dInput"/> with zeros, then adds
    /// each output gradient to the input cell its <paramref name="argmax"/> names (overlapping windows
    /// may name a cell twice). A scalar scatter already, so it has no separate reference twin.
    /// </summary>
    public static unsafe void MaxBackward(ReadOnlySpan<float> dOutput, ReadOnlySpan<int> argmax, Span<float> dInput, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(dInput, dOutput, batch, geometry, nameof(dInput), nameof(dOutput));
        Guard.Length(argmax, geometry.OutputLength(batch), nameof(argmax));
        fixed (float* dx = dInput, dy = dOutput)
        fixed (int* indices = argmax)
        {
            var job = new MaxJob(dx, dy, indices, batch, geometry);
            ComputeTeam.Run(&MaxBackwardPart, &job, SampleThreads(batch, geometry));
        }
    }

    /// <summary>
    /// <see cref="MaxBackward"/> and then the backward pass of the (leaky) ReLU whose outputs were pooled, in one pass:
    /// <paramref name="dInput"/> becomes dLoss/dPreActivation of the layer before the pooling. Each window's gradient
    /// goes to its argmax cell, whose activation is the window's maximum, <paramref name="pooled"/>: the gradient passes
    /// where that is positive and is scaled by <paramref name="slope"/> elsewhere, as
    /// <see cref="ActivationKernels.LeakyReluBackward"/> computes it, while every other cell stays zero through both.
    /// That saves the activation's own pass over the pooling's input, four times larger than its output. Where
    /// overlapping windows share an argmax cell under a leaky slope, each window's gradient is scaled before they are
    /// added, which may round differently in the last place from scaling their sum.
    /// </summary>
    public static unsafe void MaxBackwardThroughRelu(ReadOnlySpan<float> dOutput, ReadOnlySpan<int> argmax, ReadOnlySpan<float> pooled, float slope,
        Span<float> dInput, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(dInput, dOutput, batch, geometry, nameof(dInput), nameof(dOutput));
        Guard.Length(argmax, geometry.OutputLength(batch), nameof(argmax));
        Guard.Length(pooled, geometry.OutputLength(batch), nameof(pooled));
        fixed (float* dx = dInput, dy = dOutput, activations = pooled)
        fixed (int* indices = argmax)
        {
            var job = new MaxJob(dx, dy, indices, batch, geometry, activations, slope);
            ComputeTeam.Run(&MaxBackwardPart, &job, SampleThreads(batch, geometry));
        }
    }

    // A sample's argmax entries name cells of that sample only, so threads own whole samples of dInput.
    // Each sample is cleared just before its scatter, while its cells are still in cache.
    private static void MaxBackwardPart(void* arguments, int part, int parts)
    {
        ref MaxJob job = ref *(MaxJob*)arguments;
        Pooling2DGeometry g = job.Geometry;
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts);
        if (Vector512.IsHardwareAccelerated && g.Channels % 16 == 0 && g.PoolSize == 2 && g.Stride == 2 && g.PadTop == 0 && g.PadLeft == 0)
        {
            MaxBackwardPairs(job.Values, job.Pooled, job.Argmax, job.Activations, job.Slope, first, end, g);
            return;
        }
        int outputLength = g.OutputLength(1);
        for (int n = first; n < end; n++)
        {
            float* sample = job.Values + g.InputLength(n);
            new Span<float>(sample, g.InputLength(1)).Clear();
            for (int i = n * outputLength, last = i + outputLength; i < last; i++)
            {
                float gradient = job.Pooled[i];
                if (job.Activations != null && !(job.Activations[i] > 0f)) gradient *= job.Slope;
                sample[job.Argmax[i]] += gradient;
            }
        }
    }

    /// <summary>
    /// Backward of <see cref="MaxForwardPairs"/>'s windows, which tile the input without overlap: each window's
    /// four cells are written once, the gradient where its argmax is and zero elsewhere, in one pass
    /// instead of clearing dInput and then scattering into it; cells no window covers (an odd last row
    /// or column) are cleared. Given the pooled <paramref name="activations"/>, through the ReLU too.
    /// </summary>
    private static void MaxBackwardPairs(float* dInput, float* dOutput, int* argmax, float* activations, float slope, int first, int end, in Pooling2DGeometry g)
    {
        int channels = g.Channels, width = g.Width, outWidth = g.OutWidth, outHeight = g.OutHeight;
        int rowLength = width * channels;
        Vector512<int> lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        nint outIndex = (nint)g.OutputLength(first);
        for (int n = first; n < end; n++)
        {
            float* sample = dInput + (nint)n * g.InputLength(1);
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int topLeft = (2 * oy * width + 2 * ox) * channels;
                    for (int c = 0; c < channels; c += 16, outIndex += 16)
                    {
                        int cell = topLeft + c;
                        var gradient = Vector512.Load(dOutput + outIndex);
                        if (activations != null)
                            gradient = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.Load(activations + outIndex), Vector512<float>.Zero), gradient, gradient * slope);
                        var index = Vector512.Load(argmax + outIndex);
                        Put(sample, cell, lanes, index, gradient);
                        Put(sample, cell + channels, lanes, index, gradient);
                        Put(sample, cell + rowLength, lanes, index, gradient);
                        Put(sample, cell + rowLength + channels, lanes, index, gradient);
                    }
                }
                if (width > 2 * outWidth)
                    for (int row = 2 * oy; row < 2 * oy + 2; row++)
                        new Span<float>(sample + row * rowLength + 2 * outWidth * channels, (width - 2 * outWidth) * channels).Clear();
            }
            if (g.Height > 2 * outHeight)
                new Span<float>(sample + 2 * outHeight * rowLength, (g.Height - 2 * outHeight) * rowLength).Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(float* sample, int cell, Vector512<int> lanes, Vector512<int> argmax, Vector512<float> gradient) =>
        Vector512.ConditionalSelect(Vector512.Equals(argmax, Vector512.Create(cell) + lanes).AsSingle(), gradient, Vector512<float>.Zero).Store(sample + cell);

    /// <summary>Scalar twin of <see cref="MaxForward"/> straight from the definition, the reference for tests.</summary>
    public static void MaxForwardReference(ReadOnlySpan<float> input, Span<float> output, Span<int> argmax, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(input, output, batch, geometry, nameof(input), nameof(output));
        Guard.Length(argmax, geometry.OutputLength(batch), nameof(argmax));
        var g = geometry;
        int outIndex = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                    for (int c = 0; c < g.Channels; c++, outIndex++)
                    {
                        ReadOnlySpan<float> sample = input.Slice(n * g.InputLength(1), g.InputLength(1));
                        int bestIndex = -1;
                        for (int py = 0; py < g.PoolSize; py++)
                            for (int px = 0; px < g.PoolSize; px++)
                            {
                                int iy = oy * g.Stride - g.PadTop + py, ix = ox * g.Stride - g.PadLeft + px;
                                if (iy < 0 || iy >= g.Height || ix < 0 || ix >= g.Width) continue;
                                int index = (iy * g.Width + ix) * g.Channels + c;
                                if (bestIndex < 0 || sample[index] > sample[bestIndex] || float.IsNaN(sample[index])) bestIndex = index;
                            }
                        output[outIndex] = sample[bestIndex];
                        argmax[outIndex] = bestIndex;
                    }
    }
}
