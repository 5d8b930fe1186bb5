// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clang %t.O2.opt.bc -o %t.O2 -lm
// RUN: %t.O2 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0 | FileCheck %s
// CHECK: 64 checks passed
//
// Records of 16 bytes (8 unused, then a double) packed into a byte buffer by a loop, the
// buffer copied whole with `memcpy(copy, buffer, offset)`, the offset the loop accumulated, then
// unpacked. At -O2 the loop is unrolled by 4, and the copy's reverse laid its bytes out by the
// unrolled period, 64 bytes: it moved whole periods only, and the records the loop's remainder
// wrote (all of them for n < 4) lost their adjoints (silently 0). The tail after the last whole
// period now moves too (`Reverse/copy-tail-after-whole-records.ll`).
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

__attribute__((noinline)) double packed(const double *x, int n) {
  unsigned char buffer[40 * 16], copy[40 * 16];
  size_t offset = 0;
  for (int i = 0; i < n; i++) {
    double v = x[i];
    memcpy(buffer + offset + 8, &v, 8);
    offset += 16;
  }
  memcpy(copy, buffer, offset);
  double s = 0;
  for (int i = 0; i < n; i++) {
    double v;
    memcpy(&v, copy + 16 * i + 8, 8);
    s += v * v;
  }
  return s;
}

int main(void) {
  int sizes[] = {1, 2, 3, 4, 5, 17};
  for (int k = 0; k < 6; k++) {
    int n = sizes[k];
    double x[40], g[40] = {0};
    for (int i = 0; i < n; i++) x[i] = 0.4 + 0.17 * i - 0.005 * i * i;
    __enzyme_autodiff((void *)packed, enzyme_dup, x, g, enzyme_const, n);
    for (int i = 0; i < n; i++) {
      double dx[40] = {0};
      dx[i] = 1;
      char what[80];
      snprintf(what, sizeof what, "n = %d: d/dx%d against forward mode", n, i);
      check_rel(what, g[i], __enzyme_fwddiff((void *)packed, enzyme_dup, x, dx, enzyme_const, n), 1e-12);
      double h = 1e-6, q[40];
      for (int j = 0; j < n; j++) q[j] = x[j];
      q[i] = x[i] + h;
      double up = packed(q, n);
      q[i] = x[i] - h;
      double down = packed(q, n);
      snprintf(what, sizeof what, "n = %d: d/dx%d against central differences", n, i);
      check_fd(what, g[i], (up - down) / (2 * h), 1e-5);
    }
  }
  return finish();
}
