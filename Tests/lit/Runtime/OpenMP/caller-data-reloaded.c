// REQUIRES: openmp
// RUN: %clang-ad -fopenmp %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc --remarks 2>%t.remarks
// RUN: FileCheck %s --input-file %t.remarks
// RUN: %clang -fopenmp %t.opt.bc -o %t -lm
// RUN: env OMP_NUM_THREADS=1 %t
// RUN: env OMP_NUM_THREADS=2 %t
// RUN: env OMP_NUM_THREADS=4 %t
// RUN: %clang-ad-O0 -fopenmp %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang -fopenmp %t.O0.opt.bc -o %t.O0 -lm
// RUN: env OMP_NUM_THREADS=1 %t.O0
// RUN: env OMP_NUM_THREADS=3 %t.O0
// A parallel region of a combined gradient reads the caller's data through the variables it
// captures: the caller's arguments, and a table the caller allocated and filled before the fork.
// When nothing after the fork writes them and no thread of the region does, the region's reverse
// sweep loads them again rather than keeping them on its tape (`ReverseSignature.callerObjects`):
// the captured variables are distinct stack slots of the caller, the table is the caller's heap
// block, and neither is memory the region allocates. A store of the caller's output after the
// region (which may be the input) is undone for the region's reverse sweep and redone after it.
// When the region writes through a captured pointer (that may be the data it reads), or the caller
// overwrites the table after the region, the loads are kept. Each against central differences and
// forward mode, at 1 to 4 threads.
#include "Inputs/omp-check.h"
#include <stdlib.h>

enum { M = 6 };

// GMM's shape: the caller's table and the input read by every thread, per-thread temporaries.
static double table_read(const double *x, double *w, int n) {
  double *q = malloc(sizeof(double) * M);
  for (int k = 0; k < M; k++) q[k] = exp(0.3 * x[k]);
  double s = 0;
#pragma omp parallel
  {
    double *t = malloc(sizeof(double) * M);
#pragma omp for reduction(+ : s) schedule(static)
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < M; k++) t[k] = q[k] * x[i] - x[(i + k) % n];
      double a = 0;
      for (int k = 0; k < M; k++) a += t[k] * t[k] * q[(k + 1) % M];
      s += log(1 + a);
    }
    free(t);
  }
  free(q);
  return s;
}

// The region writes w, which may be x: what it loads from x is kept.
static double writes_through_capture(const double *x, double *w, int n) {
  double s = 0;
#pragma omp parallel for reduction(+ : s) schedule(static)
  for (int i = 0; i < n; i++) {
    w[i] = sin(x[i]) * x[(i + 1) % n];
    s += w[i] * x[(i + 2) % n];
  }
  return s;
}

// The caller overwrites the table after the region: the region keeps what it read.
static double table_overwritten(const double *x, double *w, int n) {
  double *q = malloc(sizeof(double) * M);
  for (int k = 0; k < M; k++) q[k] = cos(x[k]);
  double s = 0;
#pragma omp parallel for reduction(+ : s) schedule(static)
  for (int i = 0; i < n; i++)
    for (int k = 0; k < M; k++) s += q[k] * q[(k + i) % M] * x[i];
  for (int k = 0; k < M; k++) q[k] = 0.5 * q[k] + x[k];
  double r = s * q[1];
  free(q);
  return r;
}

// The caller writes its output after the region, and the output may be the input (C allows it):
// the store is undone before the region's reverse sweep and redone after it
// (`findDeferredReleases`), so the region still loads x again.
static double writes_output_after(const double *x, double *w, int n) {
  double s = 0;
#pragma omp parallel for reduction(+ : s) schedule(dynamic, 2)
  for (int i = 0; i < n; i++) s += sin(x[i]) * x[(i + 3) % n];
  w[0] = s * s;
  return s + w[0];
}

// table_read's first inner loop (t[k] = q[k] x[i] - …) keeps only an index per iteration: q[k] is
// loaded again. The other two keep loads.
// CHECK: table_read.omp_outlined: the tape keeps 8 bytes each time block {{.*}} runs (in a loop of depth 2{{.*}}): %{{[0-9]+}} (srem, caller-data-reloaded.c:{{[0-9]+}}){{$}}
// CHECK-NOT: writes_output_after.omp_outlined{{.*}}: the tape keeps {{[0-9]+}} bytes each time {{.*}}(load
// CHECK-DAG: writes_through_capture.omp_outlined: the tape keeps {{[0-9]+}} bytes each time {{.*}}(load
// CHECK-DAG: table_overwritten.omp_outlined: the tape keeps {{[0-9]+}} bytes each time {{.*}}(load

int main(void) {
  int failed = 0;
  failed |= CHECK(table_read, 40);
  failed |= CHECK(writes_through_capture, 30);
  failed |= CHECK(table_overwritten, 30);
  failed |= CHECK(writes_output_after, 30);
  return failed;
}
