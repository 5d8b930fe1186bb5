// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: 24 checks passed
// A std::vector<double> passed by reference with its shadow (enzyme_dup) that the function gives new
// storage: a local vector grown by push_back and moved into it, the vector cleared and refilled,
// reserved and filled. The storage a growing vector allocates in a loop is freed, block after block,
// except the last, which the argument keeps; the reverse sweep released every block's shadow, the
// last one too, which the caller's shadow vector held: the program aborted with a double free when
// it was destroyed (at -O2; the move at -O0 too). The gradients were right. Now a block that is
// stored where it outlives the function has its shadow released where the primal is freed, after
// the gradient, and the caller's shadow vector owns the last one. Reverse mode against the
// derivative by hand, forward mode too, several calls in a row.
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
}

enum { N = 5 };

// ws = {x, 2x², 3x³, …}; returns Σ ws.
__attribute__((noinline)) double moved(const double *x, std::vector<double> &ws) {
  std::vector<double> t;
  double power = 1;
  for (int i = 1; i <= N; ++i) t.push_back(i * (power *= x[0]));
  ws = std::move(t);
  double s = 0;
  for (double w : ws) s += w;
  return s;
}

__attribute__((noinline)) double refilled(const double *x, std::vector<double> &ws) {
  ws.clear();
  double power = 1;
  for (int i = 1; i <= N; ++i) ws.push_back(i * (power *= x[0]));
  double s = 0;
  for (double w : ws) s += w;
  return s;
}

__attribute__((noinline)) double reserved(const double *x, std::vector<double> &ws) {
  ws.reserve(2 * N);
  double power = 1;
  for (int i = 1; i <= N; ++i) ws.push_back(i * (power *= x[0]));
  double s = 0;
  for (double w : ws) s += w;
  return s;
}

template <double (*f)(const double *, std::vector<double> &)>
static void check_one(const char *what, double x0) {
  double want = 0, power = 1;  // Σ i² x^(i-1)
  for (int i = 1; i <= N; ++i) want += i * i * power, power *= x0;
  for (int repeat = 0; repeat < 2; ++repeat) {
    double x[1] = {x0}, g[1] = {0};
    std::vector<double> ws, dws;
    __enzyme_autodiff((void *)f, enzyme_dup, x, g, enzyme_dup, &ws, &dws);
    check_rel(what, g[0], want, 1e-14);
    check_exact("the argument's new size", ws.size(), N);
    double dx[1] = {1};
    std::vector<double> wt, dwt;
    check_rel(what, __enzyme_fwddiff((void *)f, enzyme_dup, x, dx, enzyme_dup, &wt, &dwt), want, 1e-14);
    check_rel("the tangent of the last weight", dwt.size() == N ? dwt[N - 1] : -1, N * N * power / x0, 1e-14);
    // The caller's vectors, shadows included, are destroyed here.
  }
}

int main() {
  check_one<moved>("moved into the argument", 0.75);
  check_one<refilled>("cleared and refilled", 1.25);
  check_one<reserved>("reserved and filled", -0.5);
  return finish();
}
