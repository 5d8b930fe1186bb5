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
// Regression: a gradient may put off a free of a temporary to the end of the reverse sweep (whose
// loads still need the memory) only when that free runs on every path. Here the temporary is freed
// on one branch and handed to the caller on the other; when the handed-over block was freed anyway,
// the caller's pointer dangled: its contents were overwritten by later allocations and freeing it
// was a double free. Checked for both branches: the gradient (2·x_i), and that the kept block
// still holds x_i² after other allocations and can be freed. Forward mode is checked the same way.
#include <stdlib.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

double *kept;
__attribute__((noinline)) void keep(double *p) { kept = p; }

// p_i = x_i², s = Σ p_i; p is freed when n > 2 and kept otherwise.
double sum_squares(const double *x, int n) {
  double *p = malloc(n * sizeof(double));
  for (int i = 0; i < n; i++) p[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; i++) s += p[i];
  if (n > 2) free(p);
  else keep(p);
  return s;
}

// Allocates and fills blocks of the kept block's size, then checks the kept block and frees it.
static void check_kept(const char *mode, const double *x, int n) {
  char what[96];
  double *junk[8];
  for (int k = 0; k < 8; k++) {
    junk[k] = malloc(n * sizeof(double));
    for (int i = 0; i < n; i++) junk[k][i] = 100.0 + k;
  }
  for (int i = 0; i < n; i++) {
    snprintf(what, sizeof what, "%s n=%d kept[%d]", mode, n, i);
    check_rel(what, kept[i], x[i] * x[i], 1e-12);
  }
  for (int k = 0; k < 8; k++) free(junk[k]);
  free(kept);
  kept = NULL;
}

int main(void) {
  char what[96];
  const double x[3] = {1.25, -2.5, 0.75}, t[3] = {0.5, 1.5, -2.0};
  for (int n = 2; n <= 3; n++) {
    double dx[3] = {0};
    __enzyme_autodiff((void *)sum_squares, enzyme_dup, x, dx, enzyme_const, n);
    for (int i = 0; i < n; i++) {
      snprintf(what, sizeof what, "reverse n=%d dx[%d]", n, i);
      check_rel(what, dx[i], 2 * x[i], 1e-12);
    }
    if (n == 2) check_kept("reverse", x, n);

    double tangent = __enzyme_fwddiff((void *)sum_squares, enzyme_dup, x, t, enzyme_const, n);
    double want = 0;
    for (int i = 0; i < n; i++) want += 2 * x[i] * t[i];
    snprintf(what, sizeof what, "forward n=%d", n);
    check_rel(what, tangent, want, 1e-12);
    if (n == 2) check_kept("forward", x, n);
  }
  return finish();
}
