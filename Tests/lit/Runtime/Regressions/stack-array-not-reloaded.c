// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %swad-opt -O0 %t.bc -o %t.O0.bc
// RUN: %clang %t.O0.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %swad-opt -O0 %t.O0in.bc -o %t.O0in.O0.bc
// RUN: %clang %t.O0in.O0.bc -o %t.O0in.O0 -lm
// RUN: %t.O0in.O0
// Regression: a gradient's reverse sweep must not load a primal value again from a stack array of
// the differentiated function. The reverse sweep runs in a frame of its own, after the forward
// sweep's frame (and its allocas) is gone, so such a load reads whatever now occupies that stack.
// Pinned with local arrays that are filled by a callee or by memcpy and then read in a loop: an
// array of doubles and an array of row pointers, each both ways. The gradients are compared with
// the products' hand-derived partials, and the forward-mode tangents with the same partials.
#include <string.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) void fill(double *buf, const double *x) {
  for (int i = 0; i < 8; i++) buf[i] = x[i];
}

// buf[8] filled by a callee; s = Σ_{i<n} buf[i & 7] · buf[(i + 3) & 7].
double filled_by_callee(const double *x, int n) {
  double buf[8];
  fill(buf, x);
  double s = 0;
  for (int i = 0; i < n; i++) s += buf[i & 7] * buf[(i + 3) & 7];
  return s;
}

// buf[8] filled by memcpy; s = Σ_{i+1<n} buf[i] · buf[i + 1].
double filled_by_memcpy(const double *x, int n) {
  double buf[8];
  memcpy(buf, x, n * sizeof(double));
  double s = 0;
  for (int i = 0; i + 1 < n; i++) s += buf[i] * buf[i + 1];
  return s;
}

__attribute__((noinline)) void gather(double **loc, double **rows, int n) {
  for (int i = 0; i < n; i++) loc[i] = rows[n - 1 - i];
}

// loc[4] holds the rows in reverse order, set by a callee; s = Σ loc[i][0] · loc[i][1].
double rows_by_callee(double **rows, int n) {
  double *loc[4];
  gather(loc, rows, n);
  double s = 0;
  for (int i = 0; i < n; i++) s += loc[i][0] * loc[i][1];
  return s;
}

// loc[4] copied from rows by memcpy; s = Σ loc[i][0] · loc[i][1].
double rows_by_memcpy(double **rows, int n) {
  double *loc[4];
  memcpy(loc, rows, n * sizeof(double *));
  double s = 0;
  for (int i = 0; i < n; i++) s += loc[i][0] * loc[i][1];
  return s;
}

// Compares the results of both modes for one of the row functions.
static void check_rows(const char *name, double *a, double *b, const double *da, const double *db,
                       double *const *drows, const double *ta, const double *tb, double tangent) {
  char what[96];
  snprintf(what, sizeof what, "%s reverse da[0]", name);
  check_rel(what, da[0], a[1], 1e-12);
  snprintf(what, sizeof what, "%s reverse da[1]", name);
  check_rel(what, da[1], a[0], 1e-12);
  snprintf(what, sizeof what, "%s reverse db[0]", name);
  check_rel(what, db[0], b[1], 1e-12);
  snprintf(what, sizeof what, "%s reverse db[1]", name);
  check_rel(what, db[1], b[0], 1e-12);
  snprintf(what, sizeof what, "%s reverse keeps the shadow row pointers", name);
  check_exact(what, drows[0] == da && drows[1] == db, 1);
  snprintf(what, sizeof what, "%s forward", name);
  check_rel(what, tangent, ta[0] * a[1] + a[0] * ta[1] + tb[0] * b[1] + b[0] * tb[1], 1e-12);
}

// Differentiates FN in both modes (a macro: the AD entry points take a constant function).
#define CHECK_ROWS(FN)                                                                             \
  do {                                                                                             \
    double a[2] = {1.5, -2.25}, b[2] = {0.375, 3.5}, da[2] = {0}, db[2] = {0};                     \
    double ta[2] = {0.5, 1.25}, tb[2] = {-0.75, 2.0};                                              \
    double *rows[2] = {a, b}, *drows[2] = {da, db}, *trows[2] = {ta, tb};                          \
    __enzyme_autodiff((void *)FN, enzyme_dup, rows, drows, enzyme_const, 2);                       \
    double tangent = __enzyme_fwddiff((void *)FN, enzyme_dup, rows, trows, enzyme_const, 2);       \
    check_rows(#FN, a, b, da, db, drows, ta, tb, tangent);                                         \
  } while (0)

int main(void) {
  char what[96];
  double x[8], t[8];
  for (int i = 0; i < 8; i++) x[i] = 1.25 + 0.5 * i - 0.125 * (i % 3), t[i] = 0.75 - 0.25 * i;

  // filled_by_callee, for n = 8 (each pair once) and n = 13 (the index wraps around the array).
  for (int n = 8; n <= 13; n += 5) {
    double dx[8] = {0}, want[8] = {0}, tangent = 0;
    for (int i = 0; i < n; i++) {
      int a = i & 7, b = (i + 3) & 7;
      want[a] += x[b];
      want[b] += x[a];
      tangent += t[a] * x[b] + x[a] * t[b];
    }
    __enzyme_autodiff((void *)filled_by_callee, enzyme_dup, x, dx, enzyme_const, n);
    for (int i = 0; i < 8; i++) {
      snprintf(what, sizeof what, "filled_by_callee n=%d reverse dx[%d]", n, i);
      check_rel(what, dx[i], want[i], 1e-12);
    }
    snprintf(what, sizeof what, "filled_by_callee n=%d forward", n);
    check_rel(what, __enzyme_fwddiff((void *)filled_by_callee, enzyme_dup, x, t, enzyme_const, n), tangent,
              1e-12);
  }

  // filled_by_memcpy, n = 4: ∂/∂x_i = x_{i-1} + x_{i+1} (where they exist).
  {
    enum { n = 4 };
    double dx[n] = {0}, tangent = 0;
    __enzyme_autodiff((void *)filled_by_memcpy, enzyme_dup, x, dx, enzyme_const, n);
    for (int i = 0; i < n; i++) {
      double want = (i > 0 ? x[i - 1] : 0) + (i + 1 < n ? x[i + 1] : 0);
      tangent += t[i] * want;
      snprintf(what, sizeof what, "filled_by_memcpy reverse dx[%d]", i);
      check_rel(what, dx[i], want, 1e-12);
    }
    check_rel("filled_by_memcpy forward", __enzyme_fwddiff((void *)filled_by_memcpy, enzyme_dup, x, t, enzyme_const, n),
              tangent, 1e-12);
  }

  // The row-pointer arrays: s = a0·a1 + b0·b1 in either order.
  CHECK_ROWS(rows_by_callee);
  CHECK_ROWS(rows_by_memcpy);
  return finish();
}
