namespace ModelGen.Generator.Model;

/// <summary>Diagnostic ids of model-declaration problems, shared by the generator and the analyzers.</summary>
internal static class ProblemIds
{
    public const string NotPartial = "MG0001";
    public const string ContainingTypeNotPartial = "MG0002";
    public const string GenericModel = "MG0003";
    public const string MissingInput = "MG0004";
    public const string InvalidInputShape = "MG0005";
    public const string ArgumentOutOfRange = "MG0006";
    public const string LayerDoesNotFitShape = "MG0007";
    public const string OutputDoesNotMatchLoss = "MG0009";
    public const string NoLayers = "MG0012";
    public const string InvalidLayerName = "MG0013";
}
