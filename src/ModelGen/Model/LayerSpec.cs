namespace ModelGen.Generator.Model;

/// <summary>One layer as declared. Each layer kind is a derived record.</summary>
/// <param name="Name">Name in summaries, generated member names and weight files (<c>dense1</c>).</param>
/// <param name="AttributeIndex">Index of the declaring attribute in the class's attribute list.</param>
internal abstract record LayerSpec(string Name, int AttributeIndex)
{
    /// <summary>The Keras class name shown in summaries.</summary>
    public abstract string KindName { get; }
}
