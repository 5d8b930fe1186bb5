// Numerical Recipes style C: an integrator takes its integrand through an unprototyped function
// pointer (`double (*func)()`), which clang calls as variadic. The pointer dispatches among the
// module's functions that take the double passed (IndirectCallPromotion); the gradient with respect
// to the integrand's parameter and the limits is checked against central differences and along a
// direction against forward mode, for each of two integrands, from -O2 and -O0 input.
// RUN: %clang-ad -Wno-deprecated-non-prototype %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 -Wno-deprecated-non-prototype %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

static double rate;  // the integrands' parameter, set by the objective

static double decay(double t) { return exp(-rate * t) * cos(t); }
static double bump(double t) { return 1.0 / (1.0 + rate * t * t); }

// Composite Simpson's rule with n intervals, the integrand through an unprototyped pointer.
__attribute__((noinline)) static double simpson(double (*func)(), double a, double b, int n) {
  double h = (b - a) / n, sum = (*func)(a) + (*func)(b);
  for (int i = 1; i < n; i++) sum += (i % 2 ? 4.0 : 2.0) * (*func)(a + i * h);
  return sum * h / 3.0;
}

static int which;  // 0: decay, 1: bump (a global, so the pointer is not known where it is called)

// p = {rate, a, b}
static double integral(const double *p, int count) {
  (void)count;
  rate = p[0];
  return simpson(which ? bump : decay, p[1], p[2], 40);
}

int main(void) {
  for (which = 0; which < 2; which++) {
    double p[3] = {0.7, 0.1, 2.3}, dp[3] = {0}, v[3] = {0.3, -0.8, 0.5};
    __enzyme_autodiff((void *)integral, enzyme_dup, p, dp, enzyme_const, 3);
    check_gradient_fd(which ? "bump" : "decay", integral, p, dp, 3, 1e-6, 1e-8);
    double along = v[0] * dp[0] + v[1] * dp[1] + v[2] * dp[2];
    check_rel("forward along v", __enzyme_fwddiff((void *)integral, enzyme_dup, p, v, enzyme_const, 3), along, 1e-12);
  }
  return finish();
}
