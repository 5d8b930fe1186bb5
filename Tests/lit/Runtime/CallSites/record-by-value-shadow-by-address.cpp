// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %clangxx-ad -DSHADOW_BY_VALUE %s -o %t.byvalue.bc
// RUN: not %swad-opt %t.byvalue.bc -o /dev/null 2>&1 | FileCheck %s --check-prefix=BYVALUE
// RUN: %clangxx-ad-O0 -DSHADOW_BY_VALUE %s -o %t.byvalue.O0.bc
// RUN: not %swad-opt %t.byvalue.O0.bc -o /dev/null 2>&1 | FileCheck %s --check-prefix=BYVALUE
// CHECK: 6 checks passed
// BYVALUE: error: {{.*}}: in function 'main': the shadow of argument 1 of '{{.*}}' is a record passed by value in memory (byval)
// A record of three doubles passed by value goes in memory (byval). In reverse mode its shadow must
// be passed by address (`enzyme_dup, &p, &dp`): passed by value (`p, dp`), the function wrote the
// gradient into the call's copy of dp and the caller's stayed 0, silently; that is now an error.
// Forward mode reads the tangent from the copy, which is right either way.
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
}

struct P3 {
  double x, y, z;
};

// x·y·z + s·x.
__attribute__((noinline)) double product(P3 p, double s) { return p.x * p.y * p.z + s * p.x; }

int main() {
  P3 p{1.5, 2, 3}, dp{0, 0, 0};
  double s = 0.5;
#ifdef SHADOW_BY_VALUE
  __enzyme_autodiff((void *)product, enzyme_dup, p, dp, enzyme_const, s);
#else
  __enzyme_autodiff((void *)product, enzyme_dup, &p, &dp, enzyme_const, s);
#endif
  check_rel("d/dx", dp.x, p.y * p.z + s, 1e-15);
  check_rel("d/dy", dp.y, p.x * p.z, 1e-15);
  check_rel("d/dz", dp.z, p.x * p.y, 1e-15);
  P3 t{1, 0, 0};
  check_rel("forward, the record by value", __enzyme_fwddiff((void *)product, enzyme_dup, p, t, enzyme_const, s),
            p.y * p.z + s, 1e-15);
  check_rel("forward, by address", __enzyme_fwddiff((void *)product, enzyme_dup, &p, &t, enzyme_const, s),
            p.y * p.z + s, 1e-15);
  check_rel("the primal untouched", p.x, 1.5, 0);
  return finish();
}
