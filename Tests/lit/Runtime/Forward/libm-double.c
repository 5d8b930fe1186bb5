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
// Every libm function of the rule table, in double, against hand-derived derivatives at a few points
// of its domain (relative tolerance 1e-12). Binary functions are checked in each argument.
#define REAL double
#define LIBM(fn) fn
#define TOLERANCE 1e-12
#include "../Inputs/libm-cases.h"

extern double __enzyme_fwddiff(void *, ...);

#define AD_UNARY(name, ...)                                                                           \
  static double ad_##name(double x) { return __enzyme_fwddiff((void *)f_##name, x, 1.0); }
#define AD_BINARY(name, ...)                                                                          \
  static double adx_##name(double x, double y) { return __enzyme_fwddiff((void *)f_##name, x, 1.0, y, 0.0); } \
  static double ady_##name(double x, double y) { return __enzyme_fwddiff((void *)f_##name, x, 0.0, y, 1.0); }
LIBM_UNARY(AD_UNARY)
LIBM_BINARY(AD_BINARY)
LIBM_COMPOSITE(AD_UNARY)

double f_fma(double x, double y, double z) { return fma(x, y, z); }

int main(void) {
  LIBM_CHECK_ALL();

  // fma(x, y, z) = x*y + z: the partials are y, x and 1.
  const double xyz[][3] = {{2.0, 3.0, 4.0}, {-0.5, 0.25, 1e3}};
  for (int i = 0; i < 2; i++) {
    double x = xyz[i][0], y = xyz[i][1], z = xyz[i][2];
    check_rel("dfma/dx", __enzyme_fwddiff((void *)f_fma, x, 1.0, y, 0.0, z, 0.0), y, 1e-12);
    check_rel("dfma/dy", __enzyme_fwddiff((void *)f_fma, x, 0.0, y, 1.0, z, 0.0), x, 1e-12);
    check_rel("dfma/dz", __enzyme_fwddiff((void *)f_fma, x, 0.0, y, 0.0, z, 1.0), 1.0, 1e-12);
  }
  return finish();
}
