/// <summary>
/// Folds a fitted <see cref="ModelGen.Data.StandardScaler"/> into the first Dense layer, so the model
/// takes raw measurements: dense1 saw <c>(x - mean) / scale</c>, which equals
/// <c>x · (W / scale) + (b - Σᵢ meanᵢ · Wᵢ / scaleᵢ)</c>. The inference sample embeds the folded
/// weights and needs no scaler at run time.
/// </summary>
internal static class StandardizationFolding
{
    public static void Fold(BreastCancerClassifier model, ModelGen.Data.StandardScaler scaler)
    {
        Span<float> kernel = model.Dense1Kernel, bias = model.Dense1Bias;
        int units = bias.Length;
        for (int input = 0; input < scaler.Mean.Length; input++)
        {
            for (int unit = 0; unit < units; unit++)
            {
                double weight = kernel[input * units + unit] / scaler.Scale[input];
                kernel[input * units + unit] = (float)weight;
                bias[unit] -= (float)(scaler.Mean[input] * weight);
            }
        }
    }
}
