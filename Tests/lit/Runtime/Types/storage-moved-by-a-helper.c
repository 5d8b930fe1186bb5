// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clang %t.O2.opt.bc -o %t.O2 -lm
// RUN: %t.O2
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clang %t.plain.opt.bc -o %t.plain -lm
// RUN: %t.plain
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Storage that holds two doubles or, when a manager is asked, a pointer (as std::function's
// `_Any_data` does), moved by a helper that is not inlined, against the hand derivative. Compiled
// with clang's default -O2 (the SLP vectorizer on), the caller fills the storage with one
// `<2 x double>` store and reads the moved copy as two doubles: the two descriptions of the copied
// bytes, grouped differently, were taken for a disagreement, the copy fell to the helper's first
// access (the manager pointer beside it) and the gradient was silently 0. The manager's pointer
// store at the same bytes must not outweigh the caller's own doubles either.
#include <string.h>
#include <stdio.h>
#include "../Inputs/check.h"
extern int enzyme_dup;
void __enzyme_autodiff(void *, ...);

// Storage that holds either two doubles or, when asked, a pointer to itself (as std::function's
// manager answers "where is the functor").
struct Any {
  double data[2];
  void (*manager)(struct Any *, struct Any *, int);
};

__attribute__((noinline)) static void manage(struct Any *dest, struct Any *source, int op) {
  if (op == 1) *(void **)dest->data = source;
}

__attribute__((noinline)) static void move(struct Any *to, struct Any *from) {
  memcpy(to->data, from->data, sizeof from->data);
  to->manager = from->manager;
}

int operation;  // 0: nothing (the manager is asked about something else)

double f(const double *p) {
  struct Any a, b;
  a.data[0] = 2 * p[0];
  a.data[1] = p[1];
  a.manager = manage;
  manage(&a, &b, operation);
  move(&b, &a);
  return b.data[0] * b.data[1];
}

int main(void) {
  double p[2] = {1.5, -0.75}, g[2] = {0, 0};
  __enzyme_autodiff((void *)f, enzyme_dup, p, g);
  check_rel("d/dp0", g[0], 2 * p[1], 1e-15);
  check_rel("d/dp1", g[1], 2 * p[0], 1e-15);
  return finish();
}
