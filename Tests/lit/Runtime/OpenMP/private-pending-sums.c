// REQUIRES: openmp
// RUN: %clang-ad -fopenmp %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc --remarks 2>%t.remarks
// RUN: FileCheck %s < %t.remarks
// RUN: %clang -fopenmp %t.opt.bc -o %t -lm
// RUN: env OMP_NUM_THREADS=1 %t
// RUN: env OMP_NUM_THREADS=2 %t
// RUN: env OMP_NUM_THREADS=3 %t
// RUN: %clang-ad-O0 -fopenmp %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang -fopenmp %t.O0.opt.bc -o %t.O0 -lm
// RUN: env OMP_NUM_THREADS=2 %t.O0
// Inside a parallel loop, loops over memory private to the iteration (a stack buffer in the loop's
// body) sum their loads' adjoints in registers, as serial code does (`Gradient+RotatedAdjoints`):
// a stencil and GMM's triangular product, each reading one part of the buffer and writing another
// at a distance the compiler cannot see, so the check on entering the reverse loop decides. The
// distance is computed from n: the parts apart, adjacent and overlapping (then the check must fail:
// a store of the loop writes an element whose adjoint is pending). The shared input x, read
// in the same loops, keeps its window (its adjoints are never pending sums).
//
// CHECK-DAG: remark: {{.*}}stencil_apart{{.*}}.omp_outlined: the reverse of the loop at {{.*}}private-pending-sums.c:{{[0-9]+}} sums in registers the adjoints of 3 neighbouring elements
// CHECK-DAG: remark: {{.*}}triangle_apart{{.*}}.omp_outlined: the reverse of the loop at {{.*}}private-pending-sums.c:{{[0-9]+}} sums in registers the adjoints of an element read at one address
#include "Inputs/omp-check.h"

// b[j] = f(a[j-1], a[j], a[j+1]) with a and b in one buffer, `gap` elements apart.
#define STENCIL(name, gap_of_n)                                                          \
  static double name(const double *x, double *w, int n) {                                \
    double s = 0;                                                                        \
    int gap = gap_of_n;                                                                  \
    _Pragma("omp parallel for reduction(+:s) schedule(static)")                          \
    for (int i = 0; i < 24; i++) {                                                       \
      double buf[64];                                                                    \
      double *a = buf, *b = buf + gap;                                                   \
      for (int j = 0; j < 16; j++) a[j] = x[(i + j) % n] * (1.0 + 0.1 * j);              \
      b[0] = b[15] = 0.5;                                                                \
      for (int j = 1; j < 15; j++) b[j] = 0.3 * a[j - 1] + sin(a[j]) * x[j] + 0.2 * a[j + 1];  \
      double t = 0;                                                                      \
      for (int j = 0; j < 16; j++) t += b[j] * b[j] + a[j];                              \
      s += t;                                                                            \
    }                                                                                    \
    return s;                                                                            \
  }
STENCIL(stencil_apart, n / 3)
STENCIL(stencil_overlapping, n / 30)
STENCIL(stencil_in_place, n / 100)

// v[b] += L[a][b] u[a] for b > a, u and v in one buffer at offsets the compiler cannot see: u[a] is
// read at one address throughout the inner loop, and when u lies above v, some v[b] is u[a].
#define TRIANGLE(name, u_of_n, v_of_n)                                                   \
  static double name(const double *x, double *w, int n) {                                \
    double s = 0;                                                                        \
    int u_at = u_of_n, v_at = v_of_n;                                                    \
    _Pragma("omp parallel for reduction(+:s) schedule(static, 2)")                       \
    for (int i = 0; i < 20; i++) {                                                       \
      double buf[40];                                                                    \
      double *u = buf + u_at, *v = buf + v_at;                                           \
      for (int a = 0; a < 10; a++) u[a] = x[(a + i) % n];                                \
      for (int a = 0; a < 10; a++) v[a] = 0.5 * u[a] * u[a];                             \
      for (int a = 0; a < 10; a++)                                                       \
        for (int b = a + 1; b < 10; b++) v[b] += (0.1 + 0.01 * (a + b)) * u[a] * x[b];   \
      double t = 0;                                                                      \
      for (int a = 0; a < 10; a++) t += v[a] * v[a];                                     \
      s += log(1.0 + t);                                                                 \
    }                                                                                    \
    return s;                                                                            \
  }
TRIANGLE(triangle_apart, 0, n / 3)
TRIANGLE(triangle_adjacent, 0, n / 6)
TRIANGLE(triangle_u_above_v, n / 30, 0)

int main(void) {
  int failed = 0;
  failed |= CHECK(stencil_apart, 60);
  failed |= CHECK(stencil_overlapping, 60);
  failed |= CHECK(stencil_in_place, 60);
  failed |= CHECK(triangle_apart, 60);
  failed |= CHECK(triangle_adjacent, 60);
  failed |= CHECK(triangle_u_above_v, 60);
  return failed;
}
