namespace ModelGen.Generator.Model;

/// <summary>
/// A mistake in a model declaration, found by parsing or shape inference. The generator emits
/// nothing for a model with problems; the analyzers report them on <see cref="AttributeIndex"/>.
/// </summary>
/// <param name="Id">Diagnostic id, for example <c>MG0005</c>.</param>
/// <param name="Message">The message, naming the shapes or values involved.</param>
/// <param name="AttributeIndex">Index into the class's attribute list, or -1 for the class itself.</param>
internal sealed record ModelProblem(string Id, string Message, int AttributeIndex);
