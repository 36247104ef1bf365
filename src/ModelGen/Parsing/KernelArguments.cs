using ModelGen.Generator.Model;

namespace ModelGen.Generator.Parsing;

/// <summary>
/// The arguments every layer with a kernel shares (Dense, Conv2D): activation, bias, initializer,
/// penalties and LeakyReLU's slope, read and range-checked once.
/// </summary>
internal readonly record struct KernelArguments(
    ActivationKind Activation, bool UseBias, InitializerKind Initializer, float L1, float L2, float NegativeSlope)
{
    /// <summary>Reads them, the activation being constructor argument <paramref name="activationIndex"/>.</summary>
    public static KernelArguments Read(AttributeArguments arguments, ArgumentChecks check, int activationIndex)
    {
        int activation = arguments.Constructor(activationIndex, 0), initializer = arguments.Named("KernelInitializer", 0);
        float l1 = arguments.Named("L1", 0f), l2 = arguments.Named("L2", 0f), slope = arguments.Named("NegativeSlope", 0.2f);
        check.Defined<ActivationKind>("activation", activation);
        check.Defined<InitializerKind>("KernelInitializer", initializer);
        check.NonNegative("L1", l1);
        check.NonNegative("L2", l2);
        check.NonNegative("NegativeSlope", slope);
        return new((ActivationKind)activation, arguments.Named("UseBias", true), (InitializerKind)initializer, l1, l2, slope);
    }
}
