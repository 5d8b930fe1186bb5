// Registered rules replace the derivative of a function, in both modes; __enzyme_inactivefn makes a
// function inactive even with active arguments. Compiled without LLVM's own passes (as the swad
// driver does), so that swad-opt keeps the registered functions from being inlined before AD.
// RUN: %clang -O2 -Xclang -disable-llvm-passes -emit-llvm -c %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

double __enzyme_autodiff(void*, ...);
double __enzyme_fwddiff(void*, ...);
void __enzyme_autodiff_void(void*, ...);

// The rules scale the true derivative by 10, so the test can tell they were used.
double scaled_square(double x) { return x * x; }
double augmented_scaled_square(double x) { return x * x; }
double reverse_scaled_square(double x, double dret) { return 10 * 2 * x * dret; }
double forward_scaled_square(double x, double dx) { return 10 * 2 * x * dx; }
void* __enzyme_register_gradient_scaled_square[3] = {
  (void*)scaled_square, (void*)augmented_scaled_square, (void*)reverse_scaled_square};
void* __enzyme_register_derivative_scaled_square[2] = {(void*)scaled_square, (void*)forward_scaled_square};

// A rule with a tape, for a function writing through a pointer: out[0] = exp(x[0]).
typedef struct { void* tape; } Tape;
void exp_into(double* out, const double* x) { out[0] = exp(x[0]); }
void* augmented_exp_into(double* out, double* dout, const double* x, double* dx) {
  double* saved = malloc(sizeof(double));
  *saved = exp(x[0]);
  out[0] = *saved;
  return saved;
}
void reverse_exp_into(double* out, double* dout, const double* x, double* dx, void* tape) {
  double* saved = tape;
  dx[0] += *saved * dout[0];
  dout[0] = 0;
  free(saved);
}
void* __enzyme_register_gradient_exp_into[3] = {(void*)exp_into, (void*)augmented_exp_into, (void*)reverse_exp_into};

int logged;
void log_value(double v) { logged++; }
void* __enzyme_inactivefn[1] = {(void*)log_value};

double f(double x) {
  log_value(x);
  return scaled_square(x) + x;
}

void g(double* y, const double* x) {
  double t[1];
  exp_into(t, x);
  y[0] = 3 * t[0];
}

static int check(const char* what, double got, double want) {
  if (fabs(got - want) > 1e-12 * fabs(want)) {
    printf("FAIL %s: got %.17g, want %.17g\n", what, got, want);
    return 1;
  }
  return 0;
}

int main(void) {
  int failures = 0;
  failures += check("reverse", __enzyme_autodiff((void*)f, 3.0), 10 * 2 * 3.0 + 1);
  failures += check("forward", __enzyme_fwddiff((void*)f, 3.0, 1.0), 10 * 2 * 3.0 + 1);
  double x = 0.5, dx = 0, y = 0, dy = 1;
  __enzyme_autodiff_void((void*)g, &y, &dy, &x, &dx);
  failures += check("rule with tape", dx, 3 * exp(0.5));
  failures += check("shadow consumed", dy, 0);
  if (logged != 2) { printf("FAIL inactive function ran %d times, want 2\n", logged); failures++; }
  return failures;
}
