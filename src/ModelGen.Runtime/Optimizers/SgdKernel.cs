using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelGen.Optimizers;

/// <summary>Hyperparameters of one SGD step.</summary>
internal readonly record struct SgdCoefficients(float LearningRate, float Momentum, bool Nesterov);

/// <summary>
/// The SGD update over flat buffers: <c>b = μ b + g</c>; <c>p -= lr * b</c>, or
/// <c>p -= lr * (g + μ b)</c> with Nesterov; <c>p -= lr * g</c> when <c>velocity</c> is empty.
/// </summary>
/// <remarks>
/// <see cref="Update"/> runs 512-, 256- and 128-bit lanes in turn and hands the last few
/// elements to <see cref="UpdateReference"/>, the scalar twin that tests hold it to.
/// </remarks>
internal static class SgdKernel
{
    public static void Update(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity,
        in SgdCoefficients c)
    {
        // One kernel serves plain SGD too; the branch on it is the same every iteration, so it predicts well.
        bool hasVelocity = !velocity.IsEmpty;
        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float b = ref MemoryMarshal.GetReference(velocity);
        nuint length = (nuint)parameters.Length;
        nuint i = 0;

        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> negativeRate = Vector512.Create(-c.LearningRate);
            Vector512<float> mu = Vector512.Create(c.Momentum);
            for (; i + (nuint)Vector512<float>.Count <= length; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> gradient = Vector512.LoadUnsafe(ref g, i);
                Vector512<float> direction = gradient;
                if (hasVelocity)
                {
                    Vector512<float> newVelocity = Vector512.FusedMultiplyAdd(mu, Vector512.LoadUnsafe(ref b, i), gradient);
                    newVelocity = Subnormals.Flush(newVelocity);
                    newVelocity.StoreUnsafe(ref b, i);
                    direction = c.Nesterov ? Vector512.FusedMultiplyAdd(mu, newVelocity, gradient) : newVelocity;
                }

                Vector512.FusedMultiplyAdd(negativeRate, direction, Vector512.LoadUnsafe(ref p, i)).StoreUnsafe(ref p, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> negativeRate = Vector256.Create(-c.LearningRate);
            Vector256<float> mu = Vector256.Create(c.Momentum);
            for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> gradient = Vector256.LoadUnsafe(ref g, i);
                Vector256<float> direction = gradient;
                if (hasVelocity)
                {
                    Vector256<float> newVelocity = Vector256.MultiplyAddEstimate(mu, Vector256.LoadUnsafe(ref b, i), gradient);
                    newVelocity = Subnormals.Flush(newVelocity);
                    newVelocity.StoreUnsafe(ref b, i);
                    direction = c.Nesterov ? Vector256.MultiplyAddEstimate(mu, newVelocity, gradient) : newVelocity;
                }

                Vector256.MultiplyAddEstimate(negativeRate, direction, Vector256.LoadUnsafe(ref p, i)).StoreUnsafe(ref p, i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> negativeRate = Vector128.Create(-c.LearningRate);
            Vector128<float> mu = Vector128.Create(c.Momentum);
            for (; i + (nuint)Vector128<float>.Count <= length; i += (nuint)Vector128<float>.Count)
            {
                Vector128<float> gradient = Vector128.LoadUnsafe(ref g, i);
                Vector128<float> direction = gradient;
                if (hasVelocity)
                {
                    Vector128<float> newVelocity = Vector128.MultiplyAddEstimate(mu, Vector128.LoadUnsafe(ref b, i), gradient);
                    newVelocity = Subnormals.Flush(newVelocity);
                    newVelocity.StoreUnsafe(ref b, i);
                    direction = c.Nesterov ? Vector128.MultiplyAddEstimate(mu, newVelocity, gradient) : newVelocity;
                }

                Vector128.MultiplyAddEstimate(negativeRate, direction, Vector128.LoadUnsafe(ref p, i)).StoreUnsafe(ref p, i);
            }
        }

        int done = (int)i;
        UpdateReference(
            parameters[done..], gradients[done..], hasVelocity ? velocity[done..] : velocity, c);
    }

    public static void UpdateReference(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity,
        in SgdCoefficients c)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            float direction = gradients[i];
            if (!velocity.IsEmpty)
            {
                velocity[i] = Subnormals.Flush(c.Momentum * velocity[i] + gradients[i]);
                direction = c.Nesterov ? gradients[i] + c.Momentum * velocity[i] : velocity[i];
            }

            parameters[i] -= c.LearningRate * direction;
        }
    }
}
