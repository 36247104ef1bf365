using System.Globalization;
using System.Text;

namespace ModelGen.Generator.Tests.Generation;

/// <summary>
/// Writes one random model declaration per seed for <see cref="FuzzTests"/>: a file holding one
/// <c>[Model]</c> type, <c>Model{seed}</c>, with up to eight layers of any kinds in any order.
/// </summary>
/// <remarks>
/// Each declaration has a <see cref="Flavor"/>. Whatever the flavor, names are sometimes C#
/// keywords or clash with the generated code, and the declaration is sometimes an odd form (not
/// partial, generic, static, file-local, a struct, record or interface, nested in such types, split
/// over two partial declarations). The same seed always writes the same file, so a failing seed
/// reproduces on its own.
/// </remarks>
internal sealed class RandomModelSource
{
    /// <summary>
    /// Layer names the parser accepts: ordinary ones, ones that clash with the default names, C#
    /// keywords, and the names of parameters and locals in the generated code.
    /// </summary>
    private static readonly string[] IdentifierNames =
    [
        "\"hidden\"", "\"Hidden\"", "\"dense1\"", "\"dense2\"", "\"Dense1\"", "\"flatten1\"", "\"x\"", "\"_\"", "\"_x1\"", "\"é\"",
        "\"class\"", "\"int\"", "\"this\"", "\"var\"", "\"input\"", "\"output\"", "\"inputs\"", "\"outputs\"", "\"scratch\"",
        "\"batch\"", "\"random\"", "\"seed\"", "\"targets\"", "\"loss\"", "\"parameters\"", "\"gradients\"",
    ];

    /// <summary>Layer names that are not identifiers.</summary>
    private static readonly string[] InvalidNames = ["\"\"", "\"1x\"", "\"a b\"", "\"a-b\"", "\" \"", "\"x\\ny\"", "null"];

    /// <summary>Attributes that do not compile, or not yet: what the generator sees while the user types.</summary>
    private static readonly string[] BrokenAttributes =
    [
        "Dense(", "Dense(]", "Dense(\"x\")", "Dense(units: )", "Dense(4, Activation.)", "Dense(4, Activation.Nope)",
        "Dense(4, Name: \"x\")", "Dense(units: 4, units: 5)", "Dense(4, UseBias = \"yes\")", "Dense(Units = 4)",
        "Dense(4, Activation.ReLU, 7)", "Dense(int.MaxValue + 1)", "Dense(4, (Activation)\"x\")", "Dense(4, L1 = 1e40f)",
        "Dense(Missing.Constant)", "Dense(4", "Dense", "Dense(4.5)", "Dense(4, 3)", "Conv2D(8, 3, Stride = )", "Conv2D(8)",
        "Reshape(2, , 3)", "Reshape(\"2\")", "Reshape(null)", "Input(4,", "Input(\"a\")", "Input(null)", "Dropout", "Dropout(0.5)",
        "Dropout(\"half\")", "BatchNormalization(Momentum = )", "Model(Loss = Loss.Nope)", "Model(Loss = )", "Frobnicate(3)",
        "Frobnicate", "MaxPool2D(Stride = Padding.Same)", "", ",",
    ];

    /// <summary>How the attributes of one declaration are drawn.</summary>
    private enum Flavor
    {
        /// <summary>Multilayer perceptrons of ordinary sizes, so that the generator has models to emit.</summary>
        Plausible,
        /// <summary>The same stacks at the edges of the valid range (sizes near int.MaxValue, penalties near float.MaxValue), where arithmetic overflows.</summary>
        Extreme,
        /// <summary>
        /// Any layers in any order, with arguments mostly plausible and often nonsense (zero, negative,
        /// int.MinValue, shapes whose product overflows, enum casts out of range, NaN, infinities, invalid
        /// names) and sometimes half-typed, as the IDE runs the generator on code being typed.
        /// </summary>
        Random,
    }

    private readonly Random _random;
    private readonly int _seed;
    private readonly Flavor _flavor;
    private readonly StringBuilder _text = new();
    private bool _declaresCustomLayers;

    private RandomModelSource(int seed)
    {
        (_random, _seed) = (new Random(seed), seed);
        double draw = _random.NextDouble();
        _flavor = draw < 0.3 ? Flavor.Plausible : draw < 0.45 ? Flavor.Extreme : Flavor.Random;
    }

    /// <summary>The source file for <paramref name="seed"/>; its model class is named <c>Model{seed}</c>.</summary>
    public static string Declaration(int seed) => new RandomModelSource(seed).Write();

    private string Write()
    {
        List<string> attributes = _flavor == Flavor.Random ? RandomAttributes() : StackAttributes();

        _text.Append("using ModelGen;\n");
        string? namespaceKind = Pick<string?>("file", "file", "file", "block", null);
        if (namespaceKind == "file") _text.Append($"namespace Fuzz{_seed};\n");
        if (namespaceKind == "block") _text.Append($"namespace Fuzz{_seed}\n{{\n");
        if (_declaresCustomLayers)
        {
            _text.Append($"public sealed class Custom{_seed}Attribute : LayerAttribute;\n");
            _text.Append($"public sealed class Pool{_seed}Attribute() : Pooling2DAttribute(3);\n");
        }

        string[] containers = Chance(0.75) ? [] : Containers();
        foreach (string container in containers) _text.Append(container).Append("\n{\n");
        WriteModel(attributes, ModelKeywords());
        foreach (string _ in containers) _text.Append("}\n");

        if (namespaceKind == "block") _text.Append("}\n");
        return _text.ToString();
    }

