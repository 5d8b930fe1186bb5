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
// Doubles swapped in 8-byte words through integer temporaries (`uint64_t` and memcpy, as generic
// swap routines do), both modes against hand derivatives. The reverse sweep moved each integer
// copy's adjoint straight from the stored-to memory to the loaded memory, which the swap had
// already overwritten: the adjoints went to the swapped places' new contents (silently wrong,
// found by a corpus of code nobody here wrote). The copy's adjoint now goes through the copied
// value (Gradient+Memory, reverseIntegerStore).
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

__attribute__((noinline)) static void swap_words(void *a, void *b, size_t n) {
  char *x = a, *y = b;
  for (size_t k = 0; k < n; k += 8) {
    uint64_t t, u;
    memcpy(&t, x + k, 8);
    memcpy(&u, y + k, 8);
    memcpy(x + k, &u, 8);
    memcpy(y + k, &t, 8);
  }
}

// v = {p0, 3 p1, p0 p1, 1}, its halves swapped when p0 < 3 p1: v = {p0 p1, 1, p0, 3 p1} and
// f = 2 p0 p1 + 1 + 15 p0 p1 + 3 p1.
double f(const double *p) {
  double v[4] = {p[0], 3 * p[1], p[0] * p[1], 1.0};
  if (v[0] < v[1]) swap_words(&v[0], &v[2], 2 * sizeof(double));
  return v[0] * 2 + v[1] * v[1] + v[2] * v[3] * 5 + v[3];
}

int main(void) {
  double p[2] = {0.3, 0.5}, g[2] = {0, 0};
  double want[2] = {17 * p[1], 17 * p[0] + 3};
  __enzyme_autodiff((void *)f, enzyme_dup, p, g);
  for (int i = 0; i < 2; i++) {
    double direction[2] = {0, 0};
    direction[i] = 1;
    char what[64];
    snprintf(what, sizeof what, "reverse d/dp%d", i);
    check_rel(what, g[i], want[i], 1e-14);
    snprintf(what, sizeof what, "forward d/dp%d", i);
    check_rel(what, __enzyme_fwddiff((void *)f, enzyme_dup, p, direction), want[i], 1e-14);
  }
  return finish();
}
