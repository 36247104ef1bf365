using TorchSharp;
using static TorchSharp.torch;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>
/// A compared model rebuilt in TorchSharp (libtorch) with ModelGen's current weights: a logits
/// module for training (the loss fuses the output activation, as ModelGen's does), the same module
/// followed by that activation for inference, the loss and torch's own Adam.
/// </summary>
/// <remarks>
/// Weights travel as a user porting them would move them: each <see cref="ParameterTensor"/> is
/// read in memory order and permuted to torch's (<see cref="FileLayout.Transposed"/>: Dense
/// <c>(in, out)</c> to Linear's <c>(out, in)</c>; <see cref="FileLayout.ConvolutionKernel"/>:
/// <c>(kh, kw, in, out)</c> to <c>(out, in, kh, kw)</c>), and the Dense after a Flatten gets its
/// columns reordered from <c>(h, w, c)</c> to <c>(c, h, w)</c>.
/// </remarks>
internal sealed class TorchTwin : IDisposable
{
    private readonly ComparedModelSpec _spec;
    private readonly Dictionary<string, Tensor> _parameters;
    private readonly bool _binary;

    private TorchTwin(ComparedModelSpec spec, ITrainableModel model)
    {
        _spec = spec;
        Logits = spec.CreateTorchLogits();
        _binary = model.Loss == Loss.BinaryCrossEntropy;
        Inference = nn.Sequential(("logits", Logits), ("output", _binary ? nn.Sigmoid() : nn.Softmax(dim: 1)));
        Criterion = _binary ? nn.BCEWithLogitsLoss() : nn.CrossEntropyLoss();
        _parameters = Logits.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        CopyWeightsFrom(model);
        // ModelGen's Adam defaults are Keras' (epsilon 1e-7); torch's epsilon default is 1e-8.
        Optimizer = optim.Adam(Logits.parameters(), lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-7);
    }

    /// <summary>The layers up to the last Dense's output, before its activation.</summary>
    public nn.Module<Tensor, Tensor> Logits { get; }

    /// <summary><see cref="Logits"/> followed by the model's output activation: what ModelGen's Forward computes.</summary>
    public nn.Module<Tensor, Tensor> Inference { get; }

    /// <summary>The loss: binary cross-entropy on logits, or cross-entropy on logits with class-index targets.</summary>
    public nn.Module<Tensor, Tensor, Tensor> Criterion { get; }

    /// <summary>torch's Adam over <see cref="Logits"/>' parameters, learning rate 1e-3.</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>Builds the twin of <paramref name="model"/> with a copy of its current weights.</summary>
    public static TorchTwin Create<TModel>(TModel model) where TModel : IComparedModel => new(TModel.ComparisonSpec, model);

    /// <summary>
    /// A batch of ModelGen inputs, <c>(batch, ...sample shape)</c> row-major, as a torch tensor:
    /// images go from NHWC to torch's NCHW, feature vectors as they are.
    /// </summary>
    public Tensor Inputs(ReadOnlySpan<float> values, int batch)
    {
        long[] shape = [batch, .. _spec.SampleShape.Select(d => (long)d)];
        using Tensor rowMajor = tensor(values.ToArray(), shape);
        return rowMajor.dim() == 4 ? rowMajor.permute(0, 3, 1, 2).contiguous() : rowMajor.clone();
    }

    /// <summary>
    /// ModelGen's targets as the loss wants them: class indices as int64 <c>(batch)</c>, or binary
    /// labels as float <c>(batch, 1)</c>.
    /// </summary>
    public Tensor Targets(ReadOnlySpan<float> labels)
    {
        float[] values = labels.ToArray();
        return _binary
            ? tensor(values, [values.Length, 1])
            : tensor(values.Select(label => (long)label).ToArray());
    }

    /// <summary>
    /// One training step the usual PyTorch way: zero the gradients, forward, loss, backward, Adam
    /// step, and read the loss back as ModelGen's <c>TrainOnBatch</c> returns it.
    /// </summary>
    public float TrainStep(Tensor inputs, Tensor targets)
    {
        // Every intermediate tensor of the step is freed when the scope ends, not left to the GC.
        using DisposeScope scope = NewDisposeScope();
        Optimizer.zero_grad();
        Tensor loss = Criterion.forward(Logits.forward(inputs), targets);
        loss.backward();
        Optimizer.step();
        return loss.item<float>();
    }

