namespace ModelGen.Generator.Model;

/// <summary>An <c>[EmbeddedWeights(path)]</c> declaration: the weights file to embed, as the user wrote it.</summary>
/// <param name="Path">The declared path, matched against the end of the additional files' paths.</param>
/// <param name="AttributeIndex">Index of the attribute in the class's attribute list, where problems are reported.</param>
internal sealed record EmbeddedWeightsSpec(string Path, int AttributeIndex);
