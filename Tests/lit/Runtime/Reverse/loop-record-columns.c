// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %swad-opt %t.bc --remarks -o /dev/null 2>%t.remarks
// RUN: FileCheck %s --check-prefix=REMARKS < %t.remarks
// Loops whose records are an array reserved before the loop, laid out in columns, one per value
// (SwadAD/Reverse/Gradient+RecordArrays.swift): value j of iteration k at base + offset(j)·count +
// k·size(j). `gates` keeps several values an iteration in one loop; `triangle` keeps them in an
// inner loop whose trip count changes with the outer iteration, so each run of the inner loop has
// an array of its own length and the reverse sweep must find each column from that length. Trip
// counts 0, 1, 7 and 37 (none a multiple of a vector's width). Against hand-derived gradients:
//
//   gates:    s = sum_i T_i E_i S_i,  T = tanh(x_i w_i), E = exp(-b_i^2), S = sin(b_i), b_i = x_i + w_i
//             ds/dx_i = (1 - T^2) E S w_i + T E (cos b_i - 2 b_i S),  ds/dw_i likewise with x_i;
//   triangle: s = sum_i sum_{j<=i} tanh(x_i x_j) exp(-x_j)
//             ds/dx_i += (1 - T^2) x_j e^{-x_j},  ds/dx_j += (1 - T^2) x_i e^{-x_j} - T e^{-x_j}.
//
// REMARKS: gates: the tape keeps {{[1-9][0-9]+}} bytes each time block {{.*}} runs (in a loop of depth 1: per iteration, an array indexed by the iteration, a column per value, reserved before the loop)
// REMARKS: triangle: the tape keeps {{[1-9][0-9]+}} bytes each time block {{.*}} runs (in a loop of depth 2{{.*}}: per iteration, an array indexed by the iteration, a column per value, reserved before the loop)
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) double gates(const double *x, const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double a = x[i] * w[i], b = x[i] + w[i];
    s += tanh(a) * exp(-b * b) * sin(b);
  }
  return s;
}

__attribute__((noinline)) double triangle(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= i; j++) s += tanh(x[i] * x[j]) * exp(-x[j]);
  return s;
}

int main(void) {
  enum { Most = 37 };
  double x[Most], w[Most], dx[Most], dw[Most];
  int sizes[] = {0, 1, 7, Most};
  for (int c = 0; c < 4; c++) {
    int n = sizes[c];
    for (int i = 0; i < Most; i++) {
      x[i] = 0.9 * sin(1.7 * i + c) - 0.1;
      w[i] = 0.6 * cos(0.8 * i + 2 * c) + 0.05;
      dx[i] = dw[i] = 0;
    }
    __enzyme_autodiff((void *)gates, enzyme_dup, x, dx, enzyme_dup, w, dw, enzyme_const, n);
    for (int i = 0; i < Most; i++) {
      long double want_x = 0, want_w = 0;
      if (i < n) {
        long double b = (long double)x[i] + w[i], T = tanhl((long double)x[i] * w[i]), E = expl(-b * b),
                    S = sinl(b);
        long double da = (1 - T * T) * E * S, db = T * E * (cosl(b) - 2 * b * S);
        want_x = da * w[i] + db;
        want_w = da * x[i] + db;
      }
      check_rel("gates dx", dx[i], (double)want_x, 1e-13);
      check_rel("gates dw", dw[i], (double)want_w, 1e-13);
    }

    for (int i = 0; i < Most; i++) dx[i] = 0;
    __enzyme_autodiff((void *)triangle, enzyme_dup, x, dx, enzyme_const, n);
    long double want[Most] = {0}, scale[Most] = {0};
    for (int i = 0; i < n; i++)
      for (int j = 0; j <= i; j++) {
        long double T = tanhl((long double)x[i] * x[j]), E = expl(-(long double)x[j]);
        long double to_i = (1 - T * T) * x[j] * E, to_j = (1 - T * T) * x[i] * E - T * E;
        want[i] += to_i, want[j] += to_j;
        scale[i] += fabsl(to_i), scale[j] += fabsl(to_j);
      }
    for (int i = 0; i < Most; i++) check_scaled("triangle dx", dx[i], (double)want[i], (double)scale[i], 1e-13);
  }
  return finish();
}
