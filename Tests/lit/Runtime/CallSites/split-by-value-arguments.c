// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0 | FileCheck %s
// CHECK: 22 checks passed
// A `double complex` or a record of two doubles passed by value is two double parameters in IR on
// x86-64, and two values in the variadic entry-point call. An activity marker stands for the source
// argument: its values come first, then its shadow's (`enzyme_dup, z, dz`). Unmarked, or with a
// marker per half, the halves are read one IR parameter at a time, as Enzyme reads them. Read so
// after `enzyme_dup`, the real part got the imaginary part as its tangent: creal(z²)'s tangent was
// 0.56 for 0.8, silently. Both modes, with other arguments after, a batch of two tangents, a record whose halves
// are a double and an integer, and that record passed in memory at the call (its registers used up)
// while the function takes it in registers. Against the derivatives by hand.
#include <complex.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const, enzyme_out, enzyme_width;
extern double __enzyme_fwddiff(void *, ...);
typedef struct { double re, im; } Pair;
extern Pair __enzyme_autodiff(void *, ...);
typedef struct { double first, second; } Tangents;
extern Tangents __enzyme_fwddiff_2(void *, ...) __asm__("__enzyme_fwddiff");
typedef struct { double ds; } Scale;
extern Scale __enzyme_autodiff_scale(void *, ...) __asm__("__enzyme_autodiff");

typedef struct {
  double x, y;
} Point;

typedef struct {
  double weight;
  long count;
} Weighted;

// Re z² + s·Im z = x² − y² + s·y.
__attribute__((noinline)) double squared(double complex z, double s) { return creal(z * z) + s * cimag(z); }
// |p|² · s.
__attribute__((noinline)) double norm(Point p, double s) { return (p.x * p.x + p.y * p.y) * s; }
// weight · count · s².
__attribute__((noinline)) double weighted(Weighted w, double s) { return w.weight * w.count * s * s; }
// Σ x_i y_i · weight over the first count entries. At the entry-point call the pointers, markers and
// shadows before it use up the integer registers: the record goes in memory there (a byval copy),
// in registers to the function.
__attribute__((noinline)) double dot(const double *x, const double *y, Weighted w) {
  double s = 0;
  for (long i = 0; i < w.count; i++) s += x[i] * y[i] * w.weight;
  return s;
}

