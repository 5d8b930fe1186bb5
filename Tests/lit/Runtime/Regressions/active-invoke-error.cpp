// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s --check-prefix=FORWARD
// RUN: %clang-ad -DREVERSE %s -o %t.reverse.bc
// RUN: not %swad-opt %t.reverse.bc -o %t.reverse.opt.bc 2>&1 | FileCheck %s --check-prefix=REVERSE
// Regression: an active call made with `invoke` (a call that may throw, here because a
// std::vector must be destroyed when it does) cannot be differentiated yet. Forward mode used to
// go on anyway; now both modes stop with an error that names the source location and the
// function, and says what to do instead.
#include <vector>

#ifdef REVERSE
extern "C" double __enzyme_autodiff(void *, ...);
#else
extern "C" double __enzyme_fwddiff(void *, ...);
#endif

__attribute__((noinline)) double square_or_throw(double x) {
  if (x > 1e300) throw 1;
  return x * x;
}

double from_vector(double x) {
  std::vector<double> v(4, x);
  v[1] = square_or_throw(v[0]);
  return v[1] + v[2];
}

int main() {
#ifdef REVERSE
  return __enzyme_autodiff((void *)from_vector, 3.0) != 7;
#else
  return __enzyme_fwddiff((void *)from_vector, 3.0, 1.0) != 7;
#endif
}

// FORWARD: swad-opt: error: {{.*}}active-invoke-error.cpp:{{[0-9]+}}:{{[0-9]+}}: in function '_Z11from_vectord':
// FORWARD-SAME: cannot differentiate through 'invoke'
// FORWARD-SAME: compile with -fno-exceptions or keep the active computation out of try regions
// REVERSE: swad-opt: error: {{.*}}in function '_Z11from_vectord': cannot differentiate through 'invoke'
