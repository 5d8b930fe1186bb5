// REQUIRES: x86-avx2
// Gaussian elimination's row pointers over a local matrix, swapped by partial pivoting: AVX2 stores
// the table of row pointers with one `store <4 x ptr>` of a vector getelementptr, and GVN forwards
// it to the loads of the rows through the integers (ptrtoint, extractelement, inttoptr), where the
// rows' shadows were lost: the derivative stopped at run time ("reads memory that has no shadow").
// A lane of a vector of pointers taken through the integers is that lane of the pointers
// (PointerLanes.extractedPointersAsPointers). The gradient of the solution's weighted norm in the
// data, both modes, against central differences; -O2 and -O3 for AVX2, plain -O2 and unoptimized.
// RUN: %clang -O2 -march=haswell -fno-vectorize -emit-llvm -c %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -march=haswell %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O3 -march=haswell -emit-llvm -c %s -o %t.O3.bc
// RUN: %swad-opt %t.O3.bc -o %t.O3.opt.bc
// RUN: %clang -march=haswell %t.O3.opt.bc -o %t.O3 -lm
// RUN: %t.O3
// RUN: %clang -O2 -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clang %t.plain.opt.bc -o %t.plain -lm
// RUN: %t.plain
// RUN: %clang -O0 -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
#include <math.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { M = 5, SAMPLES = 7 };

// Normal equations of a fit of y by powers of t (M coefficients), solved by Gaussian elimination
// with partial pivoting over row pointers; the result is the weighted norm of the solution.
double fit(const double *y, int n) {
  double store[M][M + 1], *A[M];
  for (int i = 0; i < M; i++) {
    A[i] = store[i];
    for (int j = 0; j <= M; j++) store[i][j] = 0;
  }
  for (int k = 0; k < n; k++) {
    double t = 0.3 * k - 0.8, power[M];
    power[0] = 1;
    for (int i = 1; i < M; i++) power[i] = power[i - 1] * t;
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < M; j++) A[i][j] += power[i] * power[j] * (1 + 0.1 * y[k] * y[k]);
      A[i][M] += power[i] * y[k];
    }
  }
  for (int c = 0; c < M; c++) {
    int pivot = c;
    for (int i = c + 1; i < M; i++)
      if (fabs(A[i][c]) > fabs(A[pivot][c])) pivot = i;
    double *row = A[c];
    A[c] = A[pivot];
    A[pivot] = row;
    for (int i = c + 1; i < M; i++) {
      double factor = A[i][c] / A[c][c];
      for (int j = c; j <= M; j++) A[i][j] -= factor * A[c][j];
    }
  }
  double x[M], norm = 0;
  for (int i = M - 1; i >= 0; i--) {
    double sum = A[i][M];
    for (int j = i + 1; j < M; j++) sum -= A[i][j] * x[j];
    x[i] = sum / A[i][i];
    norm += (i + 1) * x[i] * x[i];
  }
  return norm;
}

int main(void) {
  double y[SAMPLES] = {0.5, 0.1, -0.3, 0.7, 1.1, -0.2, 0.4}, g[SAMPLES] = {0};
  __enzyme_autodiff((void *)fit, enzyme_dup, y, g, enzyme_const, SAMPLES);
  for (int i = 0; i < SAMPLES; i++) {
    double h = 1e-6, saved = y[i];
    y[i] = saved + h;
    double up = fit(y, SAMPLES);
    y[i] = saved - h;
    double down = fit(y, SAMPLES);
    y[i] = saved;
    check_fd("fit reverse", g[i], (up - down) / (2 * h), 1e-6);
    double t[SAMPLES] = {0};
    t[i] = 1;
    check_rel("fit forward", __enzyme_fwddiff((void *)fit, enzyme_dup, y, t, enzyme_const, SAMPLES), g[i], 1e-9);
  }
  return finish();
}
