// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// float functions differentiated through non-variadic prototypes (a variadic prototype would promote
// float arguments to double): the tangents are floats, the results match hand-derived derivatives.
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
extern float __enzyme_fwddiff_ff(float (*)(float, float), float, float, float, float);
extern float __enzyme_fwddiff_arr(float (*)(const float *, int), int, const float *, const float *, int, int);

float f(float x, float y) { return x * y + sinf(x) * y + expf(0.5f * y); }

float sumsq(const float *a, int n) {
  float s = 0;
  for (int i = 0; i < n; i++) s += a[i] * a[i];
  return s;
}

int main(void) {
  const float pts[][2] = {{0.5f, 1.0f}, {-1.25f, 2.0f}, {3.0f, -0.5f}};
  for (int i = 0; i < 3; i++) {
    float x = pts[i][0], y = pts[i][1];
    check_rel("df/dx (float)", __enzyme_fwddiff_ff(f, x, 1.0f, y, 0.0f), (double)y + cos(x) * y, 1e-5);
    check_rel("df/dy (float)", __enzyme_fwddiff_ff(f, x, 0.0f, y, 1.0f), (double)x + sin(x) + 0.5 * exp(0.5 * y), 1e-5);
  }
  float a[4] = {1.0f, -2.0f, 0.5f, 4.0f}, da[4] = {0, 1, 0, 0};
  check_rel("d sumsq / da[1]", __enzyme_fwddiff_arr(sumsq, enzyme_dup, a, da, enzyme_const, 4), 2 * a[1], 1e-6);
  return finish();
}
