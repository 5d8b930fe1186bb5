// The remark on a derivative's loop that calls the scalar `log` names swad's own log only where
// swad would write it out (x86-64 with AVX2 or AVX-512, InlineMathKernels' Kernel.pays): built for
// x86-64's baseline it names libmvec alone; for Haswell, swad's with -fno-math-errno too (log may set
// errno). The loop's sum keeps its order, so libmvec's log is no use there either way; the remark
// is about the call.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=BASELINE
// RUN: %clang-ad -march=haswell %s -o %t.avx2.bc
// RUN: %swad-opt %t.avx2.bc --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=AVX2
//
// BASELINE: remark: the gradient of log_likelihood: a loop at remarks-scalar-math-swad-log.c:[[#LOG:@LINE+12]] calls the scalar `log` in every iteration: there is no vector log to call on several elements at once; glibc's vector math functions give one
// BASELINE-NOT: swad's own log
// AVX2: remark: the gradient of log_likelihood: a loop at remarks-scalar-math-swad-log.c:[[#LOG:@LINE+10]] calls the scalar `log` in every iteration: there is no vector log to call on several elements at once; swad's own log is arithmetic the vectorizers widen (`swad -fno-math-errno -fveclib=swad`, or `swad-opt --vector-library=swad` on bitcode compiled with `-fno-math-errno`); glibc's
#include <math.h>

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);

enum { N = 1000 };

double log_likelihood(const double *x) {
  double s = 0;
  for (int i = 0; i < N; i++) s += log(x[i] * x[i] + 1);
  return s;
}

void gradient(const double *x, double *dx) { __enzyme_autodiff((void *)log_likelihood, enzyme_dup, x, dx); }
