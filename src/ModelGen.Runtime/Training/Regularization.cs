using ModelGen.Kernels;

namespace ModelGen.Training;

/// <summary>L1 and L2 penalties on the tensors that declare them (kernels), as Keras' regularizers.</summary>
public static class Regularization
{
    /// <summary>Returns <c>sum(l1 |w| + l2 w²)</c> over the regularized tensors.</summary>
    public static float Penalty(ITrainableModel model)
    {
        double penalty = 0;
        ReadOnlySpan<float> parameters = model.Parameters;
        IReadOnlyList<ParameterTensor> tensors = model.ParameterTensors;
        // Indexed rather than foreach: enumerating the interface would box an enumerator every step.
        for (int t = 0; t < tensors.Count; t++)
        {
            ParameterTensor tensor = tensors[t];
            if (tensor.L1 == 0 && tensor.L2 == 0) continue;
            ReadOnlySpan<float> weights = parameters.Slice(tensor.Offset, tensor.Length);
            if (tensor.L2 != 0) penalty += tensor.L2 * (double)VectorMath.Dot(weights, weights);
            if (tensor.L1 != 0) penalty += tensor.L1 * (double)System.Numerics.Tensors.TensorPrimitives.SumOfMagnitudes(weights);
        }
        return (float)penalty;
    }

    /// <summary>Adds <c>l1 sign(w) + 2 l2 w</c> to the gradients and returns the penalty.</summary>
    public static float AddGradients(ITrainableModel model)
    {
        AddGradients(model, 0, model.Parameters.Length);
        return Penalty(model);
    }

    /// <summary>
    /// Adds the penalties' gradients to parameters <c>[start, end)</c> only, so that a step split over threads
    /// adds them where each thread updates its range.
    /// </summary>
    internal static void AddGradients(ITrainableModel model, int start, int end)
    {
        Span<float> parameters = model.Parameters, gradients = model.Gradients;
        IReadOnlyList<ParameterTensor> tensors = model.ParameterTensors;
        for (int t = 0; t < tensors.Count; t++)
        {
            ParameterTensor tensor = tensors[t];
            if (tensor.L1 == 0 && tensor.L2 == 0) continue;
            int first = Math.Max(start, tensor.Offset), last = Math.Min(end, tensor.Offset + tensor.Length);
            if (first >= last) continue;
            ReadOnlySpan<float> weights = parameters[first..last];
            Span<float> weightGradients = gradients[first..last];
            if (tensor.L2 != 0) VectorMath.MultiplyAdd(weights, 2 * tensor.L2, weightGradients);
            if (tensor.L1 != 0)
                for (int i = 0; i < weights.Length; i++) weightGradients[i] += tensor.L1 * MathF.Sign(weights[i]);
        }
    }
}
