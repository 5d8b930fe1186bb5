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
// Reverse mode at kinks: the derivative is that of the branch actually taken. relu'(0) = 0 (as a
// select and as a branch), fabs'(±0) = ±1 (the sign bit decides), (x == 0 ? 0 : x)' = 0 at 0 and 1 elsewhere, and
// fmax follows the operand it returns. Also over an array (enzyme_dup) with zeros.
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern void __enzyme_autodiff_v(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

double relu(double x) { return x > 0 ? x : 0; }
double relu_if(double x) {
  if (x > 0) return x;
  return 0.0;
}
double absval(double x) { return fabs(x); }
// fabs(-t*t) = t*t: with fabs' = copysign(1, ·) the second derivative at 0 is 2 (-t*t is -0.0).
double abs_negsq(double t) { return fabs(-t * t); }
double grad_abs_negsq(double t) { return __enzyme_autodiff((void *)abs_negsq, t); }
double zero_or_x(double x) { return x == 0 ? 0 : x; }
double fmax_x0(double x) { return fmax(x, 0.0); }
double fmax_0x(double x) { return fmax(0.0, x); }
// A tie of two operands that both depend on x (2x - x == x exactly for these x): whichever operand
// the rule credits, the derivative is 1.
double fmax_tie(double x) { return fmax(x, 2 * x - x); }

// Σ relu(a[i]) · (i + 1)
double relu_sum(const double *a, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += (a[i] > 0 ? a[i] : 0.0) * (i + 1);
  return s;
}

int main(void) {
  check_exact("relu'(0)", __enzyme_autodiff((void *)relu, 0.0), 0.0);
  check_exact("relu'(-0)", __enzyme_autodiff((void *)relu, -0.0), 0.0);
  check_exact("relu'(2)", __enzyme_autodiff((void *)relu, 2.0), 1.0);
  check_exact("relu'(-2)", __enzyme_autodiff((void *)relu, -2.0), 0.0);
  check_exact("relu_if'(0)", __enzyme_autodiff((void *)relu_if, 0.0), 0.0);
  check_exact("relu_if'(1e-300)", __enzyme_autodiff((void *)relu_if, 1e-300), 1.0);
  check_exact("relu_if'(-1e-300)", __enzyme_autodiff((void *)relu_if, -1e-300), 0.0);
  check_exact("fabs'(+0)", __enzyme_autodiff((void *)absval, 0.0), 1.0);
  check_exact("fabs'(-0)", __enzyme_autodiff((void *)absval, -0.0), -1.0);
  check_exact("fabs(-t*t)''(0), forward over reverse", __enzyme_fwddiff((void *)grad_abs_negsq, 0.0, 1.0), 2.0);
  check_exact("fabs(-t*t)''(-0.5), forward over reverse", __enzyme_fwddiff((void *)grad_abs_negsq, -0.5, 1.0), 2.0);
  check_exact("fabs'(3)", __enzyme_autodiff((void *)absval, 3.0), 1.0);
  check_exact("fabs'(-3)", __enzyme_autodiff((void *)absval, -3.0), -1.0);
  check_exact("(x == 0 ? 0 : x)' at 0", __enzyme_autodiff((void *)zero_or_x, 0.0), 0.0);
  check_exact("(x == 0 ? 0 : x)' at 0.5", __enzyme_autodiff((void *)zero_or_x, 0.5), 1.0);
  check_exact("(x == 0 ? 0 : x)' at -4", __enzyme_autodiff((void *)zero_or_x, -4.0), 1.0);
  check_exact("fmax(x, 0)' at 1", __enzyme_autodiff((void *)fmax_x0, 1.0), 1.0);
  check_exact("fmax(x, 0)' at -1", __enzyme_autodiff((void *)fmax_x0, -1.0), 0.0);
  check_exact("fmax(0, x)' at 1", __enzyme_autodiff((void *)fmax_0x, 1.0), 1.0);
  check_exact("fmax(0, x)' at -1", __enzyme_autodiff((void *)fmax_0x, -1.0), 0.0);
  check_exact("fmax(x, 2x - x)' at 3", __enzyme_autodiff((void *)fmax_tie, 3.0), 1.0);
  check_exact("fmax(x, 2x - x)' at -0.5", __enzyme_autodiff((void *)fmax_tie, -0.5), 1.0);

  enum { N = 9 };
  double a[N] = {-2.0, 0.0, 1.0, -0.0, 3.5, 1e-300, -1e-300, 0.0, 7.0};
  double da[N];
  for (int i = 0; i < N; i++) da[i] = 0.25;
  __enzyme_autodiff_v((void *)relu_sum, a, da, N);
  for (int i = 0; i < N; i++) {
    char what[64];
    snprintf(what, sizeof what, "relu_sum da[%d] at a = %g", i, a[i]);
    check_exact(what, da[i], 0.25 + (a[i] > 0 ? i + 1 : 0));
  }
  return finish();
}
