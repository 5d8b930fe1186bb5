// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: not --crash %t jump 2>&1 | FileCheck %s --check-prefix=JUMP
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// RUN: not --crash %t.O0in jump 2>&1 | FileCheck %s --check-prefix=JUMP
// Error handling with setjmp/longjmp, as C libraries do it: a helper jumps back to the
// differentiated function when an argument is out of its domain. Before, reverse mode gave a gradient
// of 0 when the jump was taken (the reverse sweep never saw the path past it). Now reverse mode stops
// there with a message naming the setjmp; without the jump, and in forward mode with it, the
// derivatives agree with central differences.
// CHECK: checks passed
// JUMP: swad: {{.*}}setjmp-longjmp.c:[[@LINE+19]]:{{[0-9]+}}: in function 'f': cannot differentiate in reverse mode a longjmp back to this setjmp
#include <math.h>
#include <setjmp.h>
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

static jmp_buf env;

static double safe_log(double x) {
  if (x <= 0) longjmp(env, 1);
  return log(x);
}

double f(const double *p) {
  volatile double partial[3] = {0, 0, 0};
  if (setjmp(env)) return partial[0] + partial[1] + partial[2];
  for (int i = 0; i < 3; i++) partial[i] = safe_log(p[i]) * p[(i + 1) % 3];
  return partial[0] * partial[1] + partial[2];
}

static void compare(const char *what, const double *p) {
  double direction[3], tangent, gradient[3] = {0, 0, 0};
  for (int i = 0; i < 3; i++) {
    double up[3], down[3], h = 1e-6;
    memcpy(up, p, sizeof up);
    memcpy(down, p, sizeof down);
    up[i] += h, down[i] -= h;
    double want = (f(up) - f(down)) / (2 * h);
    for (int j = 0; j < 3; j++) direction[j] = i == j;
    tangent = __enzyme_fwddiff((void *)f, enzyme_dup, p, direction);
    check_fd(what, tangent, want, 1e-6);
  }
  (void)gradient;
}

int main(int argc, char **argv) {
  double fine[3] = {0.7, 1.2, 0.4}, jumping[3] = {0.7, -1.2, 0.4};
  compare("forward, no jump", fine);
  compare("forward, jump taken", jumping);
  double gradient[3] = {0, 0, 0};
  __enzyme_autodiff((void *)f, enzyme_dup, fine, gradient);
  for (int i = 0; i < 3; i++) {
    double up[3], down[3], h = 1e-6;
    memcpy(up, fine, sizeof up);
    memcpy(down, fine, sizeof down);
    up[i] += h, down[i] -= h;
    check_fd("reverse, no jump", gradient[i], (f(up) - f(down)) / (2 * h), 1e-6);
  }
  if (argc > 1) {
    double unreachable[3] = {0, 0, 0};
    __enzyme_autodiff((void *)f, enzyme_dup, jumping, unreachable);
  }
  return finish();
}
