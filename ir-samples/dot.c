// The talk's dot product, differentiated by swad: f(a, b) = Σ a_i b_i, whose gradient with respect
// to a is b and with respect to b is a.
//
// Reverse mode (__enzyme_autodiff) gives the whole gradient, with respect to both vectors, in one
// call: a and b are duplicated (enzyme_dup), each followed by its shadow, and the adjoints are ADDED
// into the shadows (so they start at zero). Forward mode (__enzyme_fwddiff) gives one directional
// derivative per call: seeding the tangent of a with the unit vector e_i (and of b with zero) gives
// ∂f/∂a_i, so the full gradient takes 2n calls, one per unit direction.
//
// Build and run (from the repository root):
//   swad ir-samples/dot.c -o dot && ./dot
#include <math.h>
#include <stdio.h>

extern int enzyme_dup, enzyme_const, enzyme_out;
extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

enum { N = 5 };

static double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

static int failures = 0;

static void show(const char *name, const double *v, const double *want) {
  printf("  %-26s", name);
  for (int i = 0; i < N; i++) {
    printf(" %+8.4f", v[i]);
    failures += fabs(v[i] - want[i]) > 1e-15 * fmax(1.0, fabs(want[i]));
  }
  printf("\n");
}

int main(void) {
  double a[N] = {1.0, -2.0, 0.5, 3.0, 0.25}, b[N] = {0.3, 1.5, -1.0, 2.0, -4.0};
  printf("a = (1, -2, 0.5, 3, 0.25), b = (0.3, 1.5, -1, 2, -4), a . b = %g\n", dot(a, b, N));

  // Reverse mode: one call, both gradients.
  double da[N] = {0}, db[N] = {0};
  __enzyme_autodiff((void *)dot, enzyme_dup, a, da, enzyme_dup, b, db, enzyme_const, N);

  // Forward mode: one call per unit direction, e_i on a (b's tangent zero), then e_i on b.
  double fa[N], fb[N], zero[N] = {0};
  for (int i = 0; i < N; i++) {
    double e[N] = {0};
    e[i] = 1;
    fa[i] = __enzyme_fwddiff((void *)dot, enzyme_dup, a, e, enzyme_dup, b, zero, enzyme_const, N);
    fb[i] = __enzyme_fwddiff((void *)dot, enzyme_dup, a, zero, enzyme_dup, b, e, enzyme_const, N);
  }

  printf("gradient with respect to a (should be b):\n");
  show("reverse mode, 1 call", da, b);
  show("forward mode, 5 calls", fa, b);
  printf("gradient with respect to b (should be a):\n");
  show("reverse mode (same call)", db, a);
  show("forward mode, 5 calls", fb, a);

  printf(failures ? "%d component(s) wrong\n" : "all components agree\n", failures);
  return failures != 0;
}
