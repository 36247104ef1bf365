using System.Collections.Generic;
using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit.Layers;

/// <summary>
/// Conv2D over NHWC images: im2col into a patch matrix, then the dense matrix kernel, so the output
/// comes out NHWC with no transpose. Kernel <c>(kh, kw, in, filters)</c> as Keras.
/// </summary>
internal sealed class Conv2DEmitter : LayerEmitter
{
    public static readonly Conv2DEmitter Instance = new();

    private const string Kernels = "global::ModelGen.Kernels.Conv2DKernels";

    public override (ActivationKind Activation, float Slope) Activation(LayerPlan layer)
    {
        var conv = (Conv2DSpec)layer.Spec;
        return (conv.Activation, conv.NegativeSlope);
    }

    public override void EmitFields(SourceWriter writer, LayerPlan layer)
    {
        var conv = (Conv2DSpec)layer.Spec;
        writer.Line($"private static readonly global::ModelGen.Kernels.Conv2DGeometry {Geometry(layer)} = global::ModelGen.Kernels.Conv2DGeometry.Create(" +
                    $"{layer.Input.Dimensions[0]}, {layer.Input.Dimensions[1]}, {Channels(layer)}, {conv.Filters}, {conv.KernelSize}, {conv.Stride}, {conv.Dilation}, global::ModelGen.Padding.{conv.Padding});");
    }

    public override IEnumerable<Workspace> Workspaces(LayerPlan layer) => [Patches(layer), PatchGradient(layer)];

    public override void EmitParameterViews(SourceWriter writer, LayerPlan layer)
    {
        var conv = (Conv2DSpec)layer.Spec;
        string pascal = new LayerNames(layer).Pascal;
        int kernelLength = KernelLength(layer);
        string shape = $"({conv.KernelSize}, {conv.KernelSize}, {Channels(layer)}, {conv.Filters})";
        EmitTrainedView(writer, pascal + "Kernel", $"{conv.Name} kernel, {shape}: kernel rows x kernel columns x input channels x filters.", layer.ParameterOffset, kernelLength);
        if (conv.UseBias)
            EmitTrainedView(writer, pascal + "Bias", $"{conv.Name} bias, ({conv.Filters}).", layer.ParameterOffset + kernelLength, conv.Filters);
    }

    public override void EmitInitialization(SourceWriter writer, LayerPlan layer)
    {
        var conv = (Conv2DSpec)layer.Spec;
        string pascal = new LayerNames(layer).Pascal;
        // Keras' fans for a convolution: receptive field times input channels, and times filters.
        int receptive = conv.KernelSize * conv.KernelSize;
        writer.Line($"global::ModelGen.Initializers.WeightInitializer.Initialize(global::ModelGen.Initializer.{conv.KernelInitializer}, " +
                    $"{pascal}Kernel, fanIn: {receptive * Channels(layer)}, fanOut: {receptive * conv.Filters}, random);");
        if (conv.UseBias) writer.Line($"{pascal}Bias.Clear();");
    }

    public override bool FusesRelu => true;

    public override void EmitForward(SourceWriter writer, LayerPlan layer, string input, string z, string batch, Pass pass)
    {
        string patches = WorkspaceSpan(layer, Patches(layer), pass);
        writer.Line($"{Kernels}.Forward({input}, {new LayerNames(layer).Pascal}Kernel, {Bias(layer)}, {z}, {patches}, {batch}, in {Geometry(layer)}{FusedReluArgument(layer)});");
    }

    public override bool TreatsSamplesApart => true;

    // The kernel gradient accumulates over a pass's chunks, so a share clears its range first (RunShare).
    public override void EmitBackward(SourceWriter writer, LayerPlan layer, string input, string gradient, string inputGradient, string batch, Pass pass)
    {
        var conv = (Conv2DSpec)layer.Spec;
        string pascal = new LayerNames(layer).Pascal;
        int kernelLength = KernelLength(layer);
        string kernelGradient = GradientView(layer, "Kernel", layer.ParameterOffset, kernelLength, pass);
        string biasGradient = conv.UseBias ? GradientView(layer, "Bias", layer.ParameterOffset + kernelLength, conv.Filters, pass) : "default";
        string patches = WorkspaceSpan(layer, Patches(layer), pass);
        string patchGradient = WorkspaceSpan(layer, PatchGradient(layer), pass);
        writer.Line($"{Kernels}.Backward({input}, {pascal}Kernel, {gradient}, {kernelGradient}, {biasGradient}, {inputGradient}, " +
                    $"{patches}, {patchGradient}, {batch}, in {Geometry(layer)});");
    }

    public override void EmitOnnx(SourceWriter writer, LayerPlan layer) =>
        writer.Line($"graph.Conv2D({NameLiteral(layer)}, {new LayerNames(layer).Pascal}Kernel, {Bias(layer)}, in {Geometry(layer)});");

    // Patches are built a chunk of samples at a time, so the runtime geometry sizes the batched buffers.
    private static Workspace Patches(LayerPlan layer) =>
        new("Patches", "float", PatchesPerSample(layer), "im2col patch matrix", BatchedLength: $"{Geometry(layer)}.WorkspaceLength(batchSize)");

    private static Workspace PatchGradient(LayerPlan layer) =>
        new("PatchGradient", "float", PatchesPerSample(layer), "dLoss/dPatches before col2im", UsedByPredict: false,
            BatchedLength: $"{Geometry(layer)}.WorkspaceLength(batchSize)");

    private static string Geometry(LayerPlan layer) => new LayerNames(layer).Pascal + "Geometry";

    private static int Channels(LayerPlan layer) => layer.Input.Dimensions[2];

    private static int KernelLength(LayerPlan layer)
    {
        var conv = (Conv2DSpec)layer.Spec;
        return conv.KernelSize * conv.KernelSize * Channels(layer) * conv.Filters;
    }

    // A 1x1 stride-1 convolution reads its input as the patch matrix directly (the kernels skip im2col).
    private static int PatchesPerSample(LayerPlan layer)
    {
        var conv = (Conv2DSpec)layer.Spec;
        if (conv.KernelSize == 1 && conv.Stride == 1) return 0;
        return layer.Output.Dimensions[0] * layer.Output.Dimensions[1] * conv.KernelSize * conv.KernelSize * Channels(layer);
    }

    private static string Bias(LayerPlan layer) =>
        ((Conv2DSpec)layer.Spec).UseBias ? new LayerNames(layer).Pascal + "Bias" : "default";
}