int main(void) {
  double x = 0.4, y = 0.7, s = 1.5;
  double complex z = x + y * I;
  // Forward: d/dz in the direction dz, and d/ds.
  double complex dz = 1.0 + 2.0 * I;
  check_rel("complex, forward", __enzyme_fwddiff((void *)squared, enzyme_dup, z, dz, enzyme_const, s),
            2 * x - 2 * y * 2 + s * 2, 1e-15);
  check_rel("complex, forward, then the scale",
            __enzyme_fwddiff((void *)squared, enzyme_dup, z, 0.0 * I, enzyme_dup, s, 1.0), y, 1e-15);
  // Unmarked, or with a marker per half, the halves are read one IR parameter at a time, as Enzyme
  // reads them: each value followed by its tangent.
  check_rel("complex, forward, halves unmarked",
            __enzyme_fwddiff((void *)squared, x, 1.0, y, 2.0, enzyme_const, s), 2 * x - 4 * y + 2 * s, 1e-15);
  check_rel("complex, forward, a marker per half",
            __enzyme_fwddiff((void *)squared, enzyme_dup, x, 1.0, enzyme_dup, y, 2.0, enzyme_const, s),
            2 * x - 4 * y + 2 * s, 1e-15);
  // Two tangents at once: the real direction, then the imaginary one.
  Tangents t = __enzyme_fwddiff_2((void *)squared, enzyme_width, 2, enzyme_dup, z, 1.0 + 0.0 * I, 0.0 + 1.0 * I,
                                  enzyme_const, s);
  check_rel("complex, forward, width 2, lane 1", t.first, 2 * x, 1e-15);
  check_rel("complex, forward, width 2, lane 2", t.second, -2 * y + s, 1e-15);
  // Reverse: the adjoint of z's two halves.
  Pair dz_out = __enzyme_autodiff((void *)squared, enzyme_out, z, enzyme_const, s);
  check_rel("complex, reverse, d/dRe", dz_out.re, 2 * x, 1e-15);
  check_rel("complex, reverse, d/dIm", dz_out.im, -2 * y + s, 1e-15);
  Scale ds = __enzyme_autodiff_scale((void *)squared, enzyme_const, z, enzyme_out, s);
  check_rel("complex constant, reverse, d/ds", ds.ds, y, 1e-15);

  Point p = {0.3, -1.2}, dp = {1.0, 0.5};
  check_rel("record, forward", __enzyme_fwddiff((void *)norm, enzyme_dup, p, dp, enzyme_const, s),
            (2 * p.x * dp.x + 2 * p.y * dp.y) * s, 1e-15);
  check_rel("record, forward, d/ds", __enzyme_fwddiff((void *)norm, enzyme_const, p, enzyme_dup, s, 1.0),
            p.x * p.x + p.y * p.y, 1e-15);
  Pair dpo = __enzyme_autodiff((void *)norm, enzyme_out, p, enzyme_const, s);
  check_rel("record, reverse, d/dx", dpo.re, 2 * p.x * s, 1e-15);
  check_rel("record, reverse, d/dy", dpo.im, 2 * p.y * s, 1e-15);
  Scale dps = __enzyme_autodiff_scale((void *)norm, enzyme_const, p, enzyme_out, s);
  check_rel("record constant, reverse, d/ds", dps.ds, p.x * p.x + p.y * p.y, 1e-15);

  // A double beside an integer: two halves of different types.
  Weighted w = {0.25, 3}, dw = {1.0, 0};
  check_rel("double and integer, forward", __enzyme_fwddiff((void *)weighted, enzyme_dup, w, dw, enzyme_const, s),
            w.count * s * s, 1e-15);
  check_rel("double and integer, forward, d/ds",
            __enzyme_fwddiff((void *)weighted, enzyme_const, w, enzyme_dup, s, 1.0), w.weight * w.count * 2 * s,
            1e-15);
  Scale dws = __enzyme_autodiff_scale((void *)weighted, enzyme_const, w, enzyme_out, s);
  check_rel("double and integer constant, reverse, d/ds", dws.ds, w.weight * w.count * 2 * s, 1e-15);

  double xs[3] = {1, 2, 3}, ys[3] = {4, 5, 6}, dxs[3] = {0}, dys[3] = {0};
  __enzyme_autodiff((void *)dot, enzyme_dup, xs, dxs, enzyme_dup, ys, dys, enzyme_const, w);
  check_rel("record in memory at the call, reverse, d/dx1", dxs[1], ys[1] * w.weight, 1e-15);
  check_rel("record in memory at the call, reverse, d/dy2", dys[2], xs[2] * w.weight, 1e-15);
  double txs[3] = {0, 1, 0}, tys[3] = {0}, tw_weight = 1;
  Weighted tw = {tw_weight, 0};
  check_rel("record in memory at the call, forward",
            __enzyme_fwddiff((void *)dot, enzyme_dup, xs, txs, enzyme_dup, ys, tys, enzyme_dup, w, tw),
            ys[1] * w.weight + (xs[0] * ys[0] + xs[1] * ys[1] + xs[2] * ys[2]) * tw_weight, 1e-15);

  // Central differences for the complex function's forward derivative in a third direction.
  double h = 1e-6;
  double complex dir = -0.5 + 0.25 * I;
  double fd = (squared(z + h * dir, s) - squared(z - h * dir, s)) / (2 * h);
  check_fd("complex, forward, against central differences",
           __enzyme_fwddiff((void *)squared, enzyme_dup, z, dir, enzyme_const, s), fd, 1e-8);
  // And the reverse adjoint dotted with the direction agrees with the tangent.
  check_rel("complex, reverse against forward", dz_out.re * creal(dir) + dz_out.im * cimag(dir),
            __enzyme_fwddiff((void *)squared, enzyme_dup, z, dir, enzyme_const, s), 1e-15);
  return finish();
}
