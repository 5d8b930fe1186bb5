// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// `char` fields of an array of {double, char} copied from element to element: a copy byte by byte
// that reverse mode moves forward only when the bytes are known to be a pointer's or declared an
// integer (CopiedBytes.declaresInteger: the `char` field the getelementptr indexes). The accesses
// to the array read doubles at other offsets of the same elements; taken as evidence for every
// byte, they made the copy look like floats and it was refused (found by the review). Against
// hand derivatives.
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef struct { double w; char tag; } Item;

// Σ xᵢ², with the tags shifted down the array on the way
__attribute__((noinline)) double tagged(double *x, Item *items, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    items[i].w = x[i] * x[i];
    items[i].tag = (char)('a' + i);
  }
  for (int i = 1; i < n; i++) items[i - 1].tag = items[i].tag;
  for (int i = 0; i < n; i++) s += items[i].w * (items[i].tag == 'c' ? 2 : 1);
  return s;
}

int main(void) {
  double x[3] = {1, 2, 3}, dx[3] = {0, 0, 0};
  Item items[3], shadows[3] = {{0, 0}, {0, 0}, {0, 0}};
  __enzyme_autodiff((void *)tagged, enzyme_dup, x, dx, enzyme_dup, items, shadows, enzyme_const, 3);
  // after the shift the tags are b c c: weights 1 2 2
  check_rel("d/dx0", dx[0], 2 * x[0], 1e-15);
  check_rel("d/dx1", dx[1], 4 * x[1], 1e-15);
  check_rel("d/dx2", dx[2], 4 * x[2], 1e-15);
  return finish();
}
