// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: %t.plain
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// std::list, std::map and std::set inside the differentiated function: libstdc++ links their
// nodes out of line (_List_node_base::_M_hook, _Rb_tree_insert_and_rebalance, _Rb_tree_increment,
// ...), which had no rule and were refused. Run again on the shadow nodes, they build a shadow
// container of the same shape (Rules/CXXRuntime.swift, isNodeLinking). Reverse mode against
// central differences, forward mode against reverse.
#include <cmath>
#include <list>
#include <map>
#include <set>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

// Concentrations by species id in a std::map, integrated by explicit Euler; samples kept in a list
// that is reversed and spliced; a std::set orders the final values.
double kinetics(const double *p, int n) {
  (void)n;
  std::map<int, double> c;
  c[3] = 0.0;
  c[0] = 1.0;
  c[2] = 0.5 + p[0];
  c[1] = 0.25;
  std::list<double> history;
  for (int step = 0; step < 50; ++step) {
    std::map<int, double> dc;
    double r1 = std::exp(p[1]) * c[0] * c[2], r2 = p[2] * c[1];
    dc[0] -= r1;
    dc[2] -= r1;
    dc[1] += r1 - r2;
    dc[3] += r2;
    for (auto &kv : c) kv.second += 0.02 * dc[kv.first];
    if (step % 10 == 0) history.push_front(c[1]);
  }
  history.reverse();
  std::list<double> tail{c[3]};
  history.splice(history.end(), tail);
  double s = 0;
  int k = 1;
  for (double v : history) s += v * k++;
  std::set<double> ordered;
  for (auto &kv : c) ordered.insert(kv.second * (kv.first + 1));
  return s + *ordered.rbegin() - *ordered.begin();
}

int main() {
  double p[3] = {0.3, -0.2, 0.7}, dp[3] = {0, 0, 0};
  __enzyme_autodiff((void *)kinetics, enzyme_dup, p, dp, 3);
  check_gradient_fd("kinetics", kinetics, p, dp, 3, 1e-6, 1e-7);
  for (int i = 0; i < 3; i++) {
    double v[3] = {0, 0, 0};
    v[i] = 1;
    check_rel(i == 0 ? "tangent 0" : i == 1 ? "tangent 1" : "tangent 2",
              __enzyme_fwddiff((void *)kinetics, enzyme_dup, p, v, 3), dp[i], 1e-12);
  }
  return finish();
}
