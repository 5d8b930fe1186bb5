// RUN: %clang-ad -fno-strict-aliasing %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 -fno-strict-aliasing %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %clang-ad -fno-strict-aliasing -DREVERSE %s -o %t.rev.bc
// RUN: not %swad-opt %t.rev.bc -o %t.rev.opt.bc 2>&1 | FileCheck %s --check-prefix=REVERSE
// RUN: test ! -e %t.rev.opt.bc
// Old numeric code copies doubles through `uint32_t *`, built with -fno-strict-aliasing as such
// code must be (with strict aliasing the `int`-tagged words may not alias the doubles, and the
// optimizer may reorder them in the primal and the derivative alike). The words are halves of the
// doubles the caller reads (WholeFloatCopies.copiesPieces) and carry their shadow's bits, which
// puts the tangents back together whole. With strict aliasing the copy is undefined behaviour
// and its `int`-tagged words stay integers (a `std::pair<double, int>` relies on that). Reverse mode
// refuses such words, naming the copy's line: no adjoint can go back in halves (unoptimized input is
// not refused there: the pre-AD simplification makes the loop a memcpy, which moves doubles).
#include <stdint.h>
#include "../Inputs/check.h"

double __enzyme_fwddiff(void *, ...);
void __enzyme_autodiff(void *, ...);
extern int enzyme_dup;

__attribute__((noinline)) static void copy_words(void *dst, const void *src, int n) {
  uint32_t *d = dst;
  const uint32_t *s = src;
  // REVERSE: double-words-through-uint32-pointer.c:[[@LINE+1]]:{{[0-9]+}}: in function 'copy_words': cannot differentiate in reverse mode this copy of data 4 bytes at a time that may be floating-point
  for (int i = 0; i < n; i++) d[i] = s[i];
}

// x0 x1 + x2², with x copied word by word first.
double f(const double *x) {
  double copy[3];
  copy_words(copy, x, 6);
  return copy[0] * copy[1] + copy[2] * copy[2];
}

#ifdef REVERSE
void gradient(const double *x, double *g) { __enzyme_autodiff((void *)f, enzyme_dup, x, g); }
#endif

int main(void) {
  const double points[2][3] = {{1.3, 2.0, -0.5}, {-0.25, 4.0, 3.0}};
  for (int p = 0; p < 2; p++) {
    const double *x = points[p];
    double want[3] = {x[1], x[0], 2 * x[2]};
    for (int i = 0; i < 3; i++) {
      double dx[3] = {0, 0, 0};
      dx[i] = 1;
      check_rel("tangent", __enzyme_fwddiff((void *)f, enzyme_dup, x, dx), want[i], 1e-15);
    }
  }
  return finish();
}
