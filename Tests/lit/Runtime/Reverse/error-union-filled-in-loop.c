// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad -DFORWARD_ONLY %s -o %t.fwd.bc
// RUN: %swad-opt %t.fwd.bc -o %t.fwd.opt.bc
// RUN: %clang %t.fwd.opt.bc -o %t.fwd -lm
// RUN: %t.fwd
// RUN: %clang-ad-O0 -DREVERSE_CHECKED %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// An array of unions of a double and a pointer, filled with pointers in a loop, and one chosen by a
// helper that copies the union as a double (clang declares the union by its first member). The
// writes are at a variable index, so nothing at the copied bytes' own offsets says they are a
// pointer's, and the copy stayed a double's: the shadow pointer did not follow and the gradient
// crashed (or, with the destination holding another row before, went to that row). Pointers written
// anywhere in the array now make the copy ambiguous (Types/CopiedBytes.swift, RetypedCopies):
// reverse mode refuses it, naming the function; forward mode copies the shadow's bytes and is right.
// Unoptimized input keeps the copy a memcpy, made the member's own type before AD: both modes right.
// CHECK: error: {{.*}}.c:[[@LINE+10]]: in function 'choose': cannot differentiate in reverse mode this copy of a floating-point value of memory that holds a pointer for some accesses
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef union { double value; double *row; } Cell;
__attribute__((noinline)) static void choose(Cell *out, const Cell *a, const Cell *b, int first) {
  Cell x = *a, y = *b;
  *out = first ? x : y;
}
__attribute__((noinline)) static double dot3(const Cell *cell, const double *w) {
  return cell->row[0] * w[0] + cell->row[1] * w[1] + cell->row[2] * w[2];
}

// (chosen row . w)^2 + x[0], the rows x + 3r filled in a loop.
double f(double *x, const double *w, int first) {
  Cell rows[3];
  for (int r = 0; r < 3; r++) rows[r].row = x + 3 * r;
  Cell chosen = rows[1];
  choose(&chosen, &rows[0], &rows[2], first);
  double d = dot3(&chosen, w);
  return d * d + x[0];
}

int main(void) {
  const double w[3] = {0.5, -1.5, 2.0};
  double x[9];
  for (int i = 0; i < 9; i++) x[i] = 0.3 * i - 1.1;
#if defined(FORWARD_ONLY) || defined(REVERSE_CHECKED)
  for (int first = 0; first <= 1; first++) {
    int base = first ? 0 : 6;
    double d = x[base] * w[0] + x[base + 1] * w[1] + x[base + 2] * w[2];
    for (int i = 0; i < 9; i++) {
      double t[9] = {0};
      t[i] = 1;
      double want = (i >= base && i < base + 3 ? 2 * d * w[i - base] : 0) + (i == 0);
      check_rel("forward", __enzyme_fwddiff((void *)f, enzyme_dup, x, t, enzyme_const, w, enzyme_const, first), want, 1e-14);
    }
#ifdef REVERSE_CHECKED
    double dx[9] = {0};
    __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, first);
    for (int i = 0; i < 9; i++) {
      double want = (i >= base && i < base + 3 ? 2 * d * w[i - base] : 0) + (i == 0);
      check_rel("reverse", dx[i], want, 1e-14);
    }
#endif
  }
#else
  double dx[9] = {0};
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, 0);
#endif
  return finish();
}
