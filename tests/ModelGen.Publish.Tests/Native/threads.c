/*
 * threads.c: NativeLibrary.so called from several threads at once, which modelgen.h allows.
 *
 *   threads <pixels.csv> <thread count> <rounds>
 *
 * pixels.csv holds one image per line, 784 comma-separated floats. Every thread starts at the same
 * moment (so the threads' first calls, which make their models, overlap), classifies every image
 * <rounds> times and keeps the last round's probabilities. A model shared between threads would mix
 * up their intermediate results; each thread having its own gives every thread the same answers.
 * Prints the first thread's probabilities as caller.c does, then "threads agree" and exits with 0,
 * or names the first disagreement and exits with 1.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modelgen.h"

enum { PIXELS = 784, CLASSES = 10, MAX_IMAGES = 64, MAX_THREADS = 16 };

static float images[MAX_IMAGES][PIXELS];
static int image_count;
static int rounds;
static pthread_barrier_t start;

struct worker {
    pthread_t thread;
    int32_t status;
    float probabilities[MAX_IMAGES][CLASSES];
};

static void *classify_all(void *argument)
{
    struct worker *worker = argument;
    pthread_barrier_wait(&start);
    for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < image_count && worker->status == MODELGEN_OK; i++)
            worker->status = modelgen_fashion_cnn_predict(images[i], PIXELS, worker->probabilities[i], CLASSES);
    }
    return NULL;
}

static int read_images(const char *path)
{
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t capacity = 0;
    while (getline(&line, &capacity, file) != -1 && image_count < MAX_IMAGES) {
        char *field = line;
        for (int p = 0; p < PIXELS; p++) {
            char *end;
            images[image_count][p] = strtof(field, &end);
            if (end == field || (p < PIXELS - 1 && *end != ',')) {
                fprintf(stderr, "%s line %d: expected %d numbers\n", path, image_count + 1, PIXELS);
                free(line);
                fclose(file);
                return -1;
            }
            field = end + 1;
        }
        image_count++;
    }
    free(line);
    fclose(file);
    return image_count > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    int thread_count = argc == 4 ? atoi(argv[2]) : 0;
    rounds = argc == 4 ? atoi(argv[3]) : 0;
    if (thread_count < 1 || thread_count > MAX_THREADS || rounds < 1) {
        fprintf(stderr, "usage: threads <pixels.csv> <thread count, 1 to %d> <rounds>\n", MAX_THREADS);
        return 2;
    }
    if (read_images(argv[1]) != 0) return 1;

    static struct worker workers[MAX_THREADS];
    pthread_barrier_init(&start, NULL, (unsigned)thread_count);
    for (int t = 0; t < thread_count; t++) pthread_create(&workers[t].thread, NULL, classify_all, &workers[t]);
    for (int t = 0; t < thread_count; t++) pthread_join(workers[t].thread, NULL);
    pthread_barrier_destroy(&start);

    for (int t = 0; t < thread_count; t++) {
        if (workers[t].status != MODELGEN_OK) {
            printf("thread %d: %s\n", t, modelgen_status_message(workers[t].status));
            return 1;
        }
    }
    for (int i = 0; i < image_count; i++) {
        printf("%d:", i);
        for (int c = 0; c < CLASSES; c++) printf(" %.9g", workers[0].probabilities[i][c]);
        printf("\n");
    }
    for (int t = 1; t < thread_count; t++) {
        if (memcmp(workers[t].probabilities, workers[0].probabilities, sizeof workers[0].probabilities) != 0) {
            printf("thread %d disagrees with thread 0\n", t);
            return 1;
        }
    }
    printf("threads agree\n");
    return 0;
}
