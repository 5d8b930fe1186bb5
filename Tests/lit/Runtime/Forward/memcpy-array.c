// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// memcpy of an array inside the differentiated function: the shadow is copied with the data, so the
// copy carries the tangents; a memcpy from a constant table gives zero tangents.
#include "../Inputs/check.h"
#include <string.h>

extern int enzyme_dup, enzyme_const;
extern double __enzyme_fwddiff(void *, ...);
extern void __enzyme_fwddiff_void(void *, ...);

static const double weights[8] = {1, 2, 3, 4, 5, 6, 7, 8};

// Copies x into a local buffer, squares in place, sums; plus copies of a constant table.
double copy_square_sum(const double *x, int n) {
  double buf[8], w[8];
  memcpy(buf, x, n * sizeof(double));
  memcpy(w, weights, sizeof w);
  double s = 0;
  for (int i = 0; i < n; i++) {
    buf[i] *= buf[i];
    s += w[i] * buf[i];
  }
  return s;
}

// Copies between two caller arrays: out = x, then out[0] *= 3.
void copy_out(const double *x, double *out, int n) {
  memcpy(out, x, n * sizeof(double));
  out[0] *= 3;
}

int main(void) {
  enum { N = 6 };
  double x[N] = {0.5, -1.0, 2.0, 1.5, -0.25, 3.0}, dx[N];
  for (int j = 0; j < N; j++) {
    for (int i = 0; i < N; i++) dx[i] = i == j;
    char what[64];
    snprintf(what, sizeof what, "d copy_square_sum / dx[%d]", j);
    check_rel(what, __enzyme_fwddiff((void *)copy_square_sum, enzyme_dup, x, dx, enzyme_const, N),
              2 * weights[j] * x[j], 1e-12);
  }
  double out[N], dout[N];
  for (int i = 0; i < N; i++) dx[i] = 0.5 * i + 1, dout[i] = -99;
  __enzyme_fwddiff_void((void *)copy_out, enzyme_dup, x, dx, enzyme_dup, out, dout, enzyme_const, N);
  for (int i = 0; i < N; i++) {
    check_rel("copy_out primal", out[i], i == 0 ? 3 * x[0] : x[i], 1e-12);
    check_rel("copy_out tangent", dout[i], i == 0 ? 3 * dx[0] : dx[i], 1e-12);
  }
  return finish();
}
