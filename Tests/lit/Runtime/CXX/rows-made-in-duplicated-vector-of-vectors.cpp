// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: 24 checks passed
// Rows made in place in a std::vector<std::vector<double>> passed with its shadow (enzyme_dup):
// `emplace_back(2, x)` and `push_back(row)` (a copy), in reverse mode, three calls in a row. A
// row's header is zeroed (memset) before it is given its storage; the reverse sweep zeroed the
// shadow header too, as if it held adjoints: the caller's shadow row came back empty, its storage
// leaked, and a gradient through it later read through null. The reverse of a memset now leaves
// the bytes the function's accesses put pointers in (the shadow's structure) and zeroes the rest.
// Against the derivative by hand, and the shadow rows' shapes against the rows'.
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
}

using Rows = std::vector<std::vector<double>>;

// A new row {x, x}; returns the new row's product plus the first row's first entry: x² + m[0][0].
__attribute__((noinline)) double emplaced(Rows &m, const double *x) {
  m.emplace_back(2, x[0]);
  return m.back()[0] * m.back()[1] + m[0][0];
}

// A copy of the first row, its first entry scaled by x; returns Σ of all squares.
__attribute__((noinline)) double copied(Rows &m, const double *x) {
  m.push_back(m[0]);
  m.back()[0] *= x[0];
  double s = 0;
  for (auto &row : m)
    for (double d : row) s += d * d;
  return s;
}

int main() {
  for (int call = 0; call < 3; call++) {
    Rows m{{1.5, 2}}, dm{{0, 0}};
    m.reserve(4), dm.reserve(4);
    double x[1] = {0.5 + call}, dx[1] = {0};
    __enzyme_autodiff((void *)emplaced, enzyme_dup, &m, &dm, enzyme_dup, x, dx);
    check_rel("emplace_back: d/dx", dx[0], 2 * x[0], 1e-15);
    check_exact("emplace_back: the shadow row's size", dm.size() == 2 ? dm[1].size() : 0, 2);
    check_rel("emplace_back: the first row's adjoint", dm[0][0], 1, 1e-15);
    check_exact("emplace_back: the new row's adjoints taken", dm[1][0] + dm[1][1], 0);

    Rows c{{1.5, 2}}, dc{{0, 0}};
    c.reserve(4), dc.reserve(4);
    double y[1] = {0.5 + call}, dy[1] = {0};
    __enzyme_autodiff((void *)copied, enzyme_dup, &c, &dc, enzyme_dup, y, dy);
    check_rel("push_back(row): d/dx", dy[0], 2 * 1.5 * 1.5 * y[0], 1e-15);
    check_exact("push_back(row): the shadow row's size", dc.size() == 2 ? dc[1].size() : 0, 2);
    // ∂/∂m[0][0]: 2·m00 (the first row) + 2·m00·x² (the copy, scaled).
    check_rel("push_back(row): the first row's adjoint", dc[0][0], 2 * 1.5 + 2 * 1.5 * y[0] * y[0], 1e-15);
    check_rel("push_back(row): m[0][1]'s adjoint", dc[0][1], 2 * 2 + 2 * 2, 1e-15);
  }
  return finish();
}
