// An address handed back as an integer by a helper that is not inlined (a handle, an aligned
// address computed with integer arithmetic): `uintptr_t` out, a pointer again in the caller.
// Defined functions returning an address as an integer were refused ("swad does not carry a shadow
// through an address returned as an integer yet"); such a call now returns the pointer
// (AddressesReturnedAsIntegers), and its shadow with it. Both modes against central differences
// and hand derivatives, from optimized and unoptimized input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <stdint.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { N = 6 };

// The address of row `i` of a table of rows of `n`, as an integer (or 0 past the table).
__attribute__((noinline)) uintptr_t row_address(double *table, int i, int n) {
  if (i >= n) return 0;
  return (uintptr_t)(table + (size_t)i * 2);
}

// Σ_i x[2i] · x[2i+1]² through the rows' addresses.
double energy(double *x, int n) {
  double sum = 0;
  for (int i = 0; i < n + 1; i++) {
    uintptr_t address = row_address(x, i, n);
    if (address == 0) break;
    double *row = (double *)address;
    sum += row[0] * row[1] * row[1];
  }
  return sum;
}

int main(void) {
  double x[2 * N], g[2 * N] = {0};
  for (int i = 0; i < 2 * N; i++) x[i] = 0.3 + 0.17 * i;
  __enzyme_autodiff((void *)energy, enzyme_dup, x, g, enzyme_const, N);
  for (int i = 0; i < N; i++) {
    check_rel("d/d row[0]", g[2 * i], x[2 * i + 1] * x[2 * i + 1], 1e-14);
    check_rel("d/d row[1]", g[2 * i + 1], 2 * x[2 * i] * x[2 * i + 1], 1e-14);
  }
  for (int k = 0; k < 2 * N; k++) {
    double t[2 * N] = {0};
    t[k] = 1;
    check_rel("energy forward", __enzyme_fwddiff((void *)energy, enzyme_dup, x, t, enzyme_const, N), g[k], 1e-14);
    double h = 1e-6, saved = x[k];
    x[k] = saved + h;
    double up = energy(x, N);
    x[k] = saved - h;
    double down = energy(x, N);
    x[k] = saved;
    check_fd("energy reverse", g[k], (up - down) / (2 * h), 1e-7);
  }
  return finish();
}
