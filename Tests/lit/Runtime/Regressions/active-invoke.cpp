// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad -DREVERSE %s -o %t.reverse.bc
// RUN: %swad-opt %t.reverse.bc -o %t.reverse.opt.bc
// RUN: %clangxx %t.reverse.opt.bc -o %t.reverse
// RUN: %t.reverse
// RUN: %clangxx-ad-O0 -DREVERSE %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Regression: an active call made with `invoke` (a call that may throw, here because a std::vector
// must be destroyed when it does) used to stop both modes with "compile with -fno-exceptions"; it
// is differentiated now.
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
  // d/dx (x² + x) at 3 is 7.
#ifdef REVERSE
  return __enzyme_autodiff((void *)from_vector, 3.0) != 7;
#else
  return __enzyme_fwddiff((void *)from_vector, 3.0, 1.0) != 7;
#endif
}
