namespace ModelGen.Generator.Emit.Layers;

/// <summary>
/// Scratch memory a layer needs beyond its output and gradient buffers (convolution patches, pooling
/// argmax indices, dropout masks...): <see cref="PerSample"/> elements per sample of the batch.
/// Batched passes get a buffer grown with the batch; one-sample <c>Predict</c> gets its own,
/// allocated with the model, so neither allocates per call.
/// </summary>
/// <param name="Suffix">Appended to the layer's field prefix: <c>Patches</c> gives <c>_conv2d1Patches</c>.</param>
/// <param name="ElementType">C# element type, <c>float</c> or <c>int</c>.</param>
/// <param name="PerSample">Elements per sample.</param>
/// <param name="Description">What the buffer holds, for the field's comment.</param>
/// <param name="UsedByPredict">Whether one-sample inference needs it (masks and saved statistics are training-only).</param>
/// <param name="BatchedLength">
/// For a buffer that does not grow with the whole batch (convolution patches are built a chunk of
/// samples at a time): a C# expression of <c>batchSize</c> giving its length. Batched passes then get the whole buffer.
/// </param>
internal readonly record struct Workspace(string Suffix, string ElementType, int PerSample, string Description, bool UsedByPredict = true,
    string? BatchedLength = null);
