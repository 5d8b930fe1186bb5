// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc --remarks 2>%t.remarks
// RUN: FileCheck %s --input-file %t.remarks
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A callee whose call is the last thing its caller's forward sweep does to memory is differentiated
// as if nothing ran between its sweeps: its reverse loads its inputs again, also through a pointer
// the caller loaded from memory it never writes. When the caller overwrites the inputs after the
// call, the callee must keep what it read instead. Both against derivatives by hand.
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);

enum { N = 6 };

__attribute__((noinline)) static double worker(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * x[i] * sin(x[i]);
  return s;
}

// The call runs last, on a pointer loaded from the caller's argument.
static double through_holder(double *const *holder, int n) { return worker(*holder, n); }

// The inputs are overwritten after the call: the worker's reverse cannot read them again.
static double then_overwrite(double *x, int n) {
  double r = worker(x, n);
  for (int i = 0; i < n; i++) x[i] = 0.5 * r;
  return r;
}

// Through the holder, the loop keeps sin(x[i]) only: x[i] is read again and x[i] * x[i] redone from
// it. then_overwrite's keeps x[i], and the product too, since its operand is kept.
// CHECK: worker: the tape keeps 8 bytes each time block {{.*}}: %{{[0-9]+}} (call{{[^)]*}}){{$}}
// CHECK: worker: the tape keeps 24 bytes each time block {{.*}}: %{{[0-9]+}} (fmul{{[^)]*}}), %{{[0-9]+}} (call{{[^)]*}}), %{{[0-9]+}} (load{{[^)]*}}){{$}}

static double dworker(double x) { return 2 * x * sin(x) + x * x * cos(x); }

int main(void) {
  double x[N] = {0.3, -0.8, 1.2, 0.5, -0.1, 2.0}, dx[N] = {0};
  double *p = x, *dp = dx;
  __enzyme_autodiff((void *)through_holder, enzyme_dup, &p, &dp, enzyme_const, N);
  char what[64];
  for (int i = 0; i < N; i++) {
    snprintf(what, sizeof what, "through_holder dx[%d]", i);
    check_rel(what, dx[i], dworker(x[i]), 1e-13);
  }
  double y[N], dy[N] = {0}, want[N];
  for (int i = 0; i < N; i++) y[i] = x[i], want[i] = dworker(x[i]);
  __enzyme_autodiff((void *)then_overwrite, enzyme_dup, y, dy, enzyme_const, N);
  for (int i = 0; i < N; i++) {
    snprintf(what, sizeof what, "then_overwrite dx[%d]", i);
    check_rel(what, dy[i], want[i], 1e-13);
  }
  return finish();
}
