namespace ModelGen.Generator.Model;

/// <summary>
/// A mistake in a model declaration, found by parsing or shape inference. The generator emits
/// nothing for a model with an error; the analyzers report every problem at its source.
/// </summary>
/// <param name="Id">Diagnostic id, for example <c>MG0005</c>; it fixes the severity.</param>
/// <param name="Message">The message, naming the shapes or values involved.</param>
/// <param name="AttributeIndex">Index into the class's attribute list, or -1 for the class itself.</param>
/// <param name="Argument">
/// The attribute argument at fault, by parameter or property name (<c>units</c>, <c>Stride</c>),
/// with an element index for <c>params</c> arrays (<c>shape[2]</c>); null for the whole attribute.
/// </param>
/// <param name="Fix">A repair a code fix can make.</param>
internal sealed record ModelProblem(string Id, string Message, int AttributeIndex, string? Argument = null, ProblemFix Fix = ProblemFix.None)
{
    public ProblemSeverity Severity => ProblemIds.SeverityOf(Id);
}
