// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// std::unique_ptr holding active data (make_unique, arrays, release by the deleter). Both modes
// against hand derivatives. std::shared_ptr is in shared-ptr.cpp.
#include <memory>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

struct Point { double x, y; };

// A Point in a unique_ptr, an array in a unique_ptr<double[]>, one moved: x·y + x·y + (3x)².
double pointers(const double *in) {
  auto p = std::make_unique<Point>(Point{in[0], in[1]});
  std::unique_ptr<double[]> a(new double[2]{in[0], in[1]});
  auto b = std::make_unique<double>(3 * in[0]);
  std::unique_ptr<double> c = std::move(b);
  return p->x * p->y + a[0] * a[1] + *c * *c;
}

int main() {
  double x[2] = {0.7, -1.3};
  double want[2] = {2 * x[1] + 18 * x[0], 2 * x[0]};
  double dx[2] = {0, 0};
  __enzyme_autodiff((void *)pointers, enzyme_dup, x, dx);
  for (int i = 0; i < 2; i++) {
    check_rel("reverse", dx[i], want[i], 1e-14);
    double v[2] = {0, 0};
    v[i] = 1;
    check_rel("forward", __enzyme_fwddiff((void *)pointers, enzyme_dup, x, v), want[i], 1e-14);
  }
  return finish();
}
