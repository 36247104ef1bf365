using System.Linq;
using ModelGen.Generator.Emit.Layers;
using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit;

// Training steps and inference passes split over the compute threads by samples (RunShare, RunForwardShare), and an
// MLP's wide first kernel split by rows within such a step (DenseRowSplit).
internal sealed partial class ModelEmitter
{
    /// <summary>Whether every layer treats samples apart, so that a training step may split its batch over the compute threads.</summary>
    private bool SplitsTrainingBatch => _plan.Layers.All(layer => LayerEmitter.For(layer.Spec).TreatsSamplesApart);

    /// <summary>The forward pass's multiply-adds per sample (dense and convolution layers'), which decide whether splitting a step pays.</summary>
    private long MultiplyAddsPerSample => _plan.Layers.Sum(layer => layer.Spec switch
    {
        DenseSpec dense => (long)layer.Input.Length * dense.Units,
        Conv2DSpec conv => (long)layer.Output.Length * conv.KernelSize * conv.KernelSize * layer.Input.Dimensions[2],
        _ => 0L,
    });

    private string SplitCheck => !SplitsTrainingBatch ? "" : $$"""

            int shares = global::ModelGen.Kernels.BatchShares.Count(batch, multiplyAddsPerSample: {{MultiplyAddsPerSample}});
            stepped = shares > 1 && optimizer is not null;
            if (shares > 1) return ComputeLossAndGradientsInShares(inputs, targets, batch, shares, optimizer);
        """;

    private void EmitSplitStep()
    {
        _writer.Line("""
            // Each share of the batch runs the whole step on its own thread (RunShare), into its own gradient buffer;
            // then each thread sums a range of the buffers and, given an optimizer, updates that range of parameters.
            // Splitting each matrix product instead left a small model's step with a fork-join per product and its
            // element-wise passes, loss and small products on one thread.
            """);
        _writer.Open("private float ComputeLossAndGradientsInShares(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, int batch, int shares, global::ModelGen.Optimizers.Optimizer? optimizer)");
        _writer.Line($$"""
            EnsureBatchCapacity(batch);
            global::ModelGen.Kernels.BatchShares.Grow(ref _shareGradients, ref _shareLosses, shares, ParameterCount);{{GrowPartialSums}}
            _batch = batch;
            _training = true;
            _inputsKept = true;
            shares = global::ModelGen.Kernels.BatchShares.Run(this, inputs, InputLength, targets, batch, shares, _gradients, _shareGradients, optimizer);
            double loss = 0;
            for (int share = 0; share < shares; share++) loss += _shareLosses[share];
            return (float)(loss / batch);
            """);
        _writer.Close();
        _writer.Line();

        var last = new LayerNames(Last);
        string outputs = Slice(last.OutputField, Last, chunked: true);
        string logits = KeepsPreActivation(Last) ? Slice(last.PreActivationField, Last, chunked: true) : outputs;
        _writer.Line("// One share of a split training step: samples [first, first + batch) forward, through the loss and back.");
        _writer.Open("void global::ModelGen.Kernels.IBatchShare.RunShare(int share, int shares, int first, int batch, global::System.ReadOnlySpan<float> batchInputs, global::System.ReadOnlySpan<float> batchTargets)");
        int chunkedBackward = BackwardChunkedLayers();
        _writer.Line(chunkedBackward == 0
            ? "// Each layer overwrites its own range of the share's gradients: the buffer needs no clearing."
            : "// Each layer after the image layers overwrites its own range of the share's gradients; theirs is cleared below.");
        _writer.Line("""
            float[] gradients = share == 0 ? _gradients : _shareGradients[share - 1];
            var inputs = batchInputs.Slice(first * InputLength, batch * InputLength);
            var targets = batchTargets.Slice(first * TargetLength, batch * TargetLength);
            // The share keeps its own inputs for Backward, on the thread that reads them there.
            inputs.CopyTo(new global::System.Span<float>(_input, first * InputLength, batch * InputLength));

            """);
        if (SplitsFirstKernelByRows)
        {
            EmitFirstLayerByRowsForward();
            EmitForwardLayers(1, _plan.Layers.Count, new LayerNames(_plan.Layers[0]).OutputLocal, Pass.Share);
        }
        else _writer.Line("RunForwardShare(first, batch, inputs, training: true);");
        _writer.Line();
        _writer.Line(LossEmitter.Comment(_plan));
        _writer.Line($"var lossGradient = {Slice(last.GradientField, Last, chunked: true)};");
        _writer.Line($"float loss = {LossEmitter.Call(_plan, outputs, logits, "targets", "lossGradient")};");
        _writer.Line("""
            // Both were averaged over the share; the step averages over all of its samples.
            _shareLosses[share] = (double)loss * batch;
            global::ModelGen.Kernels.BatchShares.Rescale(lossGradient, batch, _batch);
            """);
        _writer.Line();
        EmitBackwardLayers(Pass.Share, from: SplitsFirstKernelByRows ? 1 : chunkedBackward);
        if (SplitsFirstKernelByRows) EmitFirstLayerByRowsBackward();
        if (chunkedBackward > 0)
        {
            int trained = _plan.Layers[chunkedBackward].ParameterOffset;
            _writer.Line();
            _writer.Line($"// The image layers go back {BackwardChunk} samples at a time, as in RunBackward.");
            if (trained > 0)
                _writer.Line($"""
                    // Their parameter gradients accumulate over the chunks, so they start from zero.
                    new global::System.Span<float>(gradients, 0, {trained}).Clear();
                    """);
            EmitImageLayersBackInChunks($"{BackwardChunk}", "first", "default", "gradients");
        }
        _writer.Close();
        _writer.Line();
    }

