// An allocator reached through a function pointer that the optimizer cannot resolve (chosen at run
// time from a volatile, or handed down from main through a non-inlined function) returns memory
// that then receives active data. The pointer may be any function of the module of its type whose
// address is taken (allocate_a, allocate_b): the call dispatches on it, and each allocator's
// derivative gives the memory its shadow. Both modes, optimized and unoptimized input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t
// RUN: %t
// RUN: %clang-ad -DREVERSE %s -o %t.rev.bc
// RUN: %swad-opt %t.rev.bc -o %t.rev.opt.bc
// RUN: %clang %t.rev.opt.bc -o %t.rev
// RUN: %t.rev
// RUN: %clang-ad -DPASSED %s -o %t.passed.bc
// RUN: %swad-opt %t.passed.bc -o %t.passed.opt.bc
// RUN: %clang %t.passed.opt.bc -o %t.passed
// RUN: %t.passed
// RUN: %clang-ad -DPASSED -DREVERSE %s -o %t.passed.rev.bc
// RUN: %swad-opt %t.passed.rev.bc -o %t.passed.rev.opt.bc
// RUN: %clang %t.passed.rev.opt.bc -o %t.passed.rev
// RUN: %t.passed.rev
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// RUN: %clang-ad-O0 -DREVERSE %s -o %t.O0.rev.bc
// RUN: %swad-opt %t.O0.rev.bc -o %t.O0.rev.opt.bc
// RUN: %clang %t.O0.rev.opt.bc -o %t.O0.rev
// RUN: %t.O0.rev
// RUN: %clang-ad-O0 -DPASSED %s -o %t.O0.passed.bc
// RUN: %swad-opt %t.O0.passed.bc -o %t.O0.passed.opt.bc
// RUN: %clang %t.O0.passed.opt.bc -o %t.O0.passed
// RUN: %t.O0.passed
// RUN: %clang-ad-O0 -DPASSED -DREVERSE %s -o %t.O0.passed.rev.bc
// RUN: %swad-opt %t.O0.passed.rev.bc -o %t.O0.passed.rev.opt.bc
// RUN: %clang %t.O0.passed.rev.opt.bc -o %t.O0.passed.rev
// RUN: %t.O0.passed.rev
#include <stdlib.h>

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef double *(*Allocator)(size_t);

__attribute__((noinline)) double *allocate_a(size_t n) { return (double *)malloc(n * sizeof(double)); }
__attribute__((noinline)) double *allocate_b(size_t n) { return (double *)calloc(n, sizeof(double)); }

volatile int which_allocator = 1;

#ifdef PASSED
// The allocator comes from main, through a function the optimizer keeps out of line.
__attribute__((noinline)) double sum_of_squares(double *x, int n, Allocator allocate) {
  double *t = allocate(n);
  for (int i = 0; i < n; i++) t[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; i++) s += t[i];
  free(t);
  return s;
}
#else
// The allocator is chosen at run time.
double sum_of_squares(double *x, int n) {
  Allocator allocate = which_allocator ? allocate_a : allocate_b;
  double *t = allocate(n);
  for (int i = 0; i < n; i++) t[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; i++) s += t[i];
  free(t);
  return s;
}
#endif

int main(void) {
  double x[3] = {0.5, 1.5, -2}, dx[3] = {0};
#ifdef PASSED
  Allocator allocate = which_allocator ? allocate_a : allocate_b;
#ifdef REVERSE
  __enzyme_autodiff((void *)sum_of_squares, enzyme_dup, x, dx, enzyme_const, 3, enzyme_const, allocate);
#else
  dx[0] = 1;
  return __enzyme_fwddiff((void *)sum_of_squares, enzyme_dup, x, dx, enzyme_const, 3, enzyme_const, allocate) != 1;
#endif
#else
#ifdef REVERSE
  __enzyme_autodiff((void *)sum_of_squares, enzyme_dup, x, dx, enzyme_const, 3);
#else
  dx[0] = 1;
  return __enzyme_fwddiff((void *)sum_of_squares, enzyme_dup, x, dx, enzyme_const, 3) != 1;
#endif
#endif
  return dx[0] != 1 || dx[1] != 3 || dx[2] != -4;
}