    private void WriteModel(List<string> attributes, string keywords)
    {
        string name = $"Model{_seed}" + (Chance(0.05) ? "<T>" : "");
        string body = Chance(0.8) ? ";" : " { }";
        if (attributes.Count > 1 && Chance(0.05))
        {
            // One model split over two partial declarations, each with some of its attributes.
            int split = _random.Next(1, attributes.Count);
            WriteAttributes(attributes.Take(split).ToList());
            _text.Append($"{keywords} {name}{body}\n");
            var rest = attributes.Skip(split).ToList();
            // Sometimes [Model] on both, as a paste leaves it: an error (CS0579), but no reason to throw.
            if (Chance(0.3)) rest.Insert(0, "Model");
            WriteAttributes(rest);
            _text.Append($"{keywords} {name}{body}\n");
            return;
        }
        WriteAttributes(attributes);
        _text.Append($"{keywords} {name}{body}\n");
    }

    private void WriteAttributes(List<string> attributes)
    {
        // Mostly one attribute per list, as people write them; sometimes several in one list.
        int i = 0;
        while (i < attributes.Count)
        {
            int count = Chance(0.85) ? 1 : _random.Next(1, attributes.Count - i + 1);
            _text.Append('[').Append(string.Join(", ", attributes.Skip(i).Take(count))).Append("]\n");
            i += count;
        }
    }

    /// <summary>A stack of the layers that have emitters: [Input], then Dense layers with the odd Flatten or Reshape.</summary>
    private List<string> StackAttributes()
    {
        var attributes = new List<string> { ModelAttribute() };
        bool image = Chance(0.2);
        attributes.Add(image ? $"Input({Size()}, {Size()})" : $"Input({Size()})");
        if (image) attributes.Add("Flatten");
        int layers = _random.Next(1, 5);
        for (int i = 0; i < layers; i++)
            attributes.Add(_flavor == Flavor.Plausible || Chance(0.7) ? Dense() : Pick("Flatten", $"Reshape({Size()})"));
        return attributes;
    }

    private List<string> RandomAttributes()
    {
        var attributes = new List<string>();
        if (Chance(0.97)) attributes.Add(ModelAttribute());
        if (Chance(0.88)) attributes.Add($"Input({Shape()})");
        if (Chance(0.03)) attributes.Add($"Input({Shape()})");
        int layers = _random.Next(0, 9);
        for (int i = 0; i < layers; i++) attributes.Add(Layer());
        // [Model] and [Input] usually come first, but the order of non-layer attributes is free.
        if (Chance(0.1) && attributes.Count > 1)
        {
            int from = _random.Next(attributes.Count), to = _random.Next(attributes.Count);
            (attributes[from], attributes[to]) = (attributes[to], attributes[from]);
        }
        return attributes;
    }

    private string ModelAttribute()
    {
        string name = Pick("Model", "Model", "Model", "ModelGen.Model", "global::ModelGen.ModelAttribute");
        var arguments = new List<string>();
        if (Chance(0.4)) arguments.Add($"Loss = {Loss()}");
        arguments.AddRange(Named(("L1", Float), ("L2", Float), ("Classes", Size)));
        return Call(name, arguments);
    }

    private string Layer() => _random.Next(13) switch
    {
        0 or 1 or 2 => Dense(),
        3 => Conv2D(),
        4 => Pooling(Pick("MaxPool2D", "AvgPool2D")),
        5 => Call("GlobalAveragePooling2D", Named(("Name", LayerName))),
        6 => Call("Flatten", Named(("Name", LayerName))),
        7 => $"Reshape({Shape()})",
        8 => Call("Dropout", [Float(), .. Named(("Name", LayerName))]),
        9 => Call("BatchNormalization", Named(("Momentum", Float), ("Epsilon", Float), ("Name", LayerName))),
        10 => CustomLayer(),
        _ => Chance(0.5) ? Pick(BrokenAttributes) : Dense(),
    };

    private string Dense()
    {
        var arguments = new List<string> { Size() };
        if (Chance(0.6)) arguments.Add(Activation());
        arguments.AddRange(Named(("UseBias", Bool), ("KernelInitializer", Initializer), ("L1", Float), ("L2", Float),
            ("NegativeSlope", Float), ("Name", LayerName)));
        return Chance(0.05) ? $"Dense(activation: {Activation()}, units: {Size()})" : Call("Dense", arguments);
    }

    private string Conv2D()
    {
        var arguments = new List<string> { Size(), Size() };
        if (Chance(0.6)) arguments.Add(Activation());
        arguments.AddRange(Named(("Stride", Size), ("Padding", Padding), ("Dilation", Size), ("UseBias", Bool),
            ("KernelInitializer", Initializer), ("L1", Float), ("L2", Float), ("NegativeSlope", Float), ("Name", LayerName)));
        return Call("Conv2D", arguments);
    }

