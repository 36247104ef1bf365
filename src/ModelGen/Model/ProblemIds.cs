namespace ModelGen.Generator.Model;

/// <summary>How bad a problem is. Only errors stop the generator.</summary>
internal enum ProblemSeverity { Error, Warning, Info }

/// <summary>A repair the code fixes know how to make.</summary>
internal enum ProblemFix { None, InsertFlatten }

/// <summary>
/// Diagnostic ids of model-declaration problems, shared by the generator and the analyzers. Each id
/// has one severity, and a page in <c>docs/diagnostics/</c>.
/// </summary>
internal static class ProblemIds
{
    public const string NotPartial = "MG0001";
    public const string ContainingTypeNotPartial = "MG0002";
    public const string GenericModel = "MG0003";
    public const string MissingInput = "MG0004";
    public const string InvalidInputShape = "MG0005";
    public const string ArgumentOutOfRange = "MG0006";
    public const string LayerDoesNotFitShape = "MG0007";
    public const string WindowDoesNotTile = "MG0008";
    public const string OutputDoesNotMatchLoss = "MG0009";
    public const string LargeModel = "MG0010";
    public const string WrongLengthAtCallSite = "MG0011";
    public const string NoLayers = "MG0012";
    public const string InvalidLayerName = "MG0013";
    public const string UnknownLayer = "MG0014";
    public const string OutputMayNotMatchLoss = "MG0015";
    public const string UnsupportedModelKind = "MG0016";
    public const string WeightsFileNotFound = "MG0017";
    public const string WeightsFileUnreadable = "MG0018";
    public const string WeightsTensorMissing = "MG0019";
    public const string WeightsTensorMismatch = "MG0020";
    public const string WeightsTensorUnused = "MG0021";

    public static ProblemSeverity SeverityOf(string id) => id switch
    {
        WindowDoesNotTile or OutputMayNotMatchLoss or WeightsTensorUnused => ProblemSeverity.Warning,
        LargeModel => ProblemSeverity.Info,
        _ => ProblemSeverity.Error,
    };
}
