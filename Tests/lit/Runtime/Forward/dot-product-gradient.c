// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// The gradient of a dot product by forward mode: one call per unit direction e_j, with enzyme_dup
// arrays (the shadow of a is e_j, the shadow of b is zero, or the other way round).
#include "../Inputs/check.h"
#include <string.h>

extern int enzyme_dup, enzyme_const;
extern double __enzyme_fwddiff(void *, ...);

enum { N = 7 };

double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

int main(void) {
  double a[N], b[N], da[N], db[N];
  for (int i = 0; i < N; i++) {
    a[i] = 0.5 + i * 0.25;
    b[i] = 1.0 - i * 0.5;
  }
  for (int j = 0; j < N; j++) {
    char what[64];
    // d(a.b)/da_j = b_j
    memset(da, 0, sizeof da);
    memset(db, 0, sizeof db);
    da[j] = 1.0;
    double g = __enzyme_fwddiff((void *)dot, enzyme_dup, a, da, enzyme_dup, b, db, enzyme_const, N);
    snprintf(what, sizeof what, "d dot / d a[%d]", j);
    check_rel(what, g, b[j], 1e-12);
    // d(a.b)/db_j = a_j, with a constant
    memset(db, 0, sizeof db);
    db[j] = 1.0;
    g = __enzyme_fwddiff((void *)dot, enzyme_const, a, enzyme_dup, b, db, enzyme_const, N);
    snprintf(what, sizeof what, "d dot / d b[%d]", j);
    check_rel(what, g, a[j], 1e-12);
    // The primal inputs are untouched, the shadows too.
    check_exact("db unchanged", db[j], 1.0);
  }
  // Both directions at once: d/dt (a + t u).(b + t v) = u.b + a.v
  for (int i = 0; i < N; i++) {
    da[i] = (i % 3) - 1.0;
    db[i] = 0.5 * i;
  }
  double want = dot(da, b, N) + dot(a, db, N);
  check_rel("both directions", __enzyme_fwddiff((void *)dot, a, da, b, db, enzyme_const, N), want, 1e-12);
  return finish();
}
