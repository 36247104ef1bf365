using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelGen.Optimizers;

/// <summary>Hyperparameters of one RMSprop step.</summary>
internal readonly record struct RmsPropCoefficients(float LearningRate, float Rho, float Epsilon, float Momentum);

/// <summary>
/// The RMSprop update over flat buffers: <c>v = ρ v + (1 - ρ) g²</c>;
/// <c>step = lr g / (sqrt(v) + ε)</c>; <c>m = μ m + step; p -= m</c>, or <c>p -= step</c>
/// when <c>momentumBuffer</c> is empty.
/// </summary>
/// <remarks>
/// <see cref="Update"/> runs 512-, 256- and 128-bit lanes in turn and hands the last few
/// elements to <see cref="UpdateReference"/>, the scalar twin that tests hold it to.
/// </remarks>
internal static class RmsPropKernel
{
    public static void Update(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> meanSquare, Span<float> momentumBuffer,
        in RmsPropCoefficients c)
    {
        // The branch on momentum is the same every iteration, so it predicts well.
        bool hasMomentum = !momentumBuffer.IsEmpty;
        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float v = ref MemoryMarshal.GetReference(meanSquare);
        ref float m = ref MemoryMarshal.GetReference(momentumBuffer);
        nuint length = (nuint)parameters.Length;
        nuint i = 0;

        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> rate = Vector512.Create(c.LearningRate);
            Vector512<float> rho = Vector512.Create(c.Rho);
            Vector512<float> oneMinusRho = Vector512.Create(1f - c.Rho);
            Vector512<float> epsilon = Vector512.Create(c.Epsilon);
            Vector512<float> mu = Vector512.Create(c.Momentum);
            for (; i + (nuint)Vector512<float>.Count <= length; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> gradient = Vector512.LoadUnsafe(ref g, i);
                Vector512<float> newMeanSquare = Vector512.FusedMultiplyAdd(
                    rho, Vector512.LoadUnsafe(ref v, i), oneMinusRho * gradient * gradient);
                newMeanSquare = Subnormals.Flush(newMeanSquare);
                newMeanSquare.StoreUnsafe(ref v, i);
                Vector512<float> step = rate * gradient / (Vector512.Sqrt(newMeanSquare) + epsilon);
                if (hasMomentum)
                {
                    step = Vector512.FusedMultiplyAdd(mu, Vector512.LoadUnsafe(ref m, i), step);
                    step = Subnormals.Flush(step);
                    step.StoreUnsafe(ref m, i);
                }

                (Vector512.LoadUnsafe(ref p, i) - step).StoreUnsafe(ref p, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> rate = Vector256.Create(c.LearningRate);
            Vector256<float> rho = Vector256.Create(c.Rho);
            Vector256<float> oneMinusRho = Vector256.Create(1f - c.Rho);
            Vector256<float> epsilon = Vector256.Create(c.Epsilon);
            Vector256<float> mu = Vector256.Create(c.Momentum);
            for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> gradient = Vector256.LoadUnsafe(ref g, i);
                Vector256<float> newMeanSquare = Vector256.MultiplyAddEstimate(
                    rho, Vector256.LoadUnsafe(ref v, i), oneMinusRho * gradient * gradient);
                newMeanSquare = Subnormals.Flush(newMeanSquare);
                newMeanSquare.StoreUnsafe(ref v, i);
                Vector256<float> step = rate * gradient / (Vector256.Sqrt(newMeanSquare) + epsilon);
                if (hasMomentum)
                {
                    step = Vector256.MultiplyAddEstimate(mu, Vector256.LoadUnsafe(ref m, i), step);
                    step = Subnormals.Flush(step);
                    step.StoreUnsafe(ref m, i);
                }

                (Vector256.LoadUnsafe(ref p, i) - step).StoreUnsafe(ref p, i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> rate = Vector128.Create(c.LearningRate);
            Vector128<float> rho = Vector128.Create(c.Rho);
            Vector128<float> oneMinusRho = Vector128.Create(1f - c.Rho);
            Vector128<float> epsilon = Vector128.Create(c.Epsilon);
            Vector128<float> mu = Vector128.Create(c.Momentum);
            for (; i + (nuint)Vector128<float>.Count <= length; i += (nuint)Vector128<float>.Count)
            {
                Vector128<float> gradient = Vector128.LoadUnsafe(ref g, i);
                Vector128<float> newMeanSquare = Vector128.MultiplyAddEstimate(
                    rho, Vector128.LoadUnsafe(ref v, i), oneMinusRho * gradient * gradient);
                newMeanSquare = Subnormals.Flush(newMeanSquare);
                newMeanSquare.StoreUnsafe(ref v, i);
                Vector128<float> step = rate * gradient / (Vector128.Sqrt(newMeanSquare) + epsilon);
                if (hasMomentum)
                {
                    step = Vector128.MultiplyAddEstimate(mu, Vector128.LoadUnsafe(ref m, i), step);
                    step = Subnormals.Flush(step);
                    step.StoreUnsafe(ref m, i);
                }

                (Vector128.LoadUnsafe(ref p, i) - step).StoreUnsafe(ref p, i);
            }
        }

        int done = (int)i;
        UpdateReference(
            parameters[done..], gradients[done..], meanSquare[done..],
            hasMomentum ? momentumBuffer[done..] : momentumBuffer, c);
    }

    public static void UpdateReference(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> meanSquare, Span<float> momentumBuffer,
        in RmsPropCoefficients c)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            float gradient = gradients[i];
            meanSquare[i] = Subnormals.Flush(c.Rho * meanSquare[i] + (1f - c.Rho) * gradient * gradient);
            float step = c.LearningRate * gradient / (MathF.Sqrt(meanSquare[i]) + c.Epsilon);
            if (!momentumBuffer.IsEmpty)
            {
                momentumBuffer[i] = Subnormals.Flush(c.Momentum * momentumBuffer[i] + step);
                step = momentumBuffer[i];
            }

            parameters[i] -= step;
        }
    }
}
