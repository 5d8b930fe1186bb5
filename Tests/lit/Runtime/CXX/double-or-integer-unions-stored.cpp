// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: 180 checks passed
//
// A double or an integer in the same bytes, chosen in a branch and stored: a C union `{double d;
// long bits}` in a tagged record pushed into a `std::vector`, a `std::variant<double, long>` pushed
// into a `std::deque`, and one chosen by a conditional expression. Optimized, SROA makes the union's
// word a phi of `x[i]`'s bits, loaded as an `i64` tagged `double`, and of the integer; the phi was
// left an integer, and the derivative of `x[i]` was lost in it (reverse and forward mode gave 0 and
// the primal value, silently). The store of such a phi is now one of its double twin
// (`Types/stored-choices-of-float-bits.ll`).
#include <deque>
#include <variant>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

// A C union of a double and a long, chosen in a branch (the member `t`, unused, makes it 16 bytes).
union DoubleOrLong {
  double d;
  struct {
    char tag;
    double w;
  } t;
  long bits;
};
struct Tagged {
  char kind;
  DoubleOrLong u;
};

__attribute__((noinline)) double unions_in_vector(const double *x, int n) {
  std::vector<Tagged> v;
  for (int i = 0; i < n; i++) {
    Tagged r;
    if (i % 3 != 1) {
      r.kind = 0;
      r.u.d = x[i];
    } else {
      r.kind = 1;
      r.u.bits = -i;
    }
    v.push_back(r);
  }
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * (v[i].kind == 0 ? v[i].u.d * v[i].u.d : (double)v[i].u.bits);
  return s;
}

using DL = std::variant<double, long>;

__attribute__((noinline)) double variants_in_deque(const double *x, int n) {
  std::deque<DL> d;
  for (int i = 0; i < n; i++) {
    DL r;
    if (i % 2 == 0) r = x[i];
    else r = (long)i;
    d.push_back(r);
  }
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * (d[i].index() == 0 ? std::get<0>(d[i]) : 0.5 * std::get<1>(d[i]));
  return s;
}

// Chosen by a conditional expression: a select.
__attribute__((noinline)) double variants_chosen(const double *x, int n) {
  std::vector<DL> v;
  for (int i = 0; i < n; i++) v.push_back(x[i] > 0.5 ? DL(x[i]) : DL((long)(3 * i)));
  double s = 0;
  for (int i = 0; i < n; i++) s += std::holds_alternative<double>(v[i]) ? std::sin(std::get<0>(v[i])) : 0.0;
  return s;
}

// Against forward mode to `modes` (a float's adjoint is a float: reverse mode rounds it, forward mode
// the tangent of 1), against central differences of step h to `tolerance`.
template <double (*f)(const double *, int)>
static void check(const char *name, int n, double modes, double h, double tolerance) {
  double x[40], g[40] = {0};
  for (int i = 0; i < n; i++) x[i] = 0.3 + 0.11 * i - 0.004 * i * i;
  __enzyme_autodiff<double>((void *)f, enzyme_dup, x, g, enzyme_const, n);
  for (int i = 0; i < n; i++) {
    double dx[40] = {0};
    dx[i] = 1;
    char what[100];
    snprintf(what, sizeof what, "%s, n = %d: d/dx%d against forward mode", name, n, i);
    check_rel(what, g[i], __enzyme_fwddiff<double>((void *)f, enzyme_dup, x, dx, enzyme_const, n), modes);
    double q[40];
    for (int j = 0; j < n; j++) q[j] = x[j];
    q[i] = x[i] + h;
    double up = f(q, n);
    q[i] = x[i] - h;
    double down = f(q, n);
    snprintf(what, sizeof what, "%s, n = %d: d/dx%d against central differences", name, n, i);
    check_fd(what, g[i], (up - down) / (2 * h), tolerance);
  }
}

int main() {
  for (int n : {3, 7, 20}) {
    check<unions_in_vector>("unions_in_vector", n, 1e-12, 1e-6, 1e-6);
    check<variants_in_deque>("variants_in_deque", n, 1e-12, 1e-6, 1e-6);
    check<variants_chosen>("variants_chosen", n, 1e-12, 1e-6, 1e-6);
  }
  return finish();
}
