// REQUIRES: x86-avx2
// A leapfrog integration over local arrays of 6 positions, velocities and accelerations, which
// AVX2 vectorizes as <4 x double> and <2 x double>: the pre-AD simplification forwards the upper
// half of a stored <4 x double> to a later <2 x double> load through `<2 x i128>` (a bitcast, one
// lane, a bitcast back). It was refused as floats carried by integers; the lane is a shuffle of the
// doubles (FloatCarriers.extractedLanesOfFloatsAsFloats). The gradient in the stiffness and every
// start position, both modes, against central differences; -O2 and -O3 for AVX2, plain -O2 and
// unoptimized input too.
// RUN: %clang -O2 -march=haswell -emit-llvm -c %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -march=haswell %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O3 -march=haswell -emit-llvm -c %s -o %t.O3.bc
// RUN: %swad-opt %t.O3.bc -o %t.O3.opt.bc
// RUN: %clang -march=haswell %t.O3.opt.bc -o %t.O3 -lm
// RUN: %t.O3
// RUN: %clang -O2 -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clang %t.plain.opt.bc -o %t.plain -lm
// RUN: %t.plain
// RUN: %clang -O0 -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
#include <stdlib.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { MODES = 6 };

__attribute__((noinline)) static void accelerations(const double *x, double *a, double k) {
  for (int i = 0; i < MODES; i++) a[i] = -k * x[i] * (1 + 0.1 * i);
}

// The energy after 10 leapfrog steps; p[0] is the stiffness, p[1..6] the start positions.
double energy(const double *p, int n) {
  double *block = malloc(3 * MODES * sizeof(double)), *x = block, *v = block + MODES, *a = block + 2 * MODES;
  for (int i = 0; i < MODES; i++) {
    x[i] = p[1 + i];
    v[i] = 0;
  }
  accelerations(x, a, p[0]);
  for (int s = 0; s < 10; s++) {
    for (int i = 0; i < MODES; i++) {
      v[i] += 0.025 * a[i];
      x[i] += 0.05 * v[i];
    }
    accelerations(x, a, p[0]);
    for (int i = 0; i < MODES; i++) v[i] += 0.025 * a[i];
  }
  double e = 0;
  for (int i = 0; i < MODES; i++) e += v[i] * v[i] + x[i] * x[i];
  free(block);
  return n > 0 ? e : 0;
}

int main(void) {
  double p[1 + MODES] = {4.0, 0.1, -0.2, 0.3, 0.45, -0.5, 0.6}, g[1 + MODES] = {0};
  __enzyme_autodiff((void *)energy, enzyme_dup, p, g, enzyme_const, 1 + MODES);
  for (int i = 0; i < 1 + MODES; i++) {
    double h = 1e-6 * fmax(1.0, fabs(p[i])), saved = p[i];
    p[i] = saved + h;
    double up = energy(p, 1 + MODES);
    p[i] = saved - h;
    double down = energy(p, 1 + MODES);
    p[i] = saved;
    check_fd("energy", g[i], (up - down) / (2 * h), 1e-7);
    double t[1 + MODES] = {0};
    t[i] = 1;
    check_rel("energy forward", __enzyme_fwddiff((void *)energy, enzyme_dup, p, t, enzyme_const, 1 + MODES), g[i], 1e-12);
  }
  return finish();
}
