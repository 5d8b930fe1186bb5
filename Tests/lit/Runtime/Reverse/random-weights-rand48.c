// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
// Random weights from POSIX's rand48 family (erand48 with the caller's state, as Kevin Beason's
// smallpt samples, its state a local array; drand48 with libc's): the numbers carry no derivative,
// and erand48 writes only the state it is given, so the calls are inactive without a registration.
// Before, each was an error ("no body and no derivative rule"). Every run starts from the same seeds,
// so that the gradient and the central differences see the same samples.
#define _DEFAULT_SOURCE
#include <stdlib.h>

#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

// E[(a x_i - b)^2 w] over 64 samples x_i ~ U(0,1), w ~ U(0.5, 1.5), p = {a, b}.
__attribute__((noinline)) static double expected_loss(const double *p, const unsigned short *seed) {
  unsigned short state[3] = {seed[0], seed[1], seed[2]};
  double total = 0;
  srand48(11);
  for (int i = 0; i < 64; i++) {
    double x = erand48(state);
    double w = 0.5 + drand48();
    double r = p[0] * x - p[1];
    total += r * r * w;
  }
  return total / 64;
}

static unsigned short seed[3] = {3, 5, 7};

static double loss_of(const double *p, int count) {
  (void)count;
  return expected_loss(p, seed);
}

int main(void) {
  double p[2] = {1.3, 0.4}, dp[2] = {0, 0}, v[2] = {0.6, -0.8};
  __enzyme_autodiff((void *)expected_loss, enzyme_dup, p, dp, enzyme_const, seed);
  check_gradient_fd("expected loss", loss_of, p, dp, 2, 1e-6, 1e-9);
  check_rel("forward along v", __enzyme_fwddiff((void *)expected_loss, enzyme_dup, p, v, enzyme_const, seed),
            v[0] * dp[0] + v[1] * dp[1], 1e-13);
  return finish();
}
