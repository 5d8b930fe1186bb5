// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Shadow contexts in a program that never calls __enzyme_zero_shadows (a new context is zeroed all
// the same), for a global that no code writes (only __enzyme_shadow names it), beside a global
// pointer to heap memory the function allocates and frees; and a batch of gradients.
#include <stdlib.h>
#include "../Inputs/check.h"

extern int enzyme_context, enzyme_out, enzyme_width, enzyme_vector;
extern void *__enzyme_context(int);
extern void *__enzyme_shadow(void *, void *, int);
extern double __enzyme_autodiff(void *, ...);
typedef struct { double v[3]; } Vec3;
extern Vec3 __enzyme_batch(void *, ...);

double scale = 2.0;
static double *buffer;

double g(double x) { return scale * x * x; }
double h(double x) {
  buffer = malloc(2 * sizeof(double));
  buffer[0] = x;
  buffer[1] = x * x;
  double r = buffer[0] + buffer[1] * scale;
  free(buffer);
  return r;
}
double dg(double x) { return __enzyme_autodiff((void *)g, enzyme_out, x); }

int main(void) {
  void *one = __enzyme_context(1);
  check_rel("dg/dx", __enzyme_autodiff((void *)g, enzyme_context, one, enzyme_out, 3.0), 2 * scale * 3.0, 0);
  check_rel("dg/dscale", *(double *)__enzyme_shadow(one, &scale, 0), 9.0, 0);
  void *other = __enzyme_context(1);
  check_rel("dh/dx", __enzyme_autodiff((void *)h, enzyme_context, other, enzyme_out, 3.0), 1 + 2 * scale * 3.0, 0);
  check_rel("dh/dscale", *(double *)__enzyme_shadow(other, &scale, 0), 9.0, 0);
  check_rel("the first context keeps its own", *(double *)__enzyme_shadow(one, &scale, 0), 9.0, 0);
  Vec3 gradients = __enzyme_batch((void *)dg, enzyme_width, 3, enzyme_vector, 1.0, 2.0, 3.0);
  for (int i = 0; i < 3; i++) check_rel("batch of gradients", gradients.v[i], 2 * scale * (i + 1), 0);
  free(one);
  free(other);
  return finish();
}
