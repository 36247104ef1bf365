namespace ModelGen.Generator.Tests.Gradients;

/// <summary>
/// A double-precision forward pass of a Dense stack, written independently of the generated code,
/// to serve as the finite-difference reference. Layers are read from the model's parameter tensors
/// (kernel <c>(in, units)</c>, then optional bias); activations are given by the test.
/// </summary>
internal sealed class ReferenceMlp(ITrainableModel model, (Activation Activation, double Slope)[] activations)
{
    private readonly List<(int Kernel, int Bias, int Inputs, int Units)> _layers = ReadLayers(model);

    public double[] Forward(double[] parameters, double[] inputs, int batch)
    {
        double[] current = inputs;
        for (int l = 0; l < _layers.Count; l++)
        {
            var (kernel, bias, inputCount, units) = _layers[l];
            var next = new double[batch * units];
            for (int b = 0; b < batch; b++)
                for (int o = 0; o < units; o++)
                {
                    double sum = bias < 0 ? 0 : parameters[bias + o];
                    for (int i = 0; i < inputCount; i++) sum += current[b * inputCount + i] * parameters[kernel + i * units + o];
                    next[b * units + o] = sum;
                }
            Activate(next, units, activations[l]);
            current = next;
        }
        return current;
    }

    /// <summary>The model's loss in double, written from each loss's textbook formula on probabilities.</summary>
    public double Loss(double[] parameters, double[] inputs, double[] targets, int batch)
    {
        double[] outputs = Forward(parameters, inputs, batch);
        int width = model.OutputLength;
        double sum = 0;
        switch (model.Loss)
        {
            case ModelGen.Loss.MeanSquaredError:
                for (int i = 0; i < outputs.Length; i++) sum += (outputs[i] - targets[i]) * (outputs[i] - targets[i]);
                return sum / outputs.Length;
            case ModelGen.Loss.BinaryCrossEntropy:
                for (int i = 0; i < outputs.Length; i++) sum -= targets[i] * Math.Log(outputs[i]) + (1 - targets[i]) * Math.Log(1 - outputs[i]);
                return sum / outputs.Length;
            case ModelGen.Loss.CategoricalCrossEntropy:
                for (int i = 0; i < outputs.Length; i++) sum -= targets[i] * Math.Log(outputs[i]);
                return sum / batch;
            default:
                for (int b = 0; b < batch; b++) sum -= Math.Log(outputs[b * width + (int)targets[b]]);
                return sum / batch;
        }
    }

    private static void Activate(double[] values, int width, (Activation Activation, double Slope) activation)
    {
        if (activation.Activation == Activation.Softmax)
        {
            for (int row = 0; row < values.Length; row += width)
            {
                double max = values.AsSpan(row, width).ToArray().Max(), total = 0;
                for (int i = 0; i < width; i++) total += values[row + i] = Math.Exp(values[row + i] - max);
                for (int i = 0; i < width; i++) values[row + i] /= total;
            }
            return;
        }
        for (int i = 0; i < values.Length; i++)
        {
            double z = values[i];
            values[i] = activation.Activation switch
            {
                Activation.Linear => z,
                Activation.ReLU => Math.Max(z, 0),
                Activation.LeakyReLU => z > 0 ? z : activation.Slope * z,
                Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
                Activation.Tanh => Math.Tanh(z),
                Activation.Gelu => 0.5 * z * (1 + Erf(z / Math.Sqrt(2))),
                _ => throw new NotSupportedException(activation.Activation.ToString()),
            };
        }
    }

    /// <summary>erf by its Maclaurin series (accurate to ~1e-12 for |x| below 3), asymptotic beyond.</summary>
    internal static double Erf(double x)
    {
        if (Math.Abs(x) >= 3)
        {
            double y = Math.Abs(x), tail = Math.Exp(-y * y) / (y * Math.Sqrt(Math.PI)) * (1 - 1 / (2 * y * y) + 3 / (4 * Math.Pow(y, 4)));
            return Math.Sign(x) * (1 - tail);
        }
        double term = x, sum = x;
        for (int n = 1; n < 80; n++)
        {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    private static List<(int, int, int, int)> ReadLayers(ITrainableModel model)
    {
        var layers = new List<(int, int, int, int)>();
        var tensors = model.ParameterTensors;
        for (int t = 0; t < tensors.Count; t++)
        {
            if (!tensors[t].Name.EndsWith(".weight", StringComparison.Ordinal)) continue;
            string layer = tensors[t].Name[..^".weight".Length];
            int bias = t + 1 < tensors.Count && tensors[t + 1].Name == layer + ".bias" ? tensors[t + 1].Offset : -1;
            layers.Add((tensors[t].Offset, bias, tensors[t].Shape[0], tensors[t].Shape[1]));
        }
        return layers;
    }
}
