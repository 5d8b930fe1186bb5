// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// The dot product of two enzyme_dup arrays: the gradient with respect to a is b and with respect
// to b is a, ADDED into the shadows (+=): shadows pre-filled with nonzero values keep them. With one
// array enzyme_const, only the other shadow changes. Repeated calls accumulate.
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

double dotp(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

#define N 37

int main(void) {
  double a[N], b[N], da[N], db[N], da0[N], db0[N];
  for (int n = 0; n <= N; n += 6) {
    rng_fill(a, N);
    rng_fill(b, N);
    rng_fill(da0, N);
    rng_fill(db0, N);
    for (int i = 0; i < N; i++) da[i] = da0[i], db[i] = db0[i];
    char what[64];

    // Default activities: pointers duplicated, the int constant.
    __enzyme_autodiff((void *)dotp, a, da, b, db, n);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "n=%d da[%d]", n, i);
      check_rel(what, da[i], i < n ? da0[i] + b[i] : da0[i], 1e-12);
      snprintf(what, sizeof what, "n=%d db[%d]", n, i);
      check_rel(what, db[i], i < n ? db0[i] + a[i] : db0[i], 1e-12);
    }

    // A second call accumulates again; explicit markers.
    __enzyme_autodiff((void *)dotp, enzyme_dup, a, da, enzyme_dup, b, db, enzyme_const, n);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "n=%d twice da[%d]", n, i);
      check_rel(what, da[i], i < n ? da0[i] + 2 * b[i] : da0[i], 1e-12);
      snprintf(what, sizeof what, "n=%d twice db[%d]", n, i);
      check_rel(what, db[i], i < n ? db0[i] + 2 * a[i] : db0[i], 1e-12);
    }

    // b constant: only da changes.
    for (int i = 0; i < N; i++) da[i] = da0[i], db[i] = db0[i];
    __enzyme_autodiff((void *)dotp, enzyme_dup, a, da, enzyme_const, b, n);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "n=%d const b: da[%d]", n, i);
      check_rel(what, da[i], i < n ? da0[i] + b[i] : da0[i], 1e-12);
      snprintf(what, sizeof what, "n=%d const b: db[%d]", n, i);
      check_exact(what, db[i], db0[i]);
    }

    // The primal inputs are untouched.
    double a2[N], b2[N];
    for (int i = 0; i < N; i++) a2[i] = a[i], b2[i] = b[i];
    __enzyme_autodiff((void *)dotp, a, da, b, db, n);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "n=%d a[%d] unchanged", n, i);
      check_exact(what, a[i], a2[i]);
      snprintf(what, sizeof what, "n=%d b[%d] unchanged", n, i);
      check_exact(what, b[i], b2[i]);
    }
  }

  // Same array for both arguments: d/da (a·a) = 2a, accumulated into the one shadow.
  rng_fill(a, N);
  for (int i = 0; i < N; i++) da[i] = 1.0;
  __enzyme_autodiff((void *)dotp, a, da, a, da, N);
  for (int i = 0; i < N; i++) {
    char what[64];
    snprintf(what, sizeof what, "aliased da[%d]", i);
    check_rel(what, da[i], 1.0 + 2 * a[i], 1e-12);
  }
  return finish();
}
