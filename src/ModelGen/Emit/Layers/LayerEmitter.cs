using System.Collections.Generic;
using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit.Layers;

/// <summary>
/// Emits one layer kind: its parameter views and initialization, and its forward and backward
/// statements. Activations are emitted around these by <see cref="ActivationEmitter"/>.
/// </summary>
internal abstract class LayerEmitter
{
    /// <summary>The emitter for <paramref name="layer"/>'s kind; a new layer kind adds its line here.</summary>
    public static LayerEmitter For(LayerSpec layer) => Find(layer) ?? throw new System.NotSupportedException(layer.KindName);

    /// <summary>Whether code generation exists for <paramref name="layer"/>'s kind.</summary>
    public static bool Supports(LayerSpec layer) => Find(layer) is not null;

    private static LayerEmitter? Find(LayerSpec layer) => layer switch
    {
        DenseSpec => DenseEmitter.Instance,
        FlattenSpec or ReshapeSpec => ReshapeEmitter.Instance,
        Conv2DSpec => Conv2DEmitter.Instance,
        Pooling2DSpec => Pooling2DEmitter.Instance,
        GlobalAveragePooling2DSpec => GlobalAveragePooling2DEmitter.Instance,
        DropoutSpec => DropoutEmitter.Instance,
        BatchNormalizationSpec => BatchNormalizationEmitter.Instance,
        _ => null,
    };

    /// <summary>The activation applied after the layer's own computation, and LeakyReLU's slope.</summary>
    public virtual (ActivationKind Activation, float Slope) Activation(LayerPlan layer) => (ActivationKind.Linear, 0f);

    /// <summary>
    /// Whether the layer's forward clamps a ReLU into its own stores (the runtime kernel's <c>relu</c>
    /// argument), so the output takes one pass over memory rather than two.
    /// </summary>
    public virtual bool FusesRelu => false;

    /// <summary>The <c>relu: true</c> argument for a kernel call when <paramref name="layer"/>'s ReLU is fused, else nothing.</summary>
    protected string FusedReluArgument(LayerPlan layer) =>
        FusesRelu && Activation(layer).Activation == ActivationKind.ReLU ? ", relu: true" : "";

    /// <summary>
    /// Whether the layer computes every sample apart from the others and shares no scratch between them, so
    /// that a training step may run shares of the batch on separate threads (<see cref="Pass.Share"/>).
    /// </summary>
    public virtual bool TreatsSamplesApart => false;

    /// <summary>
    /// Whether the layer's output is its input's values unchanged (a new shape only), so that after another layer it
    /// can use that layer's output and gradient buffers as its own and its passes have nothing to do.
    /// </summary>
    public virtual bool KeepsInputValues => false;

    /// <summary>Public span properties over the layer's parameters and their gradients.</summary>
    public abstract void EmitParameterViews(SourceWriter writer, LayerPlan layer);

    /// <summary>Statements that initialize the parameters from the local <c>random</c>.</summary>
    public abstract void EmitInitialization(SourceWriter writer, LayerPlan layer);

    /// <summary>Fields the layer's statements need beyond its buffers (a window geometry, a random stream).</summary>
    public virtual void EmitFields(SourceWriter writer, LayerPlan layer) { }

    /// <summary>Scratch buffers the layer's statements use; see <see cref="Workspace"/>.</summary>
    public virtual IEnumerable<Workspace> Workspaces(LayerPlan layer) => [];

    /// <summary>
    /// Statements writing the pre-activation output <paramref name="z"/> from <paramref name="input"/>.
    /// Batched passes have a local <c>bool training</c> in scope (and <see cref="Pass.Chunk"/> a local
    /// <c>int first</c>); one-sample <c>Predict</c> (<see cref="Pass.OneSample"/>) is always inference.
    /// </summary>
    public abstract void EmitForward(SourceWriter writer, LayerPlan layer, string input, string z, string batch, Pass pass);

    /// <summary>
    /// Statements that, given dLoss/dZ in <paramref name="gradient"/>, accumulate the parameter gradients
    /// and overwrite <paramref name="inputGradient"/> (skipped when that span is empty). <paramref name="pass"/> is
    /// <see cref="Pass.Batch"/>, or <see cref="Pass.Share"/> for layers that <see cref="TreatsSamplesApart"/>.
    /// </summary>
    public abstract void EmitBackward(SourceWriter writer, LayerPlan layer, string input, string gradient, string inputGradient, string batch, Pass pass);

    /// <summary>
    /// Statements that append the layer's inference computation, before its activation, to the local
    /// <c>graph</c> (a <c>ModelGen.IO.Onnx.OnnxGraphBuilder</c>) in <c>ExportOnnx</c>.
    /// </summary>
    public abstract void EmitOnnx(SourceWriter writer, LayerPlan layer);

    /// <summary>
    /// A public span over one trained tensor in <c>_parameters</c>, and its twin over <c>_gradients</c>:
    /// every kind with parameters names them this way (<c>Dense1Kernel</c>, <c>Dense1KernelGradient</c>).
    /// </summary>
    protected static void EmitTrainedView(SourceWriter writer, string member, string summary, int offset, int length) =>
        writer.Line($$"""
            /// <summary>{{summary}}</summary>
            public global::System.Span<float> {{member}} => new global::System.Span<float>(_parameters, {{offset}}, {{length}});
            /// <summary>Gradient of the loss with respect to <see cref="{{member}}"/>.</summary>
            public global::System.Span<float> {{member}}Gradient => new global::System.Span<float>(_gradients, {{offset}}, {{length}});
            """);

    /// <summary>
    /// The gradient twin of a trained tensor: its public view (<c>Dense1KernelGradient</c>), or in a
    /// <see cref="Pass.Chunk"/> or <see cref="Pass.Share"/> the same range of the local <c>gradients</c> buffer
    /// (the model's own, or a share's).
    /// </summary>
    protected static string GradientView(LayerPlan layer, string member, int offset, int length, Pass pass) => pass is Pass.Share or Pass.Chunk
        ? $"new global::System.Span<float>(gradients, {offset}, {length})"
        : new LayerNames(layer).Pascal + member + "Gradient";

    /// <summary>The layer's name as a C# string literal, for the ONNX graph's node and initializer names.</summary>
    protected static string NameLiteral(LayerPlan layer) => Literals.String(layer.Spec.Name);

    /// <summary>
    /// A span over <paramref name="workspace"/>: the pass's samples, the whole scratch buffer, or <c>Predict</c>'s own
    /// buffer; for scratch in a <see cref="Pass.Chunk"/> or <see cref="Pass.Share"/>, none (<c>default</c>), so the
    /// kernel takes its thread's own: shares run the same layer on several threads at once.
    /// </summary>
    protected static string WorkspaceSpan(LayerPlan layer, Workspace workspace, Pass pass)
    {
        var names = new LayerNames(layer);
        if (pass == Pass.OneSample) return $"new global::System.Span<{workspace.ElementType}>({names.PredictWorkspaceField(workspace.Suffix)})";
        if (workspace.BatchedLength is not null && pass is Pass.Chunk or Pass.Share) return "default";
        if (workspace.BatchedLength is not null) return $"new global::System.Span<{workspace.ElementType}>({names.WorkspaceField(workspace.Suffix)})";
        string first = pass is Pass.Chunk or Pass.Share ? $"first * {workspace.PerSample}" : "0";
        return $"new global::System.Span<{workspace.ElementType}>({names.WorkspaceField(workspace.Suffix)}, {first}, batch * {workspace.PerSample})";
    }
}
