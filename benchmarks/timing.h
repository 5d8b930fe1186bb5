// Timing for the benchmarks: a monotonic clock and the median of repeated measurements.
#ifndef SWAD_BENCHMARK_TIMING_H
#define SWAD_BENCHMARK_TIMING_H

#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int compare(const void *x, const void *y) {
  double u = *(const double *)x, v = *(const double *)y;
  return (u > v) - (u < v);
}

// Sorts `samples` in place.
static double median(double *samples, int count) {
  qsort(samples, count, sizeof *samples, compare);
  return samples[count / 2];
}

#endif
