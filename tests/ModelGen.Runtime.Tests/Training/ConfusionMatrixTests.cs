namespace ModelGen.Training.Tests;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void Rows_are_true_classes_and_columns_predictions_for_every_classification_loss()
    {
        var sparse = new ConfusionMatrix(3);
        // Outputs for 3 samples of 3 classes; true labels 0, 2, 2.
        float[] outputs = [0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f, 0.2f, 0.2f, 0.6f];
        Metrics.AddToConfusion(sparse, Loss.SparseCategoricalCrossEntropy, outputs, [0f, 2f, 2f], 3);
        Assert.Equal(1, sparse[0, 0]);
        Assert.Equal(1, sparse[2, 1]);
        Assert.Equal(1, sparse[2, 2]);
        Assert.Equal(3, sparse.Total);
        Assert.Equal(2.0 / 3, sparse.Accuracy, 12);
        Assert.Equal(0.5, sparse.Recall(2), 12);

        var oneHot = new ConfusionMatrix(3);
        Metrics.AddToConfusion(oneHot, Loss.CategoricalCrossEntropy, outputs, [1f, 0f, 0f, 0f, 0f, 1f, 0f, 0f, 1f], 3);
        Assert.Equal(sparse.ToString(), oneHot.ToString());

        var binary = new ConfusionMatrix(2);
        Metrics.AddToConfusion(binary, Loss.BinaryCrossEntropy, [0.9f, 0.2f, 0.6f], [1f, 1f, 0f], 1);
        Assert.Equal(1, binary[1, 1]);
        Assert.Equal(1, binary[1, 0]);
        Assert.Equal(1, binary[0, 1]);
    }

    [Fact]
    public void Text_has_a_row_per_class_with_its_recall()
    {
        var matrix = new ConfusionMatrix(2);
        matrix.Add(0, 0);
        matrix.Add(1, 0);
        matrix.Add(1, 1);
        string text = matrix.ToString(["cat", "dog"]);
        Assert.Contains("cat", text);
        Assert.Contains("1.000", text);
        Assert.Contains("0.500", text);
        Assert.Throws<ArgumentException>(() => matrix.ToString(["only one"]));
    }

    [Fact]
    public void Classification_losses_get_a_matrix_and_regression_none()
    {
        Assert.Equal(10, Metrics.ConfusionClasses(Loss.SparseCategoricalCrossEntropy, 10));
        Assert.Equal(2, Metrics.ConfusionClasses(Loss.BinaryCrossEntropy, 1));
        Assert.Equal(0, Metrics.ConfusionClasses(Loss.BinaryCrossEntropy, 3));
        Assert.Equal(0, Metrics.ConfusionClasses(Loss.MeanSquaredError, 1));
    }
}
