// REQUIRES: valgrind
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite %t.O0in
// Hessian-vector products by forward mode over reverse mode, of a function that frees, round by
// round, blocks a helper made: the gradient registers each block's shadow on a thread's list to
// release when it is done (6000 records, past the list's first 64 KiB), and forward mode over it
// gives each record one for its tangent. The list's growth, differentiated before, realloc'd its
// block twice (an invalid free and a crash), and the tangents of the shadows leaked. Checked under
// valgrind, against central differences of the gradient and the hand-derived Hessian.
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
void __enzyme_fwddiff(void *, ...);

enum { ROUNDS = 6000 };

__attribute__((noinline)) static double *make(void) { return malloc(2 * sizeof(double)); }

// Σ_r 1e-3 x1 sin(x0 (1 + 1e-4 r)), one block made and freed a round.
__attribute__((noinline)) double f(const double *x, int rounds) {
  double s = 0;
  for (int r = 0; r < rounds; r++) {
    double *t = make();
    t[0] = x[0] * (1 + 1e-4 * r);
    t[1] = sin(t[0]) * x[1];
    s += t[1] * 1e-3;
    free(t);
  }
  return s;
}

__attribute__((noinline)) void grad(const double *x, double *g, int rounds) {
  g[0] = g[1] = 0;
  __enzyme_autodiff((void *)f, enzyme_dup, x, g, enzyme_const, rounds);
}

int main(void) {
  double x[2] = {0.5, 1.5};
  // The Hessian by hand: with c_r = 1 + 1e-4 r, f = 1e-3 x1 Σ sin(x0 c_r).
  double h00 = 0, h01 = 0;
  for (int r = 0; r < ROUNDS; r++) {
    double c = 1 + 1e-4 * r;
    h00 += -1e-3 * x[1] * c * c * sin(x[0] * c);
    h01 += 1e-3 * c * cos(x[0] * c);
  }
  double want[2][2] = {{h00, h01}, {h01, 0}};
  char what[64];
  for (int call = 0; call < 2; call++)
    for (int j = 0; j < 2; j++) {
      double v[2] = {j == 0, j == 1}, g[2], hv[2];
      __enzyme_fwddiff((void *)grad, enzyme_dup, x, v, enzyme_dup, g, hv, enzyme_const, ROUNDS);
      double xp[2] = {x[0] + 1e-6 * v[0], x[1] + 1e-6 * v[1]}, xm[2] = {x[0] - 1e-6 * v[0], x[1] - 1e-6 * v[1]};
      double gp[2], gm[2];
      grad(xp, gp, ROUNDS);
      grad(xm, gm, ROUNDS);
      for (int i = 0; i < 2; i++) {
        snprintf(what, sizeof what, "call %d: H[%d][%d]", call, i, j);
        check_scaled(what, hv[i], want[i][j], fabs(h00) + fabs(h01), 1e-12);
        snprintf(what, sizeof what, "call %d: H[%d][%d] against central differences", call, i, j);
        check_scaled(what, hv[i], (gp[i] - gm[i]) / 2e-6, fabs(h00) + fabs(h01), 1e-7);
      }
    }
  return finish();
}
