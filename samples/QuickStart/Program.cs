// The deep-learning tutorial's Keras classifier, line for line:
//
//   X, y = make_classification(n_samples=1000, n_features=10, n_classes=2, random_state=42)
//   X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
//   model = Sequential([Dense(64, activation='relu', input_dim=10), Dense(32, activation='relu'), Dense(1, activation='sigmoid')])
//   model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
//   history = model.fit(X_train, y_train, epochs=10, batch_size=32, validation_data=(X_test, y_test))
//   loss, accuracy = model.evaluate(X_test, y_test)
using ModelGen;
using ModelGen.Data;
using ModelGen.Optimizers;

var (x, y) = Datasets.MakeClassification(nSamples: 1000, nFeatures: 10, nClasses: 2, randomState: 42);
var (xTrain, xTest, yTrain, yTest) = DataSplit.TrainTestSplit(x, y, testSize: 0.2, randomState: 42);
var model = new TutorialClassifier();
Console.WriteLine(model.Summary());
var history = model.Fit(xTrain, yTrain, epochs: 10, batchSize: 32, validationData: (xTest, yTest), optimizer: new Adam());
var (loss, accuracy) = model.Evaluate(xTest, yTest);
Console.WriteLine($"Test loss: {loss:F4} - test accuracy: {accuracy:F4} ({xTest.GetLength(0)} held-out samples)");

/// <summary>Keras' Sequential([Dense(64, relu), Dense(32, relu), Dense(1, sigmoid)]) with binary cross-entropy.</summary>
[Model(Loss = Loss.BinaryCrossEntropy)]
[Input(10)]
[Dense(64, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class TutorialClassifier;
