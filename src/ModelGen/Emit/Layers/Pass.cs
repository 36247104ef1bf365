namespace ModelGen.Generator.Emit.Layers;

/// <summary>Which pass a layer's statements are emitted into, and so how they index the model's buffers.</summary>
internal enum Pass
{
    /// <summary>One-sample <c>Predict</c>: its own small buffers, always inference.</summary>
    OneSample,

    /// <summary>A batched pass over samples <c>[0, batch)</c>: <c>RunForward</c>'s dense layers, <c>RunBackward</c>.</summary>
    Batch,

    /// <summary>
    /// <c>RunImageLayers</c> and <c>RunImageLayersBackward</c>: samples <c>[first, first + batch)</c> of the pass.
    /// Per-sample workspaces that backward reads (max pooling's argmax) are indexed from <c>first</c>, like the layer
    /// outputs; scratch (convolution patches) is the kernel's thread's own; parameter gradients accumulate into the
    /// local <c>gradients</c> (the model's, or a share's).
    /// </summary>
    Chunk,

    /// <summary>
    /// <c>RunShare</c> and <c>RunForwardShare</c>: samples <c>[first, first + batch)</c> of a training step or an
    /// inference pass split over the compute threads, indexed like <see cref="Chunk"/>; parameter gradients go to the share's own buffer, the local <c>gradients</c>,
    /// which each dense layer overwrites rather than accumulates into (the buffer is not cleared first; the image
    /// layers' range is, as their chunks accumulate).
    /// </summary>
    Share,
}
