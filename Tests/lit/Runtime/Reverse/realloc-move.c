// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// realloc inside the differentiated function, straight-line: b[0] = x² is written before the
// realloc and read after it, so its adjoint reaches x only if the reverse sweep looks for it in
// the memory the shadow moved to (the old shadow block has been freed by then).
// f(x) = b[0] · x = x³, f'(x) = 3x².
#include <stdlib.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);

double f(double x) {
  double *b = malloc(sizeof(double));
  b[0] = x * x;
  b = realloc(b, 2 * sizeof(double));
  b[1] = b[0] * x;
  double r = b[1];
  free(b);
  return r;
}

int main(void) {
  const double xs[] = {1.5, -0.25, 3.0};
  for (int i = 0; i < 3; i++) {
    char what[64];
    snprintf(what, sizeof what, "f'(%g)", xs[i]);
    check_rel(what, __enzyme_autodiff((void *)f, xs[i]), 3 * xs[i] * xs[i], 1e-12);
  }
  return finish();
}
