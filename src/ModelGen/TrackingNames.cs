namespace ModelGen.Generator;

/// <summary>Names of pipeline steps, so tests can assert which ones ran or were cached.</summary>
internal static class TrackingNames
{
    public const string ModelSpecs = nameof(ModelSpecs);
    public const string WeightsFiles = nameof(WeightsFiles);
    public const string EmbeddingRequests = nameof(EmbeddingRequests);
}
