using System;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit.Layers;

/// <summary>Calls into the runtime's activation kernels; shared by every layer kind that has an activation.</summary>
internal static class ActivationEmitter
{
    private const string Kernels = "global::ModelGen.Kernels.ActivationKernels";

    /// <summary>GELU's derivative needs its input, so the pre-activation values must be kept.</summary>
    public static bool BackwardNeedsPreActivation(ActivationKind activation) => activation == ActivationKind.Gelu;

    /// <summary>A statement mapping <paramref name="z"/> to <paramref name="output"/>, or null for linear.</summary>
    public static string? Forward(ActivationKind activation, float slope, string z, string output, int width) => activation switch
    {
        ActivationKind.Linear => null,
        ActivationKind.ReLU => $"{Kernels}.Relu({z}, {output});",
        ActivationKind.LeakyReLU => $"{Kernels}.LeakyRelu({z}, {output}, {Literals.Float(slope)});",
        ActivationKind.Sigmoid => $"{Kernels}.Sigmoid({z}, {output});",
        ActivationKind.Tanh => $"{Kernels}.Tanh({z}, {output});",
        ActivationKind.Softmax => $"{Kernels}.Softmax({z}, {output}, {width});",
        ActivationKind.Gelu => $"{Kernels}.Gelu({z}, {output});",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>A statement turning <paramref name="gradient"/> from dLoss/dOutput into dLoss/dZ in place, or null for linear.</summary>
    public static string? Backward(ActivationKind activation, float slope, string z, string output, string gradient, int width) => activation switch
    {
        ActivationKind.Linear => null,
        ActivationKind.ReLU => $"{Kernels}.ReluBackward({output}, {gradient}, {gradient});",
        ActivationKind.LeakyReLU => $"{Kernels}.LeakyReluBackward({output}, {gradient}, {gradient}, {Literals.Float(slope)});",
        ActivationKind.Sigmoid => $"{Kernels}.SigmoidBackward({output}, {gradient}, {gradient});",
        ActivationKind.Tanh => $"{Kernels}.TanhBackward({output}, {gradient}, {gradient});",
        ActivationKind.Softmax => $"{Kernels}.SoftmaxBackward({output}, {gradient}, {gradient}, {width});",
        ActivationKind.Gelu => $"{Kernels}.GeluBackward({z}, {gradient}, {gradient});",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>A statement adding the activation to the local ONNX <c>graph</c> after layer <paramref name="layerName"/>, or null for linear.</summary>
    public static string? Onnx(ActivationKind activation, float slope, string layerName) => activation switch
    {
        ActivationKind.Linear => null,
        ActivationKind.LeakyReLU => $"graph.Activation({Literals.String(layerName)}, global::ModelGen.Activation.{activation}, {Literals.Float(slope)});",
        _ => $"graph.Activation({Literals.String(layerName)}, global::ModelGen.Activation.{activation});",
    };

    /// <summary>The name shown in comments and summaries.</summary>
    public static string DisplayName(ActivationKind activation) => activation switch
    {
        ActivationKind.ReLU => "ReLU",
        ActivationKind.LeakyReLU => "LeakyReLU",
        ActivationKind.Gelu => "GELU",
        _ => activation.ToString(),
    };
}
