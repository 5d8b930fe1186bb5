// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: not %t 2>&1 | FileCheck %s --check-prefix=STOPS
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s --check-prefix=RIGHT
// Declared with __enzyme_allocation_like, the allocator's blocks get shadows and the gradient is
// right.
// RUN: %clang-ad -DDECLARED %s -o %t.declared.bc
// RUN: %swad-opt %t.declared.bc -o %t.declared.opt.bc
// RUN: %clang %t.declared.opt.bc -o %t.declared -lm
// RUN: %t.declared | FileCheck %s --check-prefix=RIGHT
// RUN: %clang-ad-O0 -DDECLARED %s -o %t.declared.O0in.bc
// RUN: %swad-opt %t.declared.O0in.bc -o %t.declared.O0in.opt.bc
// RUN: %clang %t.declared.O0in.opt.bc -o %t.declared.O0in -lm
// RUN: %t.declared.O0in | FileCheck %s --check-prefix=RIGHT
// STOPS: swad: error: a derivative would be wrong: {{.*}}unknown-allocator-read-by-helper.c:{{[0-9]+}}:{{[0-9]+}}: a load of a 'double' in function 'get' reads memory that has no shadow, where {{.*}}unknown-allocator-read-by-helper.c:{{[0-9]+}}:{{[0-9]+}}: a store of a 'double' in function 'put' wrote a value with a derivative{{.*}}declare that allocator with __enzyme_allocation_like
// RIGHT: 4 checks passed
//
// Memory from an allocator swad does not know (`mmap`), filled by one helper given the active value
// and read back by another given none. The reading call was taken for one without a derivative: its
// read went unchecked and the derivative was silently 0 from optimized input, in both modes. Now such a call is
// differentiated and its read checked (Activity/ActivityAnalysis.swift, readsWrittenWithoutShadow):
// the program stops with an error naming both places and the way out, which the second program
// takes. Forward mode lost the tangent the same way (0 from optimized input) and stops the same.
// From unoptimized input the derivatives were right before and are right now.
#define _GNU_SOURCE
#include <sys/mman.h>
#include "../Inputs/check.h"

double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

#ifdef DECLARED
// The pages wrapped in an allocator and its deallocator, declared to swad.
__attribute__((noinline)) static double *page_alloc(size_t bytes) {
  return mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}
__attribute__((noinline)) static void page_free(double *p) { munmap(p, 4096); }
void *__enzyme_allocation_like[4] = {(void *)page_alloc, (void *)0, (void *)"-1", (void *)page_free};
#else
static double *page_alloc(size_t bytes) {
  return mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}
static void page_free(double *p) { munmap(p, 4096); }
#endif

__attribute__((noinline)) static void put(double *w, double v) { w[1] = v * v; }
__attribute__((noinline)) static double get(const double *w) { return w[1]; }

__attribute__((noinline)) double f(double x) {
  double *d = page_alloc(4096);
  put(d, x);
  double r = get(d) * x;
  page_free(d);
  return r;
}

int main(void) {
  double x = 2.0;
  double forward = __enzyme_fwddiff((void *)f, x, 1.0);
  printf("forward mode: %g\n", forward);
  fflush(stdout);
  check_rel("forward mode against 3x^2", forward, 3 * x * x, 1e-15);
  double reverse = __enzyme_autodiff((void *)f, x);
  check_rel("reverse mode against 3x^2", reverse, 3 * x * x, 1e-15);
  double h = 1e-6;
  check_fd("reverse mode against central differences", reverse, (f(x + h) - f(x - h)) / (2 * h), 1e-6);
  check_rel("reverse mode against forward mode", reverse, forward, 1e-15);
  return finish();
}
