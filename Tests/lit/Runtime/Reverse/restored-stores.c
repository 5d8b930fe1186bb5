// A loop reads an input array; afterwards the function writes its result through a pointer that may
// point into that array (here it does). The combined gradient loads the array again in the reverse
// sweep instead of saving it: for that, the reverse sweep undoes the final stores (newest first) and
// the end of the gradient redoes them (oldest first). Checked: the gradient (by hand, with and without
// aliasing), and the memory the primal leaves behind.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);

// *out = Σ x[i]²;  *out += 3 x[0]
__attribute__((noinline)) void f(const double *x, double *out, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * x[i];
  *out = s;
  *out += 3 * x[0];
}

extern int enzyme_const;

int main(void) {
  enum { N = 6 };
  // Separate output: d out / d x_i = 2 x_i (+ 3 for i = 0).
  double x[N], dx[N] = {0}, out = 0, dout = 1;
  for (int i = 0; i < N; i++) x[i] = 0.5 + 0.25 * i;
  double sum = 0;
  for (int i = 0; i < N; i++) sum += x[i] * x[i];
  __enzyme_autodiff((void *)f, x, dx, &out, &dout, enzyme_const, N);
  check_rel("primal result", out, sum + 3 * x[0], 1e-15);
  for (int i = 0; i < N; i++) {
    char what[48];
    snprintf(what, sizeof what, "dx[%d]", i);
    check_rel(what, dx[i], 2 * x[i] + (i == 0 ? 3 : 0), 1e-13);
  }
  // The output aliases the last input: the primal reads x[N-1] in the loop, then overwrites it.
  // Seeding the output's shadow (which is dx[N-1]) with 1 gives, for x[N-1], the consumed seed plus
  // its own partial: dx[N-1] = 2 x[N-1], the others 2 x_i (+3).
  double y[N], dy[N] = {0};
  for (int i = 0; i < N; i++) y[i] = x[i];
  dy[N - 1] = 1;
  __enzyme_autodiff((void *)f, y, dy, &y[N - 1], &dy[N - 1], enzyme_const, N);
  check_rel("aliased primal result", y[N - 1], sum + 3 * x[0], 1e-15);
  for (int i = 0; i < N; i++) {
    char what[48];
    snprintf(what, sizeof what, "aliased dy[%d]", i);
    check_rel(what, dy[i], 2 * x[i] + (i == 0 ? 3 : 0), 1e-13);
  }
  return finish();
}
