// A std::function holding a lambda that captured a pointer to active data, copy-assigned into a
// member (`m_func = f`, as an adaptive ODE solver's constructor does): libstdc++'s manager clones the
// lambda by loading and storing the pointer as a 64-bit integer. swad does not carry the shadow
// pointer through that copy yet; mirrored into the shadow as the integer it is, the shadow got the
// primal pointer and the derivative came out 0 without a word. Now the manager, reached through its
// function pointer, stops the derivative with a message naming the copy and its line. The primal is
// untouched. (The same lambda copy-constructed, or the std::function used in place, differentiates:
// std-function.cpp.) Optimized input only: from clang -O0 the copy has no alias tag and is found to
// move a pointer by the callers' accesses (CopiedBytes), but the gradient still crashes in the
// lambda's reverse sweep: an open defect, not yet located.
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t -lm
// RUN: not --crash %t 2>&1 | FileCheck %s
// CHECK: primal 12
// CHECK: swad: {{.*}}std_function.h:{{[0-9]+}}:{{[0-9]+}}: in function '{{.*}}_M_manager{{.*}}': a pointer is copied here as an integer, from memory with a shadow into memory with a shadow
#include <cstdio>
#include <functional>

extern "C" {
extern int enzyme_dup;
double __enzyme_autodiff(void *, ...);
}

struct Holder {
  std::function<double(double)> m_func;
  Holder(const std::function<double(double)> &f) { m_func = f; }
  double run(double x) const { return m_func(x); }
};

double objective(const double *p, const double *u) {
  std::function<double(double)> f = [p](double x) { return p[0] * x * x; };
  Holder h(f);
  return h.run(u[0]);
}

int main() {
  double p[1] = {3.0}, dp[1] = {0}, u[1] = {2.0}, du[1] = {0};
  std::printf("primal %g\n", objective(p, u));
  std::fflush(stdout);
  __enzyme_autodiff((void *)objective, enzyme_dup, p, dp, enzyme_dup, u, du);
  std::printf("dp %g du %g\n", dp[0], du[0]);
  return 0;
}
