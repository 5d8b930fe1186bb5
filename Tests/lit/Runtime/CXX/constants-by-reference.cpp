// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Scalars passed by const reference to helpers that are not inlined (as Eigen passes a product's
// scale): a constant (its slot needs no shadow), an active value (its slot does), a slot the helper
// writes an active value into for the caller to read back, and a local the helper both reads and
// overwrites. Reverse and forward mode against derivatives by hand.
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern "C" int enzyme_dup, enzyme_const;

enum { N = 5 };

// y[i] += alpha * x[i].
__attribute__((noinline)) void axpy(double *y, const double *x, const double &alpha) {
  for (int i = 0; i < N; i++) y[i] += alpha * x[i];
}

// out = sum of x (written through the reference).
__attribute__((noinline)) void total(const double *x, double &out) {
  double s = 0;
  for (int i = 0; i < N; i++) s += x[i];
  out = s;
}

// t = t * t + x[0] (read and overwritten).
__attribute__((noinline)) void square_in_place(double &t, const double *x) { t = t * t + x[0]; }

// L(x, a) = Σ y², y = 2x + a x (y starting at 0), plus (Σ x)² and (c² + x0) with c = 1.5.
__attribute__((noinline)) double loss(const double *x, double a) {
  double y[N] = {0};
  axpy(y, x, 2.0);  // a constant by reference
  axpy(y, x, a);    // an active value by reference
  double s;
  total(x, s);  // an active value written through the reference
  double c = 1.5;
  square_in_place(c, x);  // a constant overwritten with an active value
  double sum = s * s + c;
  for (int i = 0; i < N; i++) sum += y[i] * y[i];
  return sum;
}

int main() {
  double x[N] = {0.3, -0.7, 1.1, 0.25, -1.9}, dx[N] = {0}, a = 0.6;
  double da = __enzyme_autodiff((void *)loss, enzyme_dup, x, dx, a);
  double s = 0, k = 2 + a, sx2 = 0;
  for (int i = 0; i < N; i++) s += x[i], sx2 += x[i] * x[i];
  // dL/dx_i = 2 k² x_i + 2 s + [i = 0], dL/da = 2 k Σ x².
  for (int i = 0; i < N; i++) check_rel("dL/dx", dx[i], 2 * k * k * x[i] + 2 * s + (i == 0 ? 1 : 0), 1e-14);
  check_rel("dL/da", da, 2 * k * sx2, 1e-14);
  // Forward mode along (tx, ta).
  double tx[N] = {0.1, 0.2, -0.3, 0.4, 0.5}, ta = -0.25, want = 2 * k * sx2 * ta;
  for (int i = 0; i < N; i++) want += (2 * k * k * x[i] + 2 * s + (i == 0 ? 1 : 0)) * tx[i];
  double got = __enzyme_fwddiff((void *)loss, enzyme_dup, x, tx, a, ta);
  check_rel("forward", got, want, 1e-13);
  return finish();
}
