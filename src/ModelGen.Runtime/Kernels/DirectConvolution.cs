using System.Runtime.Intrinsics;

namespace ModelGen.Kernels;

/// <summary>
/// Convolution straight from the NHWC input, for layers whose patches are short (few input
/// channels, such as a first layer over grey or RGB pixels). There im2col would copy more than
/// the product computes and the product's depth would be too short to fill a register tile; here
/// each output pixel keeps its filters in one or two zmm accumulators and every in-bounds tap adds
/// one broadcast input value times a row of the kernel, which stays in L1.
/// </summary>
/// <remarks>
/// Windows wholly inside the input (all of them under valid padding) go six neighbouring pixels at a
/// time: a 6x32 register tile like the matrix product's, with the patch matrix read in place through
/// a table of tap offsets (implicit im2col). dKernel uses the transposed tile, six taps by 32 filters,
/// summed over the pixels. Border windows take a one-pixel path. dInput is one dot product per tap.
/// Callers check <see cref="Suits"/>; sums run in a different order from the im2col path, so
/// results agree with it to rounding, not to the bit.
/// </remarks>
internal static unsafe class DirectConvolution
{
    // Longest patch (KernelSize^2 * Channels) taken here; conv1 of an MNIST LeNet has 9, of an RGB net 27.
    private const int MaxPatchLength = 32;

    /// <summary>Whether <paramref name="g"/> runs faster here than through im2col: short patches, filters a multiple of 16.</summary>
    public static bool Suits(in Conv2DGeometry g) =>
        Vector512.IsHardwareAccelerated && g.PatchLength <= MaxPatchLength && g.Filters % 16 == 0;

    /// <summary>Forward over a batch, its samples split over <see cref="ComputeThreads.Count"/> threads when large enough.</summary>
    public static void Forward(float* input, float* kernel, float* bias, float* output, int batch, in Conv2DGeometry g, bool relu)
    {
        var job = new ConvolutionJob(input, kernel, bias, output, null, null, null, null, null, null, batch, g, relu);
        ComputeTeam.Run(&ForwardPart, &job, Threads(batch, g));
    }

    /// <summary>
    /// Accumulates dKernel and dBias and overwrites dInput unless it is null; the batch splits over
    /// threads as in <see cref="Forward"/>, with per-thread parameter-gradient sums (<see cref="ConvolutionJob"/>).
    /// </summary>
    public static void Backward(float* input, float* kernel, float* dOutput, float* dKernel, float* dBias, float* dInput, int batch, in Conv2DGeometry g)
    {
        int threads = Threads(batch, g);
        float** partials = stackalloc float*[threads];
        var job = new ConvolutionJob(input, kernel, dOutput, null, null, null, dKernel, dBias, dInput, partials, batch, g, relu: false);
        ComputeTeam.Run(&BackwardPart, &job, threads);
        job.AddPartialSums(threads);
    }

    private static int Threads(int batch, in Conv2DGeometry g) => ComputeTeam.Threads(batch, (long)g.OutputLength(batch) * g.PatchLength);