    /// <summary>
    /// Computes the loss and its gradients without stepping, and writes the gradients into
    /// <paramref name="gradients"/> in ModelGen's layout (<see cref="ITrainableModel.Gradients"/>).
    /// </summary>
    public float LossAndGradients(ITrainableModel model, Tensor inputs, Tensor targets, Span<float> gradients)
    {
        using DisposeScope scope = NewDisposeScope();
        Optimizer.zero_grad();
        Tensor loss = Criterion.forward(Logits.forward(inputs), targets);
        loss.backward();
        foreach (ParameterTensor parameter in model.ParameterTensors.Where(p => p.Trainable))
        {
            Tensor memoryOrder = ToModelGenLayout(parameter, _parameters[parameter.Name].grad!);
            memoryOrder.data<float>().CopyTo(gradients.Slice(parameter.Offset, parameter.Length));
        }
        Optimizer.zero_grad();
        return loss.item<float>();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Optimizer.Dispose();
        Criterion.Dispose();
        Inference.Dispose();
    }

    private void CopyWeightsFrom(ITrainableModel model)
    {
        var copied = new HashSet<string>();
        using var noGradients = no_grad();
        foreach (ParameterTensor parameter in model.ParameterTensors)
        {
            if (!_parameters.TryGetValue(parameter.Name, out Tensor? destination))
            {
                throw new InvalidOperationException($"The torch twin has no parameter '{parameter.Name}'; it has {string.Join(", ", _parameters.Keys)}.");
            }
            using DisposeScope scope = NewDisposeScope();
            float[] memory = model.Weights.Slice(parameter.Offset, parameter.Length).ToArray();
            Tensor value = ToTorchLayout(parameter, tensor(memory, parameter.Shape.Select(d => (long)d).ToArray()));
            if (!value.shape.SequenceEqual(destination.shape))
            {
                throw new InvalidOperationException(
                    $"'{parameter.Name}' is ({string.Join(", ", value.shape)}) from ModelGen but ({string.Join(", ", destination.shape)}) in torch.");
            }
            destination.copy_(value);
            copied.Add(parameter.Name);
        }
        if (copied.Count != _parameters.Count)
        {
            throw new InvalidOperationException($"ModelGen has no weights for torch's {string.Join(", ", _parameters.Keys.Except(copied))}.");
        }
    }

    // Memory order (ParameterTensor.Shape) to torch's layout.
    private Tensor ToTorchLayout(ParameterTensor parameter, Tensor memoryOrder)
    {
        Tensor torchOrder = parameter.FileLayout switch
        {
            FileLayout.Transposed => memoryOrder.t(),
            FileLayout.ConvolutionKernel => memoryOrder.permute(3, 2, 0, 1),
            _ => memoryOrder,
        };
        if (_spec.Flattened is { } image && parameter.Name == image.DenseName + ".weight")
        {
            long units = torchOrder.shape[0];
            torchOrder = torchOrder.reshape(units, image.Height, image.Width, image.Channels).permute(0, 3, 1, 2).reshape(units, -1);
        }
        return torchOrder.contiguous();
    }

    // The inverse of ToTorchLayout.
    private Tensor ToModelGenLayout(ParameterTensor parameter, Tensor torchOrder)
    {
        if (_spec.Flattened is { } image && parameter.Name == image.DenseName + ".weight")
        {
            long units = torchOrder.shape[0];
            torchOrder = torchOrder.reshape(units, image.Channels, image.Height, image.Width).permute(0, 2, 3, 1).reshape(units, -1);
        }
        Tensor memoryOrder = parameter.FileLayout switch
        {
            FileLayout.Transposed => torchOrder.t(),
            FileLayout.ConvolutionKernel => torchOrder.permute(2, 3, 1, 0),
            _ => torchOrder,
        };
        return memoryOrder.contiguous();
    }
}
