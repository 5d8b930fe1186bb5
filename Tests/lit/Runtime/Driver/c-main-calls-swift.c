// A C program that differentiates Swift functions: @_cdecl exports them under C names, and C asks
// for their derivatives with __enzyme_autodiff / __enzyme_fwddiff. One swad command compiles both
// languages and links with swiftc (the Swift runtime). Checked against hand-derived derivatives.
// RUN: %swad %s %S/Inputs/cdecl-functions.swift -Xswiftc -parse-as-library -o %t
// RUN: %t | FileCheck %s
// CHECK: {{[0-9]+}} checks passed
#include <math.h>
#include <stdio.h>

extern int enzyme_dup, enzyme_const, enzyme_out, enzyme_dupnoneed;
typedef struct { double dx, dy; } Gradient;
extern Gradient __enzyme_autodiff_xy(void *, ...);
extern double __enzyme_autodiff(void *, ...);
extern void __enzyme_autodiff_void(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

// The Swift functions, as C sees them (Swift's Int is long on this platform).
double swift_talk(double x, double y);
double swift_gaussian_sum(const double *x, const double *w, long n);
void swift_update(const double *x, double *y, long n);

static int failures = 0, checks = 0;
static void check(const char *what, int i, double got, double want) {
  checks++;
  if (got == want || fabs(got - want) <= 1e-12 * fabs(want)) return;
  failures++;
  printf("FAIL %s[%d]: got %.17g, want %.17g\n", what, i, got, want);
}

enum { N = 9 };

int main(void) {
  // Reverse and forward mode through a Swift scalar function.
  const double points[][2] = {{2, 3}, {0, 1}, {-1.5, 0.25}, {7, -2}};
  for (int k = 0; k < 4; k++) {
    double x = points[k][0], y = points[k][1];
    Gradient g = __enzyme_autodiff_xy((void *)swift_talk, enzyme_out, x, enzyme_out, y);
    check("talk df/dx", k, g.dx, y + cos(x) * y);
    check("talk df/dy", k, g.dy, x + sin(x));
    check("talk tangent", k, __enzyme_fwddiff((void *)swift_talk, enzyme_dup, x, 1.0, enzyme_const, y),
          y + cos(x) * y);
  }

  // Reverse mode through UnsafePointer arguments: shadows accumulate d/dx_i = -2 x_i w_i exp(-x_i²).
  double x[N], w[N], dx[N], v[N];
  for (int i = 0; i < N; i++) {
    x[i] = 0.35 * i - 1.2;
    w[i] = 1.0 + 0.5 * (i % 3);
    dx[i] = 0.25;
    v[i] = (i % 2) ? 1.0 : -0.5;
  }
  __enzyme_autodiff((void *)swift_gaussian_sum, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, (long)N);
  double jv = __enzyme_fwddiff((void *)swift_gaussian_sum, enzyme_dup, x, v, enzyme_const, w, enzyme_const,
                               (long)N);
  double want_jv = 0;
  for (int i = 0; i < N; i++) {
    double d = -2 * x[i] * w[i] * exp(-x[i] * x[i]);
    check("gaussian dx", i, dx[i], 0.25 + d);
    want_jv += d * v[i];
  }
  check("gaussian tangent", 0, jv, want_jv);

  // Reverse mode through an in-place update: the shadow of y holds the seed on entry and
  // d(new y_i)/d(old y_i) = x_i times it on return; the shadow of x gets (y_i + 2 x_i / (1 + x_i²))
  // times the seed.
  double y[N], dy[N], y0[N], dx2[N];
  for (int i = 0; i < N; i++) {
    y[i] = y0[i] = 2.0 - 0.3 * i;
    dy[i] = 1.0 + i;
    dx2[i] = 0;
  }
  __enzyme_autodiff_void((void *)swift_update, enzyme_dup, x, dx2, enzyme_dup, y, dy, enzyme_const, (long)N);
  for (int i = 0; i < N; i++) {
    double seed = 1.0 + i;
    check("update y", i, y[i], x[i] * y0[i] + log(1 + x[i] * x[i]));
    check("update dy", i, dy[i], x[i] * seed);
    check("update dx", i, dx2[i], (y0[i] + 2 * x[i] / (1 + x[i] * x[i])) * seed);
  }

  if (failures) {
    printf("%d of %d checks failed\n", failures, checks);
    return 1;
  }
  printf("%d checks passed\n", checks);
  return 0;
}
