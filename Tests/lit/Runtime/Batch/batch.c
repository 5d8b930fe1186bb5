// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// __enzyme_batch through the real pipeline: lanes whose control flow differs (a kink), float
// arguments promoted by the variadic prototype, a struct returned through sret, pointer lanes with
// side effects, and a batch of a function that asks for a gradient (four gradients in one call).
#include "../Inputs/check.h"

extern int enzyme_width, enzyme_vector, enzyme_scalar, enzyme_out, enzyme_const;
typedef struct { double v[4]; } Vec4;
typedef struct { float a, b; } Float2;
extern Vec4 __enzyme_batch(void *, ...);
extern Float2 __enzyme_batch_f2(void *, ...);
extern void __enzyme_batch_void(void *, ...);
extern double __enzyme_autodiff(void *, ...);

__attribute__((noinline)) double leaky(double x, double a) { return x > 0 ? a * x : a * sin(x) * 0.1; }
float square(float x) { return x * x; }
void bump(double *p, int k) { *p += k; }
double energy(double x, double a) { return a * x * x * x + exp(-x); }
double denergy(double x, double a) { return __enzyme_autodiff((void *)energy, enzyme_out, x, enzyme_const, a); }

int main(void) {
  double a = 2.5;
  double xs[4] = {-1.5, 0.0, 0.75, 3.0};
  Vec4 r = __enzyme_batch((void *)leaky, enzyme_width, 4, enzyme_vector, xs[0], xs[1], xs[2], xs[3], enzyme_scalar, a);
  for (int i = 0; i < 4; i++) check_rel("leaky lane", r.v[i], leaky(xs[i], a), 0);

  Float2 f = __enzyme_batch_f2((void *)square, enzyme_width, 2, enzyme_vector, 1.5f, -3.0f);
  check_rel("square lane 0", f.a, 2.25, 0);
  check_rel("square lane 1", f.b, 9.0, 0);

  double p[3] = {1, 10, 100};
  __enzyme_batch_void((void *)bump, enzyme_width, 3, enzyme_vector, &p[0], &p[1], &p[2], enzyme_scalar, 7);
  check_rel("bump 0", p[0], 8, 0);
  check_rel("bump 1", p[1], 17, 0);
  check_rel("bump 2", p[2], 107, 0);

  Vec4 g = __enzyme_batch((void *)denergy, enzyme_width, 4, enzyme_vector, xs[0], xs[1], xs[2], xs[3], enzyme_scalar, a);
  for (int i = 0; i < 4; i++) check_rel("gradient lane", g.v[i], 3 * a * xs[i] * xs[i] - exp(-xs[i]), 1e-15);
  return finish();
}
