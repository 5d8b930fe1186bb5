// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: 5 checks passed
// A std::complex<double> passed by value is two double parameters on x86-64: `enzyme_dup, z, dz`
// gives each half its value, then its tangent from dz (the tangent was 5.43 for 2.93, silently).
// Forward mode against central differences and reverse mode.
#include <complex>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const, enzyme_out;
double __enzyme_fwddiff(void *, ...);
}
struct Halves {
  double re, im;
};
extern "C" Halves __enzyme_autodiff(void *, ...);

// |z²|² · s.
__attribute__((noinline)) double f(std::complex<double> z, double s) { return std::norm(z * z) * s; }

int main() {
  std::complex<double> z(0.4, 0.7);
  double s = 1.5, h = 1e-6;
  const std::complex<double> directions[3] = {{1.0, 0.5}, {1.0, 0.0}, {0.0, 1.0}};
  double tangents[3];
  for (int k = 0; k < 3; k++) {
    std::complex<double> dz = directions[k];
    tangents[k] = __enzyme_fwddiff((void *)f, enzyme_dup, z, dz, enzyme_const, s);
    double fd = (f(z + h * dz, s) - f(z - h * dz, s)) / (2 * h);
    check_fd("forward against central differences", tangents[k], fd, 1e-8);
  }
  Halves g = __enzyme_autodiff((void *)f, enzyme_out, z, enzyme_const, s);
  check_rel("reverse, d/dRe against forward", g.re, tangents[1], 1e-14);
  check_rel("reverse, d/dIm against forward", g.im, tangents[2], 1e-14);
  return finish();
}
