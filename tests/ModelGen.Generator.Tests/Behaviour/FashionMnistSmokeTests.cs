using ModelGen.Data;
using ModelGen.Generator.Tests.Models;
using ModelGen.Optimizers;
using ModelGen.Training;

namespace ModelGen.Generator.Tests.Behaviour;

/// <summary>
/// A generated CNN learns real images: one epoch on the first 4,000 Fashion-MNIST training images
/// lifts accuracy on the first 1,000 official test images far above chance (0.1). The full runs,
/// with the accuracy bars, are the FashionMnist sample. The data come from Debian's
/// dataset-fashion-mnist package, which .ci/run installs.
/// </summary>
public sealed class FashionMnistSmokeTests
{
    [Fact]
    public void One_epoch_on_4000_images_beats_chance_by_far_and_evaluate_gives_the_confusion_matrix()
    {
        FashionMnist data = FashionMnist.Load(download: false, log: TextWriter.Null);
        LabeledImages train = data.Train.Slice(0, 4000), test = data.Test.Slice(0, 1000);
        var model = new FashionLikeCnn(seed: 1);

        model.Fit(Pixels.Normalize(train.Images), train.Labels, epochs: 1, batchSize: 32, optimizer: new Adam(1e-3f), verbose: 0);
        Evaluation evaluation = model.Evaluate(Pixels.Normalize(test.Images), test.Labels);

        Assert.True(evaluation.Accuracy > 0.6, $"test accuracy {evaluation.Accuracy:0.000} after one epoch on 4,000 images");
        ConfusionMatrix confusion = Assert.IsType<ConfusionMatrix>(evaluation.Confusion);
        Assert.Equal(10, confusion.Classes);
        Assert.Equal(1000, confusion.Total);
        Assert.Equal(evaluation.Accuracy, confusion.Accuracy, 12);
        int[] predicted = model.PredictClasses(Pixels.Normalize(test.Images));
        Assert.Equal(evaluation.Accuracy, predicted.Zip(test.Labels).Count(p => p.First == p.Second) / 1000.0, 12);
    }
}