    /// <summary>
    /// <c>RunForwardShare</c>, every layer forward over one share of a split pass (training's <c>RunShare</c> calls it),
    /// and <c>RunInferenceShare</c>, an inference pass's share.
    /// </summary>
    private void EmitForwardShare()
    {
        _writer.Line("// Samples [first, first + batch) of a pass split over the compute threads, forward.");
        _writer.Open("private void RunForwardShare(int first, int batch, global::System.ReadOnlySpan<float> inputs, bool training)");
        int imageLayers = ChunkedImageLayers();
        if (imageLayers == 0) EmitForwardLayers(0, _plan.Layers.Count, "inputs", Pass.Share);
        else
        {
            _writer.Line($"// The image layers run {ImageChunk(imageLayers)} samples at a time, as in RunForward.");
            EmitImageLayersInChunks($"{ImageChunk(imageLayers)}", "first", Pass.Share);
        }
        _writer.Close();
        _writer.Line();
        _writer.Line("""
            void global::ModelGen.Kernels.IBatchShare.RunInferenceShare(int first, int batch, global::System.ReadOnlySpan<float> inputs) =>
                RunForwardShare(first, batch, inputs, training: false);

            """);
    }

    // From this many input features a split step splits the first kernel by rows: it then ships each share's
    // batch x units partial sums and output gradients between cores instead of its inputs x units kernel and gradients,
    // less from here at the batches training uses (up to 256). An MNIST MLP's step at batch 128 ships a sixth as much.
    private const int MinimumRowsToSplit = 256;

    /// <summary>
    /// Whether a split step splits the first layer's kernel by rows (<c>DenseRowSplit</c>): a multilayer perceptron,
    /// Dense layers only, whose first layer is wide and not the output layer.
    /// </summary>
    private bool SplitsFirstKernelByRows =>
        SplitsTrainingBatch && _plan.Layers.Count > 1 && _plan.Layers.All(layer => layer.Spec is DenseSpec)
        && _plan.Layers[0].Input.Length >= MinimumRowsToSplit;

    private string GrowPartialSums
    {
        get
        {
            if (!SplitsFirstKernelByRows) return "";
            LayerPlan first = _plan.Layers[0];
            return $"\nglobal::ModelGen.Kernels.BatchShares.GrowPartialSums(ref {new LayerNames(first).PartialSumsField}, shares, batch * {first.Output.Length});";
        }
    }

