namespace ModelGen.Optimizers;

/// <summary>
/// A gradient-descent update rule over a model's flat parameter buffer.
/// </summary>
/// <remarks>
/// The optimizer owns its per-parameter state (momentum, moment estimates). That state is
/// allocated on the first <see cref="Step"/>, sized to the parameter buffer, so every later step
/// allocates nothing. An optimizer is bound to one buffer length until <see cref="Reset"/>.
/// </remarks>
public abstract class Optimizer
{
    private float learningRate;
    private float[]? state;

    /// <summary>Creates an optimizer with the given step size.</summary>
    /// <param name="learningRate">Step size; finite and not negative.</param>
    protected Optimizer(float learningRate)
    {
        LearningRate = learningRate;
    }

    /// <summary>Step size. Schedules may change it between steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public float LearningRate
    {
        get => learningRate;
        set
        {
            OptimizerArguments.RequireNonNegative(value);
            learningRate = value;
        }
    }

    /// <summary>Number of steps taken since construction or the last <see cref="Reset"/>.</summary>
    public long Iterations { get; private set; }

    /// <summary>
    /// Floats of state kept per parameter: 0 for plain SGD, 1 for one moving average, 2 for Adam.
    /// </summary>
    protected abstract int StateBuffersPerParameter { get; }

    /// <summary>Applies one update to <paramref name="parameters"/> from <paramref name="gradients"/>.</summary>
    /// <param name="parameters">The flat parameter buffer, updated in place.</param>
    /// <param name="gradients">Gradients of the loss, laid out as <paramref name="parameters"/>.</param>
    /// <exception cref="ArgumentException">
    /// The spans differ in length, or the length differs from the one the state was sized for.
    /// </exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException(
                $"Parameters hold {parameters.Length} floats but gradients hold {gradients.Length}; they must match.",
                nameof(gradients));
        }

        Span<float> stateSpan = StateFor(parameters.Length);
        Iterations++;
        Update(parameters, gradients, stateSpan);
    }

    /// <summary>
    /// Whether a step may update the buffer a range at a time (<see cref="BeginRangedStep"/>, <see cref="StepRange"/>):
    /// true for every built-in rule, each of whose elements reads only its own gradient and state, so a training
    /// step split over threads updates each thread's range on that thread, where its gradients were just summed.
    /// </summary>
    internal bool UpdatesInRanges => this is Sgd or Adam or RmsProp;

    /// <summary>
    /// Starts a step that <see cref="StepRange"/> then applies range by range, from any threads, before the next
    /// step; counts the step and sizes the state as <see cref="Step"/> does.
    /// </summary>
    internal void BeginRangedStep(int parameterCount)
    {
        StateFor(parameterCount);
        Iterations++;
    }

    /// <summary>
    /// Applies the step begun by <see cref="BeginRangedStep"/> to elements <c>[start, start + length)</c> of the whole
    /// <paramref name="parameters"/> and <paramref name="gradients"/>. Ranges of one step must not overlap.
    /// </summary>
    internal void StepRange(Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length) =>
        UpdateRange(parameters.Slice(start, length), gradients.Slice(start, length), state, start, parameters.Length);

    /// <summary>
    /// <see cref="Update"/> of the elements from <paramref name="start"/> on of a buffer of <paramref name="stride"/>
    /// parameters: its state buffers begin <paramref name="stride"/> floats apart in <paramref name="state"/>
    /// (see <see cref="StateBuffer"/>). Built-in rules implement <see cref="Update"/> as the whole range.
    /// </summary>
    private protected virtual void UpdateRange(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, int start, int stride) =>
        throw new NotSupportedException($"{GetType().Name} updates its whole buffer at once.");

    /// <summary>State buffer <paramref name="buffer"/>'s elements for parameters <c>[start, start + length)</c>.</summary>
    private protected static Span<float> StateBuffer(Span<float> state, int buffer, int start, int length, int stride) =>
        state.Slice(buffer * stride + start, length);

    /// <summary>Forgets all state and the step count, as if newly constructed.</summary>
    /// <remarks>The next <see cref="Step"/> allocates state again, possibly for a different length.</remarks>
    public void Reset()
    {
        state = null;
        Iterations = 0;
    }

    /// <summary>
    /// Applies the rule. <see cref="Iterations"/> already counts this step, so it is 1 on the first.
    /// </summary>
    /// <param name="parameters">The flat parameter buffer, updated in place.</param>
    /// <param name="gradients">Gradients, the same length as <paramref name="parameters"/>.</param>
    /// <param name="state">
    /// <see cref="StateBuffersPerParameter"/> consecutive buffers, each as long as
    /// <paramref name="parameters"/>; zero before the first step.
    /// </param>
    protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state);

    private Span<float> StateFor(int parameterCount)
    {
        int stateLength = checked(parameterCount * StateBuffersPerParameter);
        if (state is null)
        {
            state = new float[stateLength];
        }
        else if (state.Length != stateLength)
        {
            // A silently resized state would mix moments of unrelated parameters.
            throw new ArgumentException(
                $"The optimizer's state was sized for {state.Length / StateBuffersPerParameter} parameters but the step got {parameterCount}; call Reset() to switch buffers.",
                "parameters");
        }

        return state;
    }
}
