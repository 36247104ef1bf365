namespace ModelGen;

/// <summary>
/// Embeds a trained safetensors file in the assembly at build time. The generator checks the file
/// against the declared layers (a missing file, a missing tensor or a wrong shape is a compile-time
/// error), stores the tensors as read-only data in the image, and adds <c>FromEmbeddedWeights()</c>,
/// which creates the model with them: no weights file is needed at run time.
/// </summary>
/// <remarks>
/// The project must list the file as an additional file:
/// <code>&lt;AdditionalFiles Include="fashion-cnn.safetensors" /&gt;</code>
/// <paramref name="path"/> is matched against the end of each additional file's path, so
/// <c>"fashion-cnn.safetensors"</c> or <c>"weights/fashion-cnn.safetensors"</c> both work.
/// </remarks>
/// <param name="path">The weights file, as written by <c>SafeTensors.Save</c> or PyTorch's <c>safetensors.torch.save_file</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class EmbeddedWeightsAttribute(string path) : Attribute
{
    /// <summary>The weights file, matched against the end of the additional files' paths.</summary>
    public string Path { get; } = path;
}
