using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelGen.Optimizers;

/// <summary>
/// Scalars of one Adam step. The bias corrections are folded in once per step, in double, so the
/// per-element loop does no powers: <c>StepSize = lr / (1 - β1^t)</c> turns <c>m</c> into
/// <c>lr * m̂</c>, and <c>SecondMomentCorrection = 1 / (1 - β2^t)</c> turns <c>v</c> into <c>v̂</c>.
/// </summary>
internal readonly record struct AdamCoefficients(
    float Beta1, float Beta2, float Epsilon, float StepSize, float SecondMomentCorrection, float DecayMultiplier)
{
    /// <summary>Scalars for step number <paramref name="iteration"/>, counting from 1.</summary>
    public static AdamCoefficients ForStep(
        float learningRate, float beta1, float beta2, float epsilon, long iteration, float weightDecay)
    {
        double firstMomentCorrection = 1.0 - Math.Pow(beta1, iteration);
        double secondMomentCorrection = 1.0 - Math.Pow(beta2, iteration);
        return new AdamCoefficients(
            beta1,
            beta2,
            epsilon,
            StepSize: (float)(learningRate / firstMomentCorrection),
            SecondMomentCorrection: (float)(1.0 / secondMomentCorrection),
            DecayMultiplier: (float)(1.0 - (double)learningRate * weightDecay));
    }
}

/// <summary>
/// The Adam(W) update over flat buffers: <c>p *= DecayMultiplier</c>;
/// <c>m = β1 m + (1 - β1) g</c>; <c>v = β2 v + (1 - β2) g²</c>;
/// <c>p -= StepSize * m / (sqrt(v * SecondMomentCorrection) + ε)</c>.
/// </summary>
/// <remarks>
/// <see cref="Update"/> runs 512-, 256- and 128-bit lanes in turn and hands the last few
/// elements to <see cref="UpdateReference"/>, the scalar twin that tests hold it to. Large buffers
/// split into ranges over <see cref="ComputeThreads.Count"/> threads; every element is updated the
/// same way on any thread count.
/// </remarks>
internal static unsafe class AdamKernel
{
    // From about 64K parameters (a quarter of a millisecond's work) the step splits over the compute threads.
    private const int ParallelThreshold = 1 << 16;

    public static void Update(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment,
        in AdamCoefficients c)
    {
        int threads = parameters.Length >= ParallelThreshold ? Kernels.ComputeTeam.Threads(parameters.Length / ParallelThreshold + 1) : 1;
        if (threads == 1)
        {
            UpdateRange(parameters, gradients, firstMoment, secondMoment, c);
            return;
        }
        fixed (float* p = parameters, g = gradients, m = firstMoment, v = secondMoment)
        {
            var job = new Job(p, g, m, v, parameters.Length, c);
            Kernels.ComputeTeam.Run(&UpdatePart, &job, threads);
        }
    }

    private readonly struct Job(float* parameters, float* gradients, float* firstMoment, float* secondMoment, int length, AdamCoefficients coefficients)
    {
        public readonly float* Parameters = parameters, Gradients = gradients, FirstMoment = firstMoment, SecondMoment = secondMoment;
        public readonly int Length = length;
        public readonly AdamCoefficients Coefficients = coefficients;
    }

    private static void UpdatePart(void* arguments, int part, int parts)
    {
        ref Job job = ref *(Job*)arguments;
        var (start, end) = Kernels.ComputeTeam.Range(job.Length, part, parts, grain: 16);
        int count = end - start;
        UpdateRange(new Span<float>(job.Parameters + start, count), new ReadOnlySpan<float>(job.Gradients + start, count),
            new Span<float>(job.FirstMoment + start, count), new Span<float>(job.SecondMoment + start, count), job.Coefficients);
    }

