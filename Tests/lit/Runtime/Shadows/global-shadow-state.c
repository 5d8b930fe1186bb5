// Shadow globals do not carry state from one derivative call to the next. swad gives a mutable
// global one shadow global, shared by every derivative, which no caller can seed or read; each
// derivative call (forward, combined reverse, the augmented half of split mode) starts it at zero.
// Before, forward mode left tangents in it and reverse mode left the adjoints of loads it never
// consumed, and the next call started from those values:
//   - a gradient after a tangent of a function that writes a buffer and reads it back in a callee
//     (the buffer a non-inlined helper hands out, or the global itself): got 28, want 12;
//   - a tangent after a gradient of a function that only reads the global: got 7, want 3;
//   - a gradient of a function that overwrites the global, after that gradient: got 20, want 12.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

static double buffer[4];
__attribute__((noinline)) static double *scratch(void) { return buffer; }
__attribute__((noinline)) static double first(const double *p) { return p[0]; }

// x³, through the buffer a helper hands out.
double cube_through_scratch(double *x) {
  double *b = scratch();
  b[0] = x[0] * x[0];
  return first(b) * x[0];
}

double g[1];

// x g, g only read.
double reads_global(double *x) { return x[0] * first(g); }

// x³, through g.
double writes_global(double *x) {
  g[0] = x[0] * x[0];
  return first(g) * x[0];
}

int main(void) {
  double x[1] = {2}, dx[1] = {0}, t[1] = {1};

  __enzyme_autodiff((void *)cube_through_scratch, enzyme_dup, x, dx);
  check_rel("cube_through_scratch gradient", dx[0], 12, 1e-13);
  check_rel("cube_through_scratch tangent", __enzyme_fwddiff((void *)cube_through_scratch, enzyme_dup, x, t), 12,
            1e-13);
  dx[0] = 0;
  __enzyme_autodiff((void *)cube_through_scratch, enzyme_dup, x, dx);
  check_rel("cube_through_scratch gradient after tangent", dx[0], 12, 1e-13);

  g[0] = 3;
  dx[0] = 0;
  __enzyme_autodiff((void *)reads_global, enzyme_dup, x, dx);
  check_rel("reads_global gradient", dx[0], 3, 1e-13);
  check_rel("reads_global tangent after gradient", __enzyme_fwddiff((void *)reads_global, enzyme_dup, x, t), 3, 1e-13);
  dx[0] = 0;
  __enzyme_autodiff((void *)writes_global, enzyme_dup, x, dx);
  check_rel("writes_global gradient after reads_global gradient", dx[0], 12, 1e-13);
  return finish();
}
