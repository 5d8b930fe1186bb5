// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Shadows of large heap temporaries (malloc, aligned_alloc, valloc) kept by the thread from one
// derivative call to the next (SwadAD/Support/ShadowBlocks.swift). glibc is told to map every block
// of 128 KiB or more on its own and to unmap it when freed, as it does for large blocks: a shadow
// made anew each call then takes a page fault per 4 KiB page, a kept one none. Each call must still
// see its shadow zeroed (the kept block held the previous call's adjoints): the gradients are
// checked on every call, against the hand-derived ones, with temporaries of two sizes in turn (a
// block is not taken for a request less than half its size, nor for a larger one) and of two
// alignments. Forward mode keeps its shadows the same way.
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { Large = 1 << 17, Small = 1 << 14 };  // doubles: 1 MiB and 128 KiB

// Σ_i (w·x[i mod 8] + i)² / n through a temporary t of n doubles, from `allocator`.
__attribute__((noinline)) double through_temporary(const double *x, double w, long n, int allocator) {
  double *t = allocator == 0 ? malloc(n * sizeof(double))
              : allocator == 1 ? aligned_alloc(64, n * sizeof(double))
                               : valloc(n * sizeof(double));
  if (((uintptr_t)t & (allocator == 1 ? 63 : allocator == 2 ? 4095 : 15)) != 0) {
    printf("FAIL: a misaligned block\n");
    exit(1);
  }
  for (long i = 0; i < n; i++) t[i] = w * x[i % 8] + (double)i;
  double s = 0;
  for (long i = 0; i < n; i++) s += t[i] * t[i];
  free(t);
  return s / (double)n;
}

// d/dx[k] = Σ_{i ≡ k mod 8} 2 (w x[k] + i) w / n.
static double expected(const double *x, double w, long n, int k) {
  double d = 0;
  for (long i = k; i < n; i += 8) d += 2 * (w * x[k] + (double)i) * w;
  return d / (double)n;
}

static long minor_faults(void) {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

int main(void) {
  // Every block of 128 KiB or more mapped and unmapped on its own, whatever was freed before.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  mallopt(M_TRIM_THRESHOLD, 0);
  double x[8], dx[8];
  for (int k = 0; k < 8; k++) x[k] = 0.1 * k - 0.3;
  double w = 0.7;
  long faults = 0;
  int calls = 0;
  for (int call = 0; call < 24; call++) {
    long n = call % 2 ? Small : Large;
    int allocator = (call / 2) % 3;
    x[call % 8] += 0.01;
    for (int k = 0; k < 8; k++) dx[k] = 0;
    long before = minor_faults();
    __enzyme_autodiff((void *)through_temporary, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, n,
                      enzyme_const, allocator);
    if (call >= 6 && n == Large) faults += minor_faults() - before, calls++;
    for (int k = 0; k < 8; k++) check_rel("reverse", dx[k], expected(x, w, n, k), 1e-12);
    // Forward mode, tangent e_k for k = call mod 8.
    double t[8] = {0};
    t[call % 8] = 1;
    double d = __enzyme_fwddiff((void *)through_temporary, enzyme_dup, x, t, enzyme_const, w, enzyme_const, n,
                                enzyme_const, allocator);
    check_rel("forward", d, expected(x, w, n, call % 8), 1e-12);
  }
  // A 1 MiB primal block is 256 pages, mapped anew each call; its shadow, kept, adds none. Made
  // anew it would add 256 more.
  long perCall = faults / calls;
  printf("page faults per reverse call with 1 MiB temporaries: %ld\n", perCall);
  if (perCall > 256 + 128) {
    printf("FAIL: the shadow block was not kept (%ld page faults per call)\n", perCall);
    return 1;
  }
  return finish();
}
