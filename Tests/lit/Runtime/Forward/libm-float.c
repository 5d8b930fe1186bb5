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
// Every libm function of the rule table, in float (sinf, powf, ...), against hand-derived derivatives
// evaluated in double at the same float points (relative tolerance 1e-5). float functions are
// differentiated through non-variadic prototypes, since C promotes float arguments of `...` to double.
#define REAL float
#define LIBM(fn) fn##f
#define TOLERANCE 1e-5
#include "../Inputs/libm-cases.h"

extern float __enzyme_fwddiff_f1(float (*)(float), float, float);
extern float __enzyme_fwddiff_f2(float (*)(float, float), float, float, float, float);
extern float __enzyme_fwddiff_f3(float (*)(float, float, float), float, float, float, float, float, float);

#define AD_UNARY(name, ...)                                                                           \
  static double ad_##name(double x) { return __enzyme_fwddiff_f1(f_##name, (float)x, 1.0f); }
#define AD_BINARY(name, ...)                                                                          \
  static double adx_##name(double x, double y) { return __enzyme_fwddiff_f2(f_##name, (float)x, 1.0f, (float)y, 0.0f); } \
  static double ady_##name(double x, double y) { return __enzyme_fwddiff_f2(f_##name, (float)x, 0.0f, (float)y, 1.0f); }
LIBM_UNARY(AD_UNARY)
LIBM_BINARY(AD_BINARY)
LIBM_COMPOSITE(AD_UNARY)

float f_fma(float x, float y, float z) { return fmaf(x, y, z); }

int main(void) {
  LIBM_CHECK_ALL();

  // fmaf(x, y, z) = x*y + z: the partials are y, x and 1.
  const float xyz[][3] = {{2.0f, 3.0f, 4.0f}, {-0.5f, 0.25f, 1e3f}};
  for (int i = 0; i < 2; i++) {
    float x = xyz[i][0], y = xyz[i][1], z = xyz[i][2];
    check_rel("dfmaf/dx", __enzyme_fwddiff_f3(f_fma, x, 1.0f, y, 0.0f, z, 0.0f), y, 1e-5);
    check_rel("dfmaf/dy", __enzyme_fwddiff_f3(f_fma, x, 0.0f, y, 1.0f, z, 0.0f), x, 1e-5);
    check_rel("dfmaf/dz", __enzyme_fwddiff_f3(f_fma, x, 0.0f, y, 0.0f, z, 1.0f), 1.0, 1e-5);
  }
  return finish();
}
