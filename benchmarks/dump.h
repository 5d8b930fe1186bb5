// Writing a benchmark's data and gradient for the peers (scripts/bench --peers): when the environment
// variable SWAD_BENCH_DUMP names a file, a benchmark writes its inputs and swad's gradient there, and
// benchmarks/jax/bench.py (and the Swift versions) read the same numbers, so that every tool
// differentiates the same problem and the gradients can be compared.
//
// Format: for each array, one text line "name count\n" followed by count doubles, native byte order.
#ifndef SWAD_BENCHMARK_DUMP_H
#define SWAD_BENCHMARK_DUMP_H

#include <stdio.h>
#include <stdlib.h>

// The dump file, or NULL when none was asked for.
static FILE *dump_open(void) {
  const char *path = getenv("SWAD_BENCH_DUMP");
  if (!path || !*path) return NULL;
  FILE *file = fopen(path, "wb");
  if (!file) perror(path);
  return file;
}

static void dump_array(FILE *file, const char *name, const double *values, long count) {
  if (!file) return;
  fprintf(file, "%s %ld\n", name, count);
  fwrite(values, sizeof(double), (size_t)count, file);
}

static void dump_scalar(FILE *file, const char *name, double value) { dump_array(file, name, &value, 1); }

static void dump_close(FILE *file) {
  if (file) fclose(file);
}

#endif
