/*
 * caller.c: a C program that classifies samples with NativeLibrary.so through modelgen.h.
 *
 *   caller fashion-cnn|breast-cancer [samples.csv]   samples from the file, or stdin without one
 *   caller errors                                     what wrong calls return
 *
 * Samples are CSV rows of the model's input floats (for the CNN, pixels already divided by 255); a
 * row may carry one more column, a label, which is ignored, and a first line that is not numbers (a
 * header) is skipped. For each sample it prints "index: output output ...", each output with %.9g,
 * enough digits that reading them back as float gives exactly the float the model wrote.
 *
 * Build it against a published library (docs/native-library.md):
 *   gcc -std=c11 -O2 -Wall -Wextra -Werror -I publish/include c/caller.c \
 *       -L publish -l:NativeLibrary.so -Wl,-rpath,'$ORIGIN' -o publish/caller
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modelgen.h"

typedef int32_t (*predict_fn)(const float *input, int32_t input_count, float *output, int32_t output_count);

struct model {
    const char *name;
    int32_t (*input_length)(void);
    int32_t (*output_length)(void);
    predict_fn predict;
};

static const struct model models[] = {
    {"fashion-cnn", modelgen_fashion_cnn_input_length, modelgen_fashion_cnn_output_length, modelgen_fashion_cnn_predict},
    {"breast-cancer", modelgen_breast_cancer_input_length, modelgen_breast_cancer_output_length, modelgen_breast_cancer_predict},
};

/* Reads the comma-separated floats of line into values (at most capacity); returns how many there
 * were, or -1 when a field is not a number or there are more than capacity. */
static int parse_row(char *line, float *values, int capacity)
{
    int count = 0;
    char *field = line;
    for (;;) {
        char *end;
        float value = strtof(field, &end);
        if (end == field || count == capacity) return -1;
        values[count++] = value;
        while (*end == ' ' || *end == '\r' || *end == '\n') end++;
        if (*end == '\0') return count;
        if (*end != ',') return -1;
        field = end + 1;
    }
}

static int classify(const struct model *model, FILE *input, const char *input_name)
{
    int32_t input_length = model->input_length(), output_length = model->output_length();
    /* One spare column for a label, one more to notice a row that is too long. */
    float *sample = malloc(sizeof(float) * (size_t)(input_length + 2));
    float *outputs = malloc(sizeof(float) * (size_t)output_length);
    char *line = NULL;
    size_t line_capacity = 0;
    long line_number = 0, index = 0;
    int result = 0;
    if (sample == NULL || outputs == NULL) {
        fprintf(stderr, "caller: out of memory\n");
        result = 1;
    }
    while (result == 0 && getline(&line, &line_capacity, input) != -1) {
        line_number++;
        if (line[strspn(line, " \r\n")] == '\0') continue;
        int count = parse_row(line, sample, input_length + 2);
        if (count != input_length && count != input_length + 1) {
            if (line_number == 1) continue;
            fprintf(stderr, "caller: %s line %ld: expected %d numbers (and an optional label)\n",
                    input_name, line_number, (int)input_length);
            result = 1;
            break;
        }
        int32_t status = model->predict(sample, input_length, outputs, output_length);
        if (status != MODELGEN_OK) {
            fprintf(stderr, "caller: %s line %ld: %s\n", input_name, line_number, modelgen_status_message(status));
            result = 1;
            break;
        }
        printf("%ld:", index++);
        for (int32_t i = 0; i < output_length; i++) printf(" %.9g", outputs[i]);
        printf("\n");
    }
    free(line);
    free(outputs);
    free(sample);
    return result;
}

static void report(const char *call, int32_t status)
{
    printf("%s: %d %s\n", call, (int)status, modelgen_status_message(status));
}

/* Wrong calls, each answered with a status instead of a crash or an out-of-bounds access. */
static int errors(void)
{
    float pixels[784] = {0}, probabilities[10], features[30] = {0}, probability[1];
    report("fashion-cnn 783 pixels", modelgen_fashion_cnn_predict(pixels, 783, probabilities, 10));
    report("fashion-cnn 9 probabilities", modelgen_fashion_cnn_predict(pixels, 784, probabilities, 9));
    report("fashion-cnn null pixels", modelgen_fashion_cnn_predict(NULL, 784, probabilities, 10));
    report("breast-cancer 31 features", modelgen_breast_cancer_predict(features, 31, probability, 1));
    report("breast-cancer -1 features", modelgen_breast_cancer_predict(features, -1, probability, 1));
    report("breast-cancer null probability", modelgen_breast_cancer_predict(features, 30, NULL, 1));
    report("status 7", 7);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "errors") == 0) return errors();
    for (size_t m = 0; argc >= 2 && argc <= 3 && m < sizeof models / sizeof models[0]; m++) {
        if (strcmp(argv[1], models[m].name) != 0) continue;
        FILE *input = argc == 3 ? fopen(argv[2], "r") : stdin;
        if (input == NULL) {
            perror(argv[2]);
            return 1;
        }
        int result = classify(&models[m], input, argc == 3 ? argv[2] : "stdin");
        if (input != stdin) fclose(input);
        return result;
    }
    fprintf(stderr, "usage: caller fashion-cnn|breast-cancer [samples.csv]\n       caller errors\n");
    return 2;
}
