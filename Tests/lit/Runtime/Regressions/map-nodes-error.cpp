// RUN: %clangxx-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: not test -e %t.opt.bc
// A std::map with active values and several nodes: libstdc++ links its nodes out of line
// (_Rb_tree_insert_and_rebalance). Running that on the shadow nodes lost the adjoints of every node
// but the first (a silently zero gradient), so it is an error naming the call until the shadow tree
// is right.
#include <map>

extern int enzyme_dup, enzyme_const;
template <typename... T> double __enzyme_autodiff(void *, T...);

double grouped(const double *x, int n) {
  std::map<int, double> groups;
  for (int i = 0; i < n; i++) groups[i % 3] += x[i] * x[i];
  double s = 0;
  for (auto &g : groups) s += g.second * (g.first + 1);
  return s;
}

void gradient(const double *x, double *dx, int n) {
  __enzyme_autodiff((void *)grouped, enzyme_dup, x, dx, enzyme_const, n);
}
// CHECK: error: {{.*}}cannot differentiate a call of '{{.*}}_Rb_tree_{{.*}}': it has no body in this module and no derivative rule
