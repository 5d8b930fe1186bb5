// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// An exception thrown out of a gradient after a duplicated std::vector grew in it: the shadows of
// the storage blocks the growth replaced wait for the end of the gradient to be released, and an
// exception ends it early. They were dropped: 496 bytes a throw leaked (valgrind). The gradient's
// landing pad releases them now; the heap stays as it was over a thousand throwing calls, and a
// gradient that does not throw afterwards is right.
#include <malloc.h>
#include <stdexcept>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
}

enum { GROWTH = 40, CALLS = 1000 };

// v gets GROWTH more elements i·x; throws when x > 1; returns Σ of the new elements squared.
__attribute__((noinline)) double grow(std::vector<double> &v, const double *x) {
  double s = 0;
  for (int i = 0; i < GROWTH; i++) {
    v.push_back(x[0] * i);
    s += v.back() * v.back();
  }
  if (x[0] > 1) throw std::domain_error("too large");
  return s;
}

static int thrown = 0;

static void gradient(double x0, double *dx) {
  std::vector<double> v{1, 2}, dv{0, 0};
  double x[1] = {x0};
  try {
    __enzyme_autodiff((void *)grow, enzyme_dup, &v, &dv, enzyme_dup, x, dx);
  } catch (const std::domain_error &) {
    thrown++;
  }
}

int main() {
  double dx = 0;
  gradient(2.0, &dx);  // the first call's own allocations (the tape's buffer) out of the count
  struct mallinfo2 before = mallinfo2();
  for (int k = 0; k < CALLS; k++) gradient(2.0, &dx);
  struct mallinfo2 after = mallinfo2();
  long grown = (long)after.uordblks - (long)before.uordblks;
  check_exact("exceptions caught", thrown, CALLS + 1);
  check_exact("heap grown by less than 64 KiB over the throwing calls", grown < (1 << 16), 1);
  if (grown >= (1 << 16)) fprintf(stderr, "heap grew by %ld bytes over %d calls\n", grown, CALLS);
  dx = 0;
  gradient(0.5, &dx);
  double want = 0;  // d/dx Σ (i x)² = 2x Σ i²
  for (int i = 0; i < GROWTH; i++) want += 2 * 0.5 * i * i;
  check_rel("the gradient after the throws", dx, want, 1e-14);
  return finish();
}
