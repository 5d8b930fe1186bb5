// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: 18 checks passed
//
// Nodes `{double val; uintptr_t next}` that keep the address of the next node as an integer, walked
// by a recursive function that takes the address as an integer. From unoptimized input the load of
// `next` (an integer, from memory that also holds a double) was taken for a double's bits handed to
// a call, and refused with an error about floating-point memory loaded as an integer. The debug
// info declares the field `uintptr_t` (Types/DeclaredDebugTypes.swift, declaresInteger), and the
// gradient is right. Reverse mode against forward mode and central differences.
#include <stdint.h>
#include "../Inputs/check.h"

double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef struct Node {
  double val;
  uintptr_t next;
} Node;

static double walk(uintptr_t at) {
  const Node *node = (const Node *)at;
  return node->next ? node->val * walk(node->next) + sin(node->val) : node->val;
}

double chain(const double *x, int n) {
  Node nodes[8];
  for (int i = 0; i < n; i++) {
    nodes[i].val = x[i] * x[i] + 0.5;
    nodes[i].next = i + 1 < n ? (uintptr_t)&nodes[i + 1] : 0;
  }
  return walk((uintptr_t)&nodes[0]);
}

int main(void) {
  for (int n = 1; n <= 5; n += 2) {
    double x[8], g[8] = {0};
    for (int i = 0; i < n; i++) x[i] = 0.3 + 0.2 * i;
    __enzyme_autodiff((void *)chain, enzyme_dup, x, g, enzyme_const, n);
    char what[80];
    for (int i = 0; i < n; i++) {
      double dx[8] = {0};
      dx[i] = 1;
      snprintf(what, sizeof what, "n = %d: d/dx%d against forward mode", n, i);
      check_rel(what, g[i], __enzyme_fwddiff((void *)chain, enzyme_dup, x, dx, enzyme_const, n), 1e-12);
    }
    snprintf(what, sizeof what, "n = %d against central differences", n);
    check_gradient_fd(what, chain, x, g, n, 1e-6, 1e-6);
  }
  return finish();
}