    /// <summary>The first layer's forward in a step that splits its kernel by rows: the share's rows over the batch, then its samples' sums.</summary>
    private void EmitFirstLayerByRowsForward()
    {
        LayerPlan layer = _plan.Layers[0];
        var dense = (DenseSpec)layer.Spec;
        var names = new LayerNames(layer);
        int inputs = layer.Input.Length, units = dense.Units;
        string sumsField = KeepsPreActivation(layer) ? names.PreActivationField : names.OutputField;
        string bias = dense.UseBias ? names.Pascal + "Bias" : "default";
        bool relu = dense.Activation == ActivationKind.ReLU;
        _writer.Line($$"""
            {{LayerComment(layer, batched: true)}}, its kernel split by rows over the shares (DenseRowSplit): this
            // share's rows over the whole batch, then, once every share has its sums, all of them for this share's samples.
            var (rowStart, rowEnd) = global::ModelGen.Kernels.DenseRowSplit.Rows({{inputs}}, share, shares);
            float[] partialSums = share == 0 ? {{sumsField}} : {{names.PartialSumsField}}[share - 1];
            global::ModelGen.Kernels.DenseRowSplit.PartialSums(batchInputs, {{names.Pascal}}Kernel, new global::System.Span<float>(partialSums, 0, _batch * {{units}}), _batch, {{inputs}}, {{units}}, rowStart, rowEnd);
            global::ModelGen.Kernels.BatchShares.WaitForEveryShare(shares);
            global::ModelGen.Kernels.DenseRowSplit.AddPartialSums({{sumsField}}, {{names.PartialSumsField}}, shares, {{bias}}, first, batch, {{units}}, relu: {{(relu ? "true" : "false")}});
            var {{names.OutputLocal}} = {{Slice(names.OutputField, layer, chunked: true)}};
            """);
        string? call = relu ? null : ActivationEmitter.Forward(dense.Activation, dense.NegativeSlope,
            Slice(sumsField, layer, chunked: true), names.OutputLocal, layer.Output.Length);
        if (call is not null) _writer.Line(call);
        _writer.Line();
    }

    /// <summary>
    /// The first layer's backward in a step that splits its kernel by rows: the activation's and the bias's over the share's
    /// samples, then, once every share has its samples' output gradients, the share's kernel rows over the whole batch.
    /// </summary>
    private void EmitFirstLayerByRowsBackward()
    {
        LayerPlan layer = _plan.Layers[0];
        var dense = (DenseSpec)layer.Spec;
        var names = new LayerNames(layer);
        int inputs = layer.Input.Length, units = dense.Units, kernelLength = inputs * units;
        string gradient = names.GradientLocal;
        _writer.Line();
        _writer.Line($"{LayerComment(layer, batched: true)}, its kernel split by rows over the shares");
        _writer.Line($"var {gradient} = {Slice(names.GradientField, layer, chunked: true)};");
        string z = KeepsPreActivation(layer) ? Slice(names.PreActivationField, layer, chunked: true) : Slice(names.OutputField, layer, chunked: true);
        string? call = ActivationEmitter.Backward(dense.Activation, dense.NegativeSlope, z, Slice(names.OutputField, layer, chunked: true), gradient, units);
        if (call is not null) _writer.Line(call);
        if (dense.UseBias)
            _writer.Line($"global::ModelGen.Kernels.DenseRowSplit.BiasGradient({gradient}, new global::System.Span<float>(gradients, {layer.ParameterOffset + kernelLength}, {units}), batch, {units});");
        _writer.Line($$"""
            // Its rows' gradients over the whole batch go straight into the model's: no other share writes them.
            global::ModelGen.Kernels.BatchShares.WaitForEveryShare(shares);
            global::ModelGen.Kernels.DenseRowSplit.KernelGradient(batchInputs, new global::System.Span<float>({{names.GradientField}}, 0, _batch * {{units}}), new global::System.Span<float>(_gradients, {{layer.ParameterOffset}}, {{kernelLength}}), _batch, {{inputs}}, {{units}}, rowStart, rowEnd);
            """);
    }

    /// <summary>
    /// <c>IBatchShare.KernelRowsSplit</c> for a model whose split step splits its first kernel by rows (its partial sums'
    /// field is emitted with the other fields); the interface's default, no split, serves the others.
    /// </summary>
    private void EmitRowSplitMembers()
    {
        if (!SplitsFirstKernelByRows) return;
        LayerPlan layer = _plan.Layers[0];
        _writer.Line($"""
            (int Rows, int RowLength) global::ModelGen.Kernels.IBatchShare.KernelRowsSplit => ({layer.Input.Length}, {((DenseSpec)layer.Spec).Units});

            """);
    }
}