    private string Pooling(string kind)
    {
        var arguments = new List<string>();
        if (Chance(0.7)) arguments.Add(Size());
        arguments.AddRange(Named(("Stride", Size), ("Padding", Padding), ("Name", LayerName)));
        return Call(kind, arguments);
    }

    private string CustomLayer()
    {
        _declaresCustomLayers = true;
        return Pick($"Custom{_seed}", $"Custom{_seed}(Name = \"custom\")", $"Pool{_seed}");
    }

    /// <summary>Each named argument with a small chance, its value from its generator.</summary>
    private List<string> Named(params (string Name, Func<string> Value)[] arguments) =>
        arguments.Where(_ => Chance(_flavor == Flavor.Extreme ? 0.3 : 0.12)).Select(a => $"{a.Name} = {a.Value()}").ToList();

    private static string Call(string name, List<string> arguments) =>
        arguments.Count == 0 ? name : $"{name}({string.Join(", ", arguments)})";

    /// <summary>Dimensions of a <c>params int[]</c> shape: usually one to four, sometimes none or an overflowing product.</summary>
    private string Shape()
    {
        if (Chance(0.04)) return Pick("65536, 65536", "46341, 46341", "2, 1073741824", "int.MaxValue, 2", "1 << 16, 1 << 16, 2");
        if (Chance(0.03)) return Pick("new[] { 2, 3 }", "new int[0]", "null");
        // Images (rank 3) half the time, so that convolution and pooling layers get to their window arithmetic.
        int rank = Chance(0.5) ? 3 : Chance(0.05) ? 0 : Chance(0.05) ? _random.Next(5, 7) : _random.Next(1, 5);
        return string.Join(", ", Enumerable.Range(0, rank).Select(_ => rank > 2 ? Small() : Size()));
    }

    private string Size() => _flavor == Flavor.Extreme ? Pick("int.MaxValue", "1 << 30", "65536", "46341", "2", "1")
        : Nonsense() ? Pick("0", "0", "-1", "-7", "int.MaxValue", "int.MinValue", "1 << 20", "65536", "46341")
        : _random.Next(1, 41).ToString(CultureInfo.InvariantCulture);

    /// <summary>Image sides and kernels: small enough that stacks of windows often fit.</summary>
    private string Small() => Nonsense() ? Size() : _random.Next(1, 9).ToString(CultureInfo.InvariantCulture);

    private string Float() => _flavor == Flavor.Extreme ? Pick("float.MaxValue", "float.MaxValue", "3e38f", "float.Epsilon", "0f")
        : Nonsense()
        ? Pick("float.NaN", "float.PositiveInfinity", "float.NegativeInfinity", "float.MaxValue", "3e38f", "1e30f", "-1f", "-0f", "1f", "float.Epsilon")
        : Pick("0f", "0.5f", "0.25f", "0.01f", "0.99f", "1e-3f");

    private string Activation() => Nonsense()
        ? Pick("(Activation)99", "(Activation)(-1)", "(Activation)7", "(Activation)int.MaxValue", "0")
        : "Activation." + Pick("Linear", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Softmax", "Gelu");

    private string Loss() => Nonsense()
        ? Pick("(Loss)7", "(Loss)(-3)", "(Loss)4")
        : "Loss." + Pick("MeanSquaredError", "BinaryCrossEntropy", "CategoricalCrossEntropy", "SparseCategoricalCrossEntropy");

    private string Padding() => Nonsense() ? Pick("(Padding)(-1)", "(Padding)2") : Pick("Padding.Valid", "Padding.Same");

    private string Initializer() => Nonsense() ? Pick("(Initializer)5", "(Initializer)(-1)") : Pick("Initializer.GlorotUniform", "Initializer.HeNormal");

    private string Bool() => Pick("true", "false");

    private string LayerName() => Nonsense() ? Pick(InvalidNames) : Pick(IdentifierNames);

    /// <summary>Odd or ordinary keywords for the model type.</summary>
    private string ModelKeywords() => Chance(0.75) ? "public partial class" : Pick(
        "partial class", "internal partial class", "public class", "public sealed partial class", "public abstract partial class",
        "public static partial class", "public partial struct", "public partial record", "public partial record class",
        "public partial record struct", "public partial interface", "file partial class");

    /// <summary>One or two enclosing types, partial or not, of any kind.</summary>
    private string[] Containers() => Enumerable.Range(0, _random.Next(1, 3)).Select(level => Pick(
        "public partial class", "public partial class", "public class", "public partial struct", "public partial record",
        "public partial record struct", "public static partial class", "public partial interface", "file partial class")
        + $" Outer{_seed}x{level}" + (Chance(0.1) ? "<T>" : "")).ToArray();

    /// <summary>Whether a value of a <see cref="Flavor.Random"/> declaration is nonsense.</summary>
    private bool Nonsense() => _flavor == Flavor.Random && Chance(0.25);

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