    private static void ForwardPart(void* arguments, int part, int parts)
    {
        ref ConvolutionJob job = ref *(ConvolutionJob*)arguments;
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts);
        Conv2DGeometry g = job.Geometry;
        if (!ZeroBorderedCopy.Needed(g))
        {
            if (first < end)
                ForwardSamples(job.Input + (nint)first * g.InputLength(1), job.Kernel, job.BiasOrGradient, job.Output + (nint)first * g.OutputLength(1), end - first, g, job.Relu);
            return;
        }
        // Padded layers copy each sample into a zero border, so every pixel takes the six-pixel tiles.
        Conv2DGeometry bordered = ZeroBorderedCopy.Bordered(g);
        for (int n = first; n < end; n++)
            ForwardSamples(ZeroBorderedCopy.Make(job.Input + (nint)n * g.InputLength(1), g), job.Kernel, job.BiasOrGradient,
                job.Output + (nint)n * g.OutputLength(1), 1, bordered, job.Relu);
    }

    private static void BackwardPart(void* arguments, int part, int parts)
    {
        ref ConvolutionJob job = ref *(ConvolutionJob*)arguments;
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts);
        if (first >= end) return;
        job.GradientTargets(part, out float* dKernel, out float* dBias);
        BackwardSamples(job.Input + (nint)first * job.Geometry.InputLength(1), job.Kernel, job.BiasOrGradient + (nint)first * job.Geometry.OutputLength(1),
            dKernel, dBias, job.DInput == null ? null : job.DInput + (nint)first * job.Geometry.InputLength(1), end - first, job.Geometry);
    }

    /// <summary>
    /// Where the taps of a window read, relative to its first cell: <c>((ky * dilation) * Width + kx * dilation) * Channels + c</c>
    /// in the kernel's <c>(ky, kx, c)</c> order, so tap <c>p</c> multiplies kernel row <c>p</c>.
    /// </summary>
    internal static void TapOffsets(Span<int> offsets, in Conv2DGeometry g)
    {
        int p = 0;
        for (int ky = 0; ky < g.KernelSize; ky++)
            for (int kx = 0; kx < g.KernelSize; kx++)
                for (int c = 0; c < g.Channels; c++)
                    offsets[p++] = ((ky * g.Dilation) * g.Width + kx * g.Dilation) * g.Channels + c;
    }

    /// <summary>The output columns <c>[First, End)</c> whose windows lie wholly inside the input's width.</summary>
    private static (int First, int End) InteriorColumns(in Conv2DGeometry g)
    {
        int first = 0, end = g.OutWidth;
        while (first < end && first * g.Stride - g.PadLeft < 0) first++;
        while (end > first && (end - 1) * g.Stride - g.PadLeft + g.Dilation * (g.KernelSize - 1) >= g.Width) end--;
        return (first, end);
    }

    private static void ForwardSamples(float* input, float* kernel, float* bias, float* output, int batch, in Conv2DGeometry g, bool relu)
    {
        // Geometry in locals: stores through the output pointer could alias an 'in' parameter, which
        // would make the JIT reload every field inside the loops.
        int filters = g.Filters, channels = g.Channels, kernelSize = g.KernelSize, height = g.Height, width = g.Width, patchLength = g.PatchLength;
        int outHeight = g.OutHeight, outWidth = g.OutWidth, stride = g.Stride, padTop = g.PadTop, padLeft = g.PadLeft;
        int* taps = stackalloc int[patchLength];
        TapOffsets(new Span<int>(taps, patchLength), g);
        var (interiorFirst, interiorEnd) = InteriorColumns(g);
        nint pixelStride = (nint)stride * channels;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < outHeight; oy++)
            {
                int top = oy * stride - padTop;
                bool fullRows = top >= 0 && top + g.Dilation * (kernelSize - 1) < height;
                float* y = output + ((nint)n * outHeight + oy) * outWidth * filters;
                int ox = 0;
                if (fullRows)
                {
                    for (; ox < interiorFirst; ox++) Pixel(input, kernel, bias, y + (nint)ox * filters, n, top, ox, g, relu);
                    if (interiorEnd - interiorFirst >= 6)
                    {
                        float* rowStart = input + (((nint)n * height + top) * width - padLeft) * channels;
                        for (int first = interiorFirst; first < interiorEnd; first += 6)
                        {
                            // A last partial tile moves back to end at the interior's edge: it rewrites a few
                            // outputs with the same values rather than leaving them to the one-pixel path.
                            int tileFirst = Math.Min(first, interiorEnd - 6);
                            for (int f0 = 0; f0 < filters; f0 += 32)
                                SixPixels(rowStart + tileFirst * pixelStride, pixelStride, taps, patchLength, kernel + f0, filters, bias == null ? null : bias + f0,
                                    y + (nint)tileFirst * filters + f0, pair: f0 + 32 <= filters, relu);
                        }
                        ox = interiorEnd;
                    }
                }
                for (; ox < outWidth; ox++) Pixel(input, kernel, bias, y + (nint)ox * filters, n, top, ox, g, relu);
            }
    }

    /// <summary>Six neighbouring output pixels whose windows lie inside the input: 32 or 16 filters in 12 or 6 accumulators.</summary>
    private static void SixPixels(float* window, nint pixelStride, int* taps, int patchLength, float* kernel, int filters, float* bias, float* y,
        bool pair, bool relu)
    {
        Vector512<float> b0 = bias != null ? Vector512.Load(bias) : default, b1 = pair && bias != null ? Vector512.Load(bias + 16) : default;
        Vector512<float> a00 = b0, a10 = b0, a20 = b0, a30 = b0, a40 = b0, a50 = b0;
        Vector512<float> a01 = b1, a11 = b1, a21 = b1, a31 = b1, a41 = b1, a51 = b1;
        float* x1 = window + pixelStride, x2 = x1 + pixelStride, x3 = x2 + pixelStride, x4 = x3 + pixelStride, x5 = x4 + pixelStride;
        for (int p = 0; p < patchLength; p++, kernel += filters)
        {
            int tap = taps[p];
            var k0 = Vector512.Load(kernel);
            a00 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(window[tap]), a00);
            a10 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(x1[tap]), a10);
            a20 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(x2[tap]), a20);
            a30 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(x3[tap]), a30);
            a40 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(x4[tap]), a40);
            a50 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(x5[tap]), a50);
            if (!pair) continue;
            var k1 = Vector512.Load(kernel + 16);
            a01 = Vector512.FusedMultiplyAdd(k1, Vector512.Create(window[tap]), a01);
            a11 = Vector512.FusedMultiplyAdd(k1, Vector512.Create(x1[tap]), a11);
            a21 = Vector512.FusedMultiplyAdd(k1, Vector512.Create(x2[tap]), a21);
            a31 = Vector512.FusedMultiplyAdd(k1, Vector512.Create(x3[tap]), a31);
            a41 = Vector512.FusedMultiplyAdd(k1, Vector512.Create(x4[tap]), a41);
            a51 = Vector512.FusedMultiplyAdd(k1, Vector512.Create(x5[tap]), a51);
        }
        nint next = filters;
        Store(a00, y, relu); Store(a10, y + next, relu); Store(a20, y + 2 * next, relu);
        Store(a30, y + 3 * next, relu); Store(a40, y + 4 * next, relu); Store(a50, y + 5 * next, relu);
        if (!pair) return;
        Store(a01, y + 16, relu); Store(a11, y + next + 16, relu); Store(a21, y + 2 * next + 16, relu);
        Store(a31, y + 3 * next + 16, relu); Store(a41, y + 4 * next + 16, relu); Store(a51, y + 5 * next + 16, relu);
    }

    private static void Store(Vector512<float> value, float* destination, bool relu) =>
        (relu ? Vector512.Max(value, Vector512<float>.Zero) : value).Store(destination);

    /// <summary>One output pixel, any window (the border ones overhang the input), all filters.</summary>
    private static void Pixel(float* input, float* kernel, float* bias, float* y, int n, int top, int ox, in Conv2DGeometry g, bool relu)
    {
        int left = ox * g.Stride - g.PadLeft, filters = g.Filters, channels = g.Channels;
        var (kyFirst, kyEnd) = WindowAxis.Inside(top, g.Dilation, g.KernelSize, g.Height);
        var (kxFirst, kxEnd) = WindowAxis.Inside(left, g.Dilation, g.KernelSize, g.Width);
        for (int f = 0; f < filters; f += 16)
        {
            Vector512<float> sum = bias != null ? Vector512.Load(bias + f) : default;
            for (int ky = kyFirst; ky < kyEnd; ky++)
                for (int kx = kxFirst; kx < kxEnd; kx++)
                {
                    float* x = input + (((nint)n * g.Height + top + ky * g.Dilation) * g.Width + left + kx * g.Dilation) * channels;
                    float* k = kernel + (nint)((ky * g.KernelSize + kx) * channels) * filters + f;
                    for (int c = 0; c < channels; c++, k += filters)
                        sum = Vector512.FusedMultiplyAdd(Vector512.Load(k), Vector512.Create(x[c]), sum);
                }
            Store(sum, y + f, relu);
        }
    }

    private static void BackwardSamples(float* input, float* kernel, float* dOutput, float* dKernel, float* dBias, float* dInput, int batch, in Conv2DGeometry g)
    {
        int filters = g.Filters, channels = g.Channels, kernelSize = g.KernelSize, height = g.Height, width = g.Width, patchLength = g.PatchLength;
        int outHeight = g.OutHeight, outWidth = g.OutWidth, stride = g.Stride, padTop = g.PadTop, padLeft = g.PadLeft;
        if (dBias != null) VectorMath.AddColumnSums(dOutput, (nint)batch * outHeight * outWidth, filters, dBias);
        if (dInput != null) InputGradient(kernel, dOutput, dInput, batch, g);

        int* taps = stackalloc int[patchLength];
        TapOffsets(new Span<int>(taps, patchLength), g);
        var (interiorFirst, interiorEnd) = InteriorColumns(g);
        nint pixelStride = (nint)stride * channels;
        // Interior windows: dKernel rows (taps) in register tiles of up to six taps by 32 filters, summed over every such pixel.
        for (int p0 = 0; p0 < patchLength; p0 += 6)
            for (int f0 = 0; f0 < filters; f0 += 32)
            {
                var tile = new TapTile(Math.Min(6, patchLength - p0), pair: f0 + 32 <= filters);
                for (int n = 0; n < batch; n++)
                    for (int oy = 0; oy < outHeight; oy++)
                    {
                        int top = oy * stride - padTop;
                        if (top < 0 || top + g.Dilation * (kernelSize - 1) >= height) continue;
                        float* window = input + (((nint)n * height + top) * width + interiorFirst * stride - padLeft) * channels;
                        float* dy = dOutput + (((nint)n * outHeight + oy) * outWidth + interiorFirst) * filters + f0;
                        tile.Accumulate(window, pixelStride, taps + p0, dy, filters, interiorEnd - interiorFirst);
                    }
                tile.AddTo(dKernel + (nint)p0 * filters + f0, filters);
            }
        // Border windows, one pixel at a time.
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < outHeight; oy++)
            {
                int top = oy * stride - padTop;
                bool fullRows = top >= 0 && top + g.Dilation * (kernelSize - 1) < height;
                for (int ox = 0; ox < outWidth; ox++)
                    if (!fullRows || ox < interiorFirst || ox >= interiorEnd)
                        PixelKernelGradient(input, dOutput + (((nint)n * outHeight + oy) * outWidth + ox) * filters, dKernel, n, top, ox, g);
            }
    }

    /// <summary>
    /// A dKernel tile: up to six taps (kernel rows) by 32 or 16 filters in registers while the
    /// pixels stream past, each adding its input value at the tap times its output gradient.
    /// </summary>
    private struct TapTile(int taps, bool pair)
    {
        private Vector512<float> _a00, _a10, _a20, _a30, _a40, _a50, _a01, _a11, _a21, _a31, _a41, _a51;

        public void Accumulate(float* window, nint pixelStride, int* tapOffsets, float* dy, int filters, int pixels)
        {
            Vector512<float> a00 = _a00, a10 = _a10, a20 = _a20, a30 = _a30, a40 = _a40, a50 = _a50;
            Vector512<float> a01 = _a01, a11 = _a11, a21 = _a21, a31 = _a31, a41 = _a41, a51 = _a51;
            int t0 = tapOffsets[0], t1 = taps > 1 ? tapOffsets[1] : 0, t2 = taps > 2 ? tapOffsets[2] : 0;
            int t3 = taps > 3 ? tapOffsets[3] : 0, t4 = taps > 4 ? tapOffsets[4] : 0, t5 = taps > 5 ? tapOffsets[5] : 0;
            for (int i = 0; i < pixels; i++, window += pixelStride, dy += filters)
            {
                var g0 = Vector512.Load(dy);
                var g1 = pair ? Vector512.Load(dy + 16) : default;
                var x = Vector512.Create(window[t0]);
                a00 = Vector512.FusedMultiplyAdd(g0, x, a00); a01 = Vector512.FusedMultiplyAdd(g1, x, a01);
                if (taps == 1) continue;
                x = Vector512.Create(window[t1]);
                a10 = Vector512.FusedMultiplyAdd(g0, x, a10); a11 = Vector512.FusedMultiplyAdd(g1, x, a11);
                if (taps == 2) continue;
                x = Vector512.Create(window[t2]);
                a20 = Vector512.FusedMultiplyAdd(g0, x, a20); a21 = Vector512.FusedMultiplyAdd(g1, x, a21);
                if (taps == 3) continue;
                x = Vector512.Create(window[t3]);
                a30 = Vector512.FusedMultiplyAdd(g0, x, a30); a31 = Vector512.FusedMultiplyAdd(g1, x, a31);
                if (taps == 4) continue;
                x = Vector512.Create(window[t4]);
                a40 = Vector512.FusedMultiplyAdd(g0, x, a40); a41 = Vector512.FusedMultiplyAdd(g1, x, a41);
                if (taps == 5) continue;
                x = Vector512.Create(window[t5]);
                a50 = Vector512.FusedMultiplyAdd(g0, x, a50); a51 = Vector512.FusedMultiplyAdd(g1, x, a51);
            }
            (_a00, _a10, _a20, _a30, _a40, _a50) = (a00, a10, a20, a30, a40, a50);
            (_a01, _a11, _a21, _a31, _a41, _a51) = (a01, a11, a21, a31, a41, a51);
        }

        /// <summary>Adds the tile into dKernel, whose row for the tile's first tap starts at <paramref name="dKernel"/>.</summary>
        public readonly void AddTo(float* dKernel, int filters)
        {
            ReadOnlySpan<Vector512<float>> first = [_a00, _a10, _a20, _a30, _a40, _a50], second = [_a01, _a11, _a21, _a31, _a41, _a51];
            for (int t = 0; t < taps; t++)
            {
                float* row = dKernel + (nint)t * filters;
                (Vector512.Load(row) + first[t]).Store(row);
                if (pair) (Vector512.Load(row + 16) + second[t]).Store(row + 16);
            }
        }
    }

    /// <summary>One border pixel's share of dKernel, accumulated in memory.</summary>
    private static void PixelKernelGradient(float* input, float* dy, float* dKernel, int n, int top, int ox, in Conv2DGeometry g)
    {
        int left = ox * g.Stride - g.PadLeft, filters = g.Filters, channels = g.Channels;
        var (kyFirst, kyEnd) = WindowAxis.Inside(top, g.Dilation, g.KernelSize, g.Height);
        var (kxFirst, kxEnd) = WindowAxis.Inside(left, g.Dilation, g.KernelSize, g.Width);
        for (int ky = kyFirst; ky < kyEnd; ky++)
            for (int kx = kxFirst; kx < kxEnd; kx++)
            {
                float* x = input + (((nint)n * g.Height + top + ky * g.Dilation) * g.Width + left + kx * g.Dilation) * channels;
                float* dk = dKernel + (nint)((ky * g.KernelSize + kx) * channels) * filters;
                for (int c = 0; c < channels; c++, dk += filters)
                {
                    var xc = Vector512.Create(x[c]);
                    for (int f = 0; f < filters; f += 16)
                        Vector512.FusedMultiplyAdd(Vector512.Load(dy + f), xc, Vector512.Load(dk + f)).Store(dk + f);
                }
            }
    }

    /// <summary>Overwrites dInput: each cell gets the dot products of the kernel rows it met with the output gradients there.</summary>
    private static void InputGradient(float* kernel, float* dOutput, float* dInput, int batch, in Conv2DGeometry g)
    {
        int filters = g.Filters, channels = g.Channels;
        new Span<float>(dInput, g.InputLength(batch)).Clear();
        float* dy = dOutput;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
            {
                int top = oy * g.Stride - g.PadTop;
                var (kyFirst, kyEnd) = WindowAxis.Inside(top, g.Dilation, g.KernelSize, g.Height);
                for (int ox = 0; ox < g.OutWidth; ox++, dy += filters)
                {
                    int left = ox * g.Stride - g.PadLeft;
                    var (kxFirst, kxEnd) = WindowAxis.Inside(left, g.Dilation, g.KernelSize, g.Width);
                    for (int ky = kyFirst; ky < kyEnd; ky++)
                        for (int kx = kxFirst; kx < kxEnd; kx++)
                        {
                            float* dx = dInput + (((nint)n * g.Height + top + ky * g.Dilation) * g.Width + left + kx * g.Dilation) * channels;
                            float* k = kernel + (nint)((ky * g.KernelSize + kx) * channels) * filters;
                            for (int c = 0; c < channels; c++, k += filters)
                            {
                                var dot = Vector512<float>.Zero;
                                for (int f = 0; f < filters; f += 16) dot = Vector512.FusedMultiplyAdd(Vector512.Load(dy + f), Vector512.Load(k + f), dot);
                                dx[c] += Vector512.Sum(dot);
                            }
                        }
                }
            }
    }
}
