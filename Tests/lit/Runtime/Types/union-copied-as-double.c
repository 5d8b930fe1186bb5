// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A union of a double and a pointer, holding pointers here, chosen by a helper that is not inlined.
// Clang declares the union by its first member, and the optimizer copies it as a double; the
// shadow pointer did not move with it, and the gradient crashed (or, with the destination holding
// another pointer before, went to that pointer's element). The copy is given back its pointer type
// (Types/RetypedCopies.swift). Both modes, against hand derivatives, for both choices. (The rows
// are set one by one: what a union at a variable index holds is not looked for; README.)
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef union {
  double value;
  double *row;
} Cell;

__attribute__((noinline)) static void choose(Cell *out, const Cell *a, const Cell *b, int first) {
  Cell x = *a, y = *b;
  *out = first ? x : y;
}

__attribute__((noinline)) static double dot3(const Cell *cell, const double *w) {
  return cell->row[0] * w[0] + cell->row[1] * w[1] + cell->row[2] * w[2];
}

// rows[r] = x + 3r; f = (chosen row . w)^2 + x[0], the chosen row the first or the last.
double f(double *x, const double *w, int first) {
  Cell rows[3];
  rows[0].row = x;
  rows[1].row = x + 3;
  rows[2].row = x + 6;
  Cell chosen = rows[1];
  choose(&chosen, &rows[0], &rows[2], first);
  double d = dot3(&chosen, w);
  return d * d + x[0];
}

int main(void) {
  const double w[3] = {0.5, -1.5, 2.0};
  for (int first = 0; first <= 1; first++) {
    double x[9], dx[9] = {0}, t[9];
    for (int i = 0; i < 9; i++) x[i] = 0.3 * i - 1.1, t[i] = 1.0 + 0.25 * i;
    __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, first);
    int base = first ? 0 : 6;
    double d = x[base] * w[0] + x[base + 1] * w[1] + x[base + 2] * w[2];
    for (int i = 0; i < 9; i++) {
      double want = (i >= base && i < base + 3 ? 2 * d * w[i - base] : 0) + (i == 0);
      check_rel("reverse", dx[i], want, 1e-14);
    }
    double tangent = __enzyme_fwddiff((void *)f, enzyme_dup, x, t, enzyme_const, w, enzyme_const, first);
    double dd = t[base] * w[0] + t[base + 1] * w[1] + t[base + 2] * w[2];
    check_rel("forward", tangent, 2 * d * dd + t[0], 1e-14);
  }
  return finish();
}
