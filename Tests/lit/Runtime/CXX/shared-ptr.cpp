// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// std::shared_ptr holding active data: the reference counts (atomic updates included: a second
// thread makes libstdc++ use them) carry no derivative; make_shared, copies and resets. Both modes
// against hand derivatives.
// Releasing the last reference calls the control block's virtual _M_dispose/_M_destroy with the
// control block (which holds the active value) as argument: the call dispatches among the module's
// functions of that type, and candidates swad cannot differentiate (std::thread's state destructor)
// would stop at run time only if the pointer held them.
#include <memory>
#include <thread>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

// s = shared 3·x0, incremented by x1 through a copy; x0·s + s².
double shared(const double *in) {
  std::shared_ptr<double> s = std::make_shared<double>(3 * in[0]);
  std::shared_ptr<double> t = s;
  {
    std::shared_ptr<double> u = t;
    *u += in[1];
  }
  t.reset();
  return in[0] * *s + *s * *s;
}

int main() {
  std::thread([] {}).join();
  double x[2] = {0.7, -1.3};
  double s = 3 * x[0] + x[1];
  double want[2] = {s + 3 * x[0] + 6 * s, x[0] + 2 * s};
  double dx[2] = {0, 0};
  __enzyme_autodiff((void *)shared, enzyme_dup, x, dx);
  for (int i = 0; i < 2; i++) {
    check_rel("reverse", dx[i], want[i], 1e-14);
    double v[2] = {0, 0};
    v[i] = 1;
    check_rel("forward", __enzyme_fwddiff((void *)shared, enzyme_dup, x, v), want[i], 1e-14);
  }
  return finish();
}
