/*
 * modelgen.h: the C interface of NativeLibrary.so, two ModelGen models compiled ahead of time with
 * their weights inside (samples/NativeLibrary, docs/native-library.md).
 *
 * Every predict function runs one sample: it reads exactly the model's input length of floats and
 * writes exactly its output length, and returns MODELGEN_OK or a negative MODELGEN_ERROR_* status,
 * never anything else. Callers pass the lengths of their buffers, so a mismatch is a status rather
 * than an out-of-bounds read or write; after a NULL pointer or a wrong length the output is left
 * untouched. Input and output buffers must not overlap.
 *
 * Threads: any thread may call any function, concurrently with others. Each thread gets its own copy
 * of a model on its first call to that model's predict function (the Fashion CNN's parameters are
 * 1.7 MB), kept until the thread ends; later calls allocate nothing. The computation runs on the
 * calling thread.
 *
 * The first call of the process also starts the .NET runtime inside the library (a few milliseconds).
 */
#ifndef MODELGEN_H
#define MODELGEN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Statuses the predict functions return. */
#define MODELGEN_OK 0
/* An input or output pointer was NULL. */
#define MODELGEN_ERROR_NULL_POINTER (-1)
/* An input or output count was not the model's length. */
#define MODELGEN_ERROR_LENGTH (-2)
/* Anything else, such as no memory for the thread's model. */
#define MODELGEN_ERROR_INTERNAL (-3)

/*
 * A short English description of a status, such as "wrong length"; "unknown status" for a value not
 * listed above. The string is static and NUL-terminated: never free it.
 */
const char *modelgen_status_message(int32_t status);

/*
 * Fashion-MNIST CNN: a 28 x 28 grayscale image in, the probabilities of the 10 classes out
 * (0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag,
 * 9 Ankle boot). Two 3 x 3 convolutions with pooling and a dense head, 0.9 test accuracy.
 */

/* 784: the image's pixels row by row, each the byte value divided by 255 (0.0 black to 1.0 white). */
int32_t modelgen_fashion_cnn_input_length(void);

/* 10: one softmax probability per class. */
int32_t modelgen_fashion_cnn_output_length(void);

/* Classifies one image: pixels[pixel_count] in, probabilities[probability_count] out. */
int32_t modelgen_fashion_cnn_predict(const float *pixels, int32_t pixel_count,
                                     float *probabilities, int32_t probability_count);

/*
 * Wisconsin breast-cancer classifier: the 30 measurements of a cell sample in, the probability that
 * it is benign out (scikit-learn's load_breast_cancer labels: 0 malignant, 1 benign). A 30-64-32-1
 * network with the standardization folded into its first layer, so measurements go in raw.
 */

/* 30: mean, standard error and worst of radius, texture, perimeter, area, smoothness, compactness,
 * concavity, concave points, symmetry and fractal dimension, in scikit-learn's column order. */
int32_t modelgen_breast_cancer_input_length(void);

/* 1: the sigmoid probability of class 1 (benign). */
int32_t modelgen_breast_cancer_output_length(void);

/* Classifies one sample: features[feature_count] in, probability[probability_count] out. */
int32_t modelgen_breast_cancer_predict(const float *features, int32_t feature_count,
                                       float *probability, int32_t probability_count);

#ifdef __cplusplus
}
#endif

#endif /* MODELGEN_H */
