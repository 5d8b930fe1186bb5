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
// Structs holding a pointer (an iterator) or an index, advanced by helpers that are not inlined,
// then one of two chosen and copied (`m = cond ? b : a`): the optimizer copies them as 64-bit
// integers through a select. The pointer's shadow was not carried: the gradient and the tangent
// through the chosen iterator were silently 0, and the program crashed when one side of the
// select was the argument itself. Both modes, against hand derivatives (Types/CopiedBytes.swift).
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

typedef struct { double *p; } Iterator;
typedef struct { long k; } Index;

__attribute__((noinline)) static void advance(Iterator *it) { it->p++; }
__attribute__((noinline)) static double get(const Iterator *it) { return *it->p; }
__attribute__((noinline)) static void bump(Index *index, long by) { index->k += by; }
__attribute__((noinline)) static long key(const Index *index) { return index->k; }

// 10 * max(x[1], x[2]) * x[0]
double larger_of_two(double *x) {
  Iterator a = {x}, b = {x}, m;
  advance(&a);
  advance(&b);
  advance(&b);
  if (get(&b) > get(&a)) m = b; else m = a;
  return 10 * get(&m) * x[0];
}

// 10 * max(x[0], x[1]): one side is the argument itself.
double argument_or_next(double *x) {
  Iterator a = {x}, b = {x}, m;
  advance(&b);
  if (get(&b) > get(&a)) m = b; else m = a;
  return 10 * get(&m);
}

// x[k] * x[0], k chosen from two indices: integers carried as before.
double chosen_index(double *x) {
  Index a = {0}, b = {1}, m;
  bump(&a, 2);
  bump(&b, 0);
  if (x[0] > 0.5) m = b; else m = a;
  return x[key(&m)] * x[0];
}

int main(void) {
  double x[3] = {1.5, 2.0, 3.0}, dx[3] = {0, 0, 0};
  __enzyme_autodiff((void *)larger_of_two, enzyme_dup, x, dx);
  check_rel("larger_of_two d/dx0", dx[0], 30, 1e-15);
  check_exact("larger_of_two d/dx1", dx[1], 0);
  check_rel("larger_of_two d/dx2", dx[2], 15, 1e-15);
  double v[3] = {0, 0, 1};
  check_rel("larger_of_two tangent", __enzyme_fwddiff((void *)larger_of_two, enzyme_dup, x, v), 15, 1e-15);

  double y[2] = {1.0, 2.0}, dy[2] = {0, 0};
  __enzyme_autodiff((void *)argument_or_next, enzyme_dup, y, dy);
  check_exact("argument_or_next d/dy0", dy[0], 0);
  check_rel("argument_or_next d/dy1", dy[1], 10, 1e-15);
  double z[2] = {3.0, 2.0}, dz[2] = {0, 0};
  __enzyme_autodiff((void *)argument_or_next, enzyme_dup, z, dz);
  check_rel("argument_or_next d/dz0", dz[0], 10, 1e-15);
  check_exact("argument_or_next d/dz1", dz[1], 0);

  double w[3] = {1.0, 2.0, 3.0}, dw[3] = {0, 0, 0};
  __enzyme_autodiff((void *)chosen_index, enzyme_dup, w, dw);
  check_rel("chosen_index d/dw0", dw[0], 2, 1e-15);
  check_rel("chosen_index d/dw1", dw[1], 1, 1e-15);
  check_exact("chosen_index d/dw2", dw[2], 0);
  double u[3] = {1, 0, 0};
  check_rel("chosen_index tangent", __enzyme_fwddiff((void *)chosen_index, enzyme_dup, w, u), 2, 1e-15);
  return finish();
}
