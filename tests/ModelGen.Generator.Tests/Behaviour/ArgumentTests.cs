using ModelGen.Generator.Tests.Models;

namespace ModelGen.Generator.Tests.Behaviour;

// These calls pass wrong lengths on purpose, to test the run-time guards behind MG0011.
#pragma warning disable MG0011

/// <summary>Wrong-length spans are rejected with messages naming the expected and actual lengths.</summary>
public sealed class ArgumentTests
{
    private readonly TutorialClassifier _model = new();

    [Fact]
    public void Predict_rejects_a_short_input()
    {
        var error = Assert.Throws<ArgumentException>(() => _model.Predict(new float[9], new float[1]));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("length 10", error.Message);
        Assert.Contains("got length 9", error.Message);
    }

    [Fact]
    public void Predict_rejects_a_long_output()
    {
        var error = Assert.Throws<ArgumentException>(() => _model.Predict(new float[10], new float[2]));
        Assert.Contains("length 1, got length 2", error.Message);
    }

    [Fact]
    public void Forward_rejects_inputs_that_are_not_whole_samples()
    {
        var error = Assert.Throws<ArgumentException>(() => _model.Forward(new float[25], new float[2]));
        Assert.Contains("multiple of 10", error.Message);
        Assert.Contains("got length 25", error.Message);
    }

    [Fact]
    public void Forward_rejects_outputs_that_do_not_match_the_batch()
    {
        var error = Assert.Throws<ArgumentException>(() => _model.Forward(new float[30], new float[2]));
        Assert.Contains("length 3, got length 2", error.Message);
    }

    [Fact]
    public void Backward_rejects_a_gradient_of_another_batch()
    {
        _model.Forward(new float[20], new float[2]);
        var error = Assert.Throws<ArgumentException>(() => _model.Backward(new float[3], new float[20]));
        Assert.Contains("length 2, got length 3", error.Message);
    }

    [Fact]
    public void Training_rejects_targets_of_the_wrong_length()
    {
        var error = Assert.Throws<ArgumentException>(() => _model.ComputeLossAndGradients(new float[20], new float[3]));
        Assert.Contains("length 2, got length 3", error.Message);
    }

    [Fact]
    public void Fit_rejects_features_of_the_wrong_width()
    {
        var error = Assert.Throws<ArgumentException>(() => _model.Fit(new float[4, 9], new int[4], verbose: 0));
        Assert.Contains("Expected 10 features per sample, got 9", error.Message);
    }

    [Fact]
    public void Fit_rejects_a_label_count_that_differs_from_the_sample_count()
    {
        var error = Assert.Throws<ArgumentException>(() => _model.Fit(new float[4, 10], new int[3], verbose: 0));
        Assert.Contains("Expected 4 labels", error.Message);
        Assert.Contains("got 3", error.Message);
    }
}