    private static void UpdateRange(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment,
        in AdamCoefficients c)
    {
        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float m = ref MemoryMarshal.GetReference(firstMoment);
        ref float v = ref MemoryMarshal.GetReference(secondMoment);
        nuint length = (nuint)parameters.Length;
        nuint i = 0;

        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> beta1 = Vector512.Create(c.Beta1);
            Vector512<float> oneMinusBeta1 = Vector512.Create(1f - c.Beta1);
            Vector512<float> beta2 = Vector512.Create(c.Beta2);
            Vector512<float> oneMinusBeta2 = Vector512.Create(1f - c.Beta2);
            Vector512<float> epsilon = Vector512.Create(c.Epsilon);
            Vector512<float> negativeStepSize = Vector512.Create(-c.StepSize);
            Vector512<float> secondMomentCorrection = Vector512.Create(c.SecondMomentCorrection);
            Vector512<float> decay = Vector512.Create(c.DecayMultiplier);
            for (; i + (nuint)Vector512<float>.Count <= length; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> gradient = Vector512.LoadUnsafe(ref g, i);
                Vector512<float> newFirst = Vector512.FusedMultiplyAdd(
                    beta1, Vector512.LoadUnsafe(ref m, i), oneMinusBeta1 * gradient);
                Vector512<float> newSecond = Vector512.FusedMultiplyAdd(
                    beta2, Vector512.LoadUnsafe(ref v, i), oneMinusBeta2 * gradient * gradient);
                newFirst = Subnormals.Flush(newFirst);
                newSecond = Subnormals.Flush(newSecond);
                newFirst.StoreUnsafe(ref m, i);
                newSecond.StoreUnsafe(ref v, i);
                Vector512<float> denominator = Vector512.Sqrt(newSecond * secondMomentCorrection) + epsilon;
                Vector512<float> decayed = Vector512.LoadUnsafe(ref p, i) * decay;
                Vector512.FusedMultiplyAdd(negativeStepSize, newFirst / denominator, decayed).StoreUnsafe(ref p, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> beta1 = Vector256.Create(c.Beta1);
            Vector256<float> oneMinusBeta1 = Vector256.Create(1f - c.Beta1);
            Vector256<float> beta2 = Vector256.Create(c.Beta2);
            Vector256<float> oneMinusBeta2 = Vector256.Create(1f - c.Beta2);
            Vector256<float> epsilon = Vector256.Create(c.Epsilon);
            Vector256<float> negativeStepSize = Vector256.Create(-c.StepSize);
            Vector256<float> secondMomentCorrection = Vector256.Create(c.SecondMomentCorrection);
            Vector256<float> decay = Vector256.Create(c.DecayMultiplier);
            for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> gradient = Vector256.LoadUnsafe(ref g, i);
                Vector256<float> newFirst = Vector256.MultiplyAddEstimate(
                    beta1, Vector256.LoadUnsafe(ref m, i), oneMinusBeta1 * gradient);
                Vector256<float> newSecond = Vector256.MultiplyAddEstimate(
                    beta2, Vector256.LoadUnsafe(ref v, i), oneMinusBeta2 * gradient * gradient);
                newFirst = Subnormals.Flush(newFirst);
                newSecond = Subnormals.Flush(newSecond);
                newFirst.StoreUnsafe(ref m, i);
                newSecond.StoreUnsafe(ref v, i);
                Vector256<float> denominator = Vector256.Sqrt(newSecond * secondMomentCorrection) + epsilon;
                Vector256<float> decayed = Vector256.LoadUnsafe(ref p, i) * decay;
                Vector256.MultiplyAddEstimate(negativeStepSize, newFirst / denominator, decayed).StoreUnsafe(ref p, i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> beta1 = Vector128.Create(c.Beta1);
            Vector128<float> oneMinusBeta1 = Vector128.Create(1f - c.Beta1);
            Vector128<float> beta2 = Vector128.Create(c.Beta2);
            Vector128<float> oneMinusBeta2 = Vector128.Create(1f - c.Beta2);
            Vector128<float> epsilon = Vector128.Create(c.Epsilon);
            Vector128<float> negativeStepSize = Vector128.Create(-c.StepSize);
            Vector128<float> secondMomentCorrection = Vector128.Create(c.SecondMomentCorrection);
            Vector128<float> decay = Vector128.Create(c.DecayMultiplier);
            for (; i + (nuint)Vector128<float>.Count <= length; i += (nuint)Vector128<float>.Count)
            {
                Vector128<float> gradient = Vector128.LoadUnsafe(ref g, i);
                Vector128<float> newFirst = Vector128.MultiplyAddEstimate(
                    beta1, Vector128.LoadUnsafe(ref m, i), oneMinusBeta1 * gradient);
                Vector128<float> newSecond = Vector128.MultiplyAddEstimate(
                    beta2, Vector128.LoadUnsafe(ref v, i), oneMinusBeta2 * gradient * gradient);
                newFirst = Subnormals.Flush(newFirst);
                newSecond = Subnormals.Flush(newSecond);
                newFirst.StoreUnsafe(ref m, i);
                newSecond.StoreUnsafe(ref v, i);
                Vector128<float> denominator = Vector128.Sqrt(newSecond * secondMomentCorrection) + epsilon;
                Vector128<float> decayed = Vector128.LoadUnsafe(ref p, i) * decay;
                Vector128.MultiplyAddEstimate(negativeStepSize, newFirst / denominator, decayed).StoreUnsafe(ref p, i);
            }
        }

        int done = (int)i;
        UpdateReference(parameters[done..], gradients[done..], firstMoment[done..], secondMoment[done..], c);
    }

    public static void UpdateReference(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment,
        in AdamCoefficients c)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            float gradient = gradients[i];
            firstMoment[i] = Subnormals.Flush(c.Beta1 * firstMoment[i] + (1f - c.Beta1) * gradient);
            secondMoment[i] = Subnormals.Flush(c.Beta2 * secondMoment[i] + (1f - c.Beta2) * gradient * gradient);
            float correctedSecond = secondMoment[i] * c.SecondMomentCorrection;
            parameters[i] = parameters[i] * c.DecayMultiplier
                - c.StepSize * firstMoment[i] / (MathF.Sqrt(correctedSecond) + c.Epsilon);
        }
    }
}
