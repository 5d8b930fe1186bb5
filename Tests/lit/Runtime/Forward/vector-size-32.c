// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A <4 x double> computation written with __attribute__((vector_size(32))): vector arithmetic,
// element access and a horizontal sum, differentiated in forward mode through the vectors' shadows.
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
extern double __enzyme_fwddiff(void *, ...);
extern void __enzyme_fwddiff_void(void *, ...);

typedef double v4d __attribute__((vector_size(32)));

// sum_i (a_i * b_i + a_i * a_i * 0.5), a and b loaded as vectors from arrays.
double vdot(const double *pa, const double *pb) {
  v4d a, b;
  __builtin_memcpy(&a, pa, sizeof a);
  __builtin_memcpy(&b, pb, sizeof b);
  v4d c = a * b + a * a * 0.5;
  return c[0] + c[1] + c[2] + c[3];
}

// A vector passed by pointer and updated in place: v = v * v + s.
void vsquare(v4d *v, double s) {
  *v = *v * *v + s;
}

int main(void) {
  double a[4] = {1.0, -2.0, 0.5, 3.0}, b[4] = {0.25, 1.5, -1.0, 2.0};
  double da[4], db[4] = {0, 0, 0, 0};
  for (int j = 0; j < 4; j++) {
    for (int i = 0; i < 4; i++) da[i] = i == j;
    char what[64];
    snprintf(what, sizeof what, "d vdot / da[%d]", j);
    check_rel(what, __enzyme_fwddiff((void *)vdot, a, da, b, db), b[j] + a[j], 1e-12);
  }
  v4d v = {1.0, 2.0, -3.0, 0.5}, dv = {1.0, 0.0, 2.0, -1.0};
  v4d v0 = v, dv0 = dv;
  __enzyme_fwddiff_void((void *)vsquare, enzyme_dup, &v, &dv, 0.75, 1.0);
  for (int i = 0; i < 4; i++) {
    check_rel("vsquare primal", v[i], v0[i] * v0[i] + 0.75, 1e-12);
    check_rel("vsquare tangent", dv[i], 2 * v0[i] * dv0[i] + 1.0, 1e-12);
  }
  return finish();
}
