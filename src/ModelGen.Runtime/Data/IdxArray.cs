namespace ModelGen.Data;

/// <summary>The values of an IDX file in row-major order, with the size of each dimension.</summary>
/// <param name="Dimensions">Sizes as the header lists them, outermost first: <c>[60000, 28, 28]</c> for MNIST's training images.</param>
/// <param name="Values">Every value, the last dimension varying fastest.</param>
public sealed record IdxArray<T>(int[] Dimensions, T[] Values);
