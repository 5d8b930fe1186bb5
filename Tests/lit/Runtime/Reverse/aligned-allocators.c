// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Memory from aligned allocators has shadows, in both modes: aligned_alloc returns its pointer,
// posix_memalign writes it through its first argument (and the shadow pointer through that
// argument's shadow). Checked against hand derivatives.
#define _POSIX_C_SOURCE 200112L
#include <stdlib.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern void __enzyme_fwddiff_v(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { N = 5 };

// Σ (i + 1) · x[i]², through a scratch buffer from posix_memalign or aligned_alloc.
double weighted_squares_posix(const double *x, int n) {
  double *buffer;
  if (posix_memalign((void **)&buffer, 64, n * sizeof(double)) != 0) return 0;
  for (int i = 0; i < n; i++) buffer[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * buffer[i];
  free(buffer);
  return s;
}

double weighted_squares_aligned(const double *x, int n) {
  double *buffer = aligned_alloc(64, N * sizeof(double));
  for (int i = 0; i < n; i++) buffer[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * buffer[i];
  free(buffer);
  return s;
}

// *out = a new buffer holding sin(x[i]): the shadow buffer reaches the caller through *dout.
__attribute__((noinline)) void make_sines(double **out, const double *x, int n) {
  if (posix_memalign((void **)out, 32, n * sizeof(double)) != 0) return;
  for (int i = 0; i < n; i++) (*out)[i] = sin(x[i]);
}

// Reverse and forward derivatives of f against 2 (i + 1) x[i].
#define CHECK_WEIGHTED_SQUARES(f, name)                                                               \
  do {                                                                                                \
    double dx[N] = {0};                                                                               \
    __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, N);                                 \
    for (int i = 0; i < N; i++) {                                                                     \
      char what[80];                                                                                  \
      snprintf(what, sizeof what, "%s: reverse d/dx[%d]", name, i);                                   \
      check_rel(what, dx[i], 2 * (i + 1) * x[i], 1e-15);                                              \
      double v[N] = {0};                                                                              \
      v[i] = 1;                                                                                       \
      snprintf(what, sizeof what, "%s: forward d/dx[%d]", name, i);                                   \
      check_rel(what, __enzyme_fwddiff((void *)f, enzyme_dup, x, v, enzyme_const, N), 2 * (i + 1) * x[i], 1e-15); \
    }                                                                                                 \
  } while (0)

int main(void) {
  double x[N] = {0.5, -1.25, 2.0, 3.5, -0.75};
  CHECK_WEIGHTED_SQUARES(weighted_squares_posix, "posix_memalign");
  CHECK_WEIGHTED_SQUARES(weighted_squares_aligned, "aligned_alloc");

  double *out = NULL, *dout = NULL;
  double v[N] = {1, 2, 3, 4, 5};
  __enzyme_fwddiff_v((void *)make_sines, enzyme_dup, &out, &dout, enzyme_dup, x, v, enzyme_const, N);
  check_exact("posix_memalign: shadow buffer returned", dout != NULL && dout != out, 1);
  for (int i = 0; i < N && dout; i++) {
    char what[80];
    snprintf(what, sizeof what, "posix_memalign: tangent of (*out)[%d]", i);
    check_rel(what, dout[i], cos(x[i]) * v[i], 1e-15);
  }
  free(out);
  free(dout);
  return finish();
}
