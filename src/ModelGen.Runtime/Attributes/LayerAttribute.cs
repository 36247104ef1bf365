namespace ModelGen;

/// <summary>
/// Base of every layer attribute. Layers run in the order their attributes are declared.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public abstract class LayerAttribute : Attribute
{
    /// <summary>
    /// The layer's name in summaries and weight files (<c>dense1.weight</c>). Defaults to the
    /// kind and its 1-based index among layers of that kind.
    /// </summary>
    public string? Name { get; set; }
}
