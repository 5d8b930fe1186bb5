// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// A std::map with active values and several nodes: libstdc++ links its nodes out of line
// (_Rb_tree_insert_and_rebalance, _Rb_tree_increment). Run again on the shadow nodes, the first
// attempt lost the adjoints of every node but the first (a silently zero gradient), because the
// nodes the mirrored calls returned counted as constant; it was an error until that was right. Now
// they are the mirrored calls' results (Activity/ActivityAnalysis.swift), and the gradient is the
// hand-derived one, in both modes.
#include <map>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
template <typename... T> double __enzyme_autodiff(void *, T...);
template <typename... T> double __enzyme_fwddiff(void *, T...);

// Σ over groups g = i mod 3 of (g + 1) Σ xᵢ²
double grouped(const double *x, int n) {
  std::map<int, double> groups;
  for (int i = 0; i < n; i++) groups[i % 3] += x[i] * x[i];
  double s = 0;
  for (auto &g : groups) s += g.second * (g.first + 1);
  return s;
}

int main() {
  double x[7] = {1, 2, 3, 4, 5, 6, 7}, dx[7] = {0};
  __enzyme_autodiff((void *)grouped, enzyme_dup, x, dx, enzyme_const, 7);
  double tangentWant = 0;
  for (int i = 0; i < 7; i++) {
    char name[32];
    snprintf(name, sizeof name, "d/dx%d", i);
    check_rel(name, dx[i], 2 * x[i] * (i % 3 + 1), 1e-15);
    tangentWant += dx[i];
  }
  double v[7] = {1, 1, 1, 1, 1, 1, 1};
  check_rel("tangent", __enzyme_fwddiff((void *)grouped, enzyme_dup, x, v, enzyme_const, 7), tangentWant, 1e-15);
  return finish();
}
