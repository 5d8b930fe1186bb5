// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Structs passed and returned by value. A struct of two doubles is passed in registers as two
// doubles (so each field has its tangent); a larger struct is passed by pointer (byval) and gets a
// shadow; a returned 2-double struct is the derivative of each field.
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
typedef struct {
  double re, im;
} complex2;
typedef struct {
  double a, b, c, d;
} quad;

extern double __enzyme_fwddiff(void *, ...);
extern complex2 __enzyme_fwddiff_c(void *, ...);

// |z|^2 for z passed by value (two double registers).
double norm2(complex2 z) { return z.re * z.re + z.im * z.im; }

// A 4-double struct by value (passed in memory).
double quad_form(quad q, double t) { return q.a * t * t * t + q.b * t * t + q.c * t + q.d; }

// A 2-double struct returned by value: z^2.
complex2 square(complex2 z) {
  complex2 r = {z.re * z.re - z.im * z.im, 2 * z.re * z.im};
  return r;
}

// A wrapper taking scalars, returning the real part of z^2 through the struct.
double square_re(double re, double im) {
  complex2 z = {re, im};
  return square(z).re;
}

int main(void) {
  complex2 z = {1.5, -0.5};
  // norm2 as a function of (re, im): the struct arrives as two doubles, each followed by its tangent.
  check_rel("d norm2 / d re", __enzyme_fwddiff((void *)norm2, z.re, 1.0, z.im, 0.0), 2 * z.re, 1e-12);
  check_rel("d norm2 / d im", __enzyme_fwddiff((void *)norm2, z.re, 0.0, z.im, 1.0), 2 * z.im, 1e-12);

  quad q = {1.0, -2.0, 0.5, 3.0}, dq = {0, 0, 0, 0};
  double t = 1.25;
  // Derivative in t (the byval struct is duplicated with a zero shadow).
  check_rel("d quad_form / dt", __enzyme_fwddiff((void *)quad_form, enzyme_dup, &q, &dq, t, 1.0),
            3 * q.a * t * t + 2 * q.b * t + q.c, 1e-12);
  // Derivative in the coefficient a.
  dq.a = 1;
  check_rel("d quad_form / da", __enzyme_fwddiff((void *)quad_form, enzyme_dup, &q, &dq, t, 0.0), t * t * t, 1e-12);

  // d/dre Re(z^2) = 2 re, d/dim Re(z^2) = -2 im
  check_rel("d Re(z^2) / d re", __enzyme_fwddiff((void *)square_re, z.re, 1.0, z.im, 0.0), 2 * z.re, 1e-12);
  check_rel("d Re(z^2) / d im", __enzyme_fwddiff((void *)square_re, z.re, 0.0, z.im, 1.0), -2 * z.im, 1e-12);

  // The struct-returning function itself: the call, declared to return the struct, returns the
  // struct's tangent. d(z^2) = 2 z dz: along dz = 1 it is (2 re, 2 im), along dz = i it is (-2 im, 2 re).
  complex2 t1 = __enzyme_fwddiff_c((void *)square, z.re, 1.0, z.im, 0.0);
  check_rel("d z^2 along 1 (re)", t1.re, 2 * z.re, 1e-12);
  check_rel("d z^2 along 1 (im)", t1.im, 2 * z.im, 1e-12);
  complex2 ti = __enzyme_fwddiff_c((void *)square, z.re, 0.0, z.im, 1.0);
  check_rel("d z^2 along i (re)", ti.re, -2 * z.im, 1e-12);
  check_rel("d z^2 along i (im)", ti.im, 2 * z.re, 1e-12);
  return finish();
}
