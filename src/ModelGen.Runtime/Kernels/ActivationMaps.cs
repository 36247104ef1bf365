using System.Runtime.Intrinsics;

namespace ModelGen.Kernels;

/// <summary><c>(z, _) -> z &gt; 0 ? z : slope * z</c>.</summary>
internal readonly struct LeakyReluMap(float slope) : IBinaryMap
{
    public Vector512<float> Apply(Vector512<float> z, Vector512<float> unused) => Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, z * slope);
    public Vector256<float> Apply(Vector256<float> z, Vector256<float> unused) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, z * slope);
    public Vector128<float> Apply(Vector128<float> z, Vector128<float> unused) => Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, z * slope);
    public float Apply(float z, float unused) => z > 0f ? z : z * slope;
}

/// <summary><c>(a, dA) -> a &gt; 0 ? dA : slope * dA</c>; slope 0 gives ReLU's derivative.</summary>
internal readonly struct LeakyReluGradientMap(float slope) : IBinaryMap
{
    public Vector512<float> Apply(Vector512<float> a, Vector512<float> g) => Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<float>.Zero), g, g * slope);
    public Vector256<float> Apply(Vector256<float> a, Vector256<float> g) => Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero), g, g * slope);
    public Vector128<float> Apply(Vector128<float> a, Vector128<float> g) => Vector128.ConditionalSelect(Vector128.GreaterThan(a, Vector128<float>.Zero), g, g * slope);
    public float Apply(float a, float g) => a > 0f ? g : g * slope;
}

/// <summary><c>(a, dA) -> dA * a * (1 - a)</c>.</summary>
internal readonly struct SigmoidGradientMap : IBinaryMap
{
    public Vector512<float> Apply(Vector512<float> a, Vector512<float> g) => g * a * (Vector512<float>.One - a);
    public Vector256<float> Apply(Vector256<float> a, Vector256<float> g) => g * a * (Vector256<float>.One - a);
    public Vector128<float> Apply(Vector128<float> a, Vector128<float> g) => g * a * (Vector128<float>.One - a);
    public float Apply(float a, float g) => g * a * (1f - a);
}

/// <summary><c>(a, dA) -> dA * (1 - a²)</c>.</summary>
internal readonly struct TanhGradientMap : IBinaryMap
{
    public Vector512<float> Apply(Vector512<float> a, Vector512<float> g) => g * (Vector512<float>.One - a * a);
    public Vector256<float> Apply(Vector256<float> a, Vector256<float> g) => g * (Vector256<float>.One - a * a);
    public Vector128<float> Apply(Vector128<float> a, Vector128<float> g) => g * (Vector128<float>.One - a * a);
    public float Apply(float a, float g) => g * (1f - a * a);
}
