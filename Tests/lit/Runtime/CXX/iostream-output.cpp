// Printing with std::cout inside the differentiated function (the active values included) is
// inactive without registration: text goes to the stream, nothing comes back into the program's
// data. Both modes, -O2 and -O0 input; the primal's output is printed by the derivatives too.
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clangxx %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: step 1: f(0.7) = 0.450952
// CHECK: step 2: f(0.7) = 0.450952
// CHECK: 2 checks passed
#include <cmath>
#include <iostream>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);

static int step = 0;

double f(double x) {
  double y = std::sin(x) * x;
  std::cout << "step " << ++step << ": f(" << x << ") = " << y << std::endl;
  return y * y;
}

int main() {
  double x = 0.7, y = std::sin(x) * x, dy = std::cos(x) * x + std::sin(x);
  check_rel("reverse", __enzyme_autodiff((void *)f, x), 2 * y * dy, 1e-14);
  check_rel("forward", __enzyme_fwddiff((void *)f, x, 1.0), 2 * y * dy, 1e-14);
  return finish();
}
