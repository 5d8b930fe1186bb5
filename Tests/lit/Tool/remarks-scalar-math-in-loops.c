// Remarks on derivatives whose loops call a scalar math function that has a vector version in
// glibc's libmvec (SwadPipeline/ScalarMathInLoops.swift), with the call's line: with no vector
// library, the remark names the flags that would give the loop one (for tanh, swad's own too); with
// swad's library, tanh is arithmetic (no remark) and expf libmvec's; with libmvec but a `tanh`
// that may set errno (compiled without -fno-math-errno), -fno-math-errno; with both, there is
// nothing to say. At -O3 as at -O2, from -O0 input as from optimized input; not without post-AD
// optimization (-O0).
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: %swad-opt %t.bc -O3 --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: %swad-opt %t.bc --vector-library=libmvec --remarks -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERRNO
// RUN: %clang-ad -fno-math-errno %s -o %t.noerrno.bc
// RUN: %swad-opt %t.noerrno.bc --vector-library=libmvec --remarks -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=VECTOR
// RUN: %swad-opt %t.bc -O0 --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=VECTOR
// RUN: %swad-opt %t.bc --vector-library=swad --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=SWAD
//
// NONE-NOT: scalar `
// NONE: remark: the gradient of activations: a loop at remarks-scalar-math-in-loops.c:[[#TANH:@LINE+20]] calls the scalar `tanh` in every iteration: there is no vector tanh to call on several elements at once; swad's own tanh is arithmetic the vectorizers widen (`swad -fveclib=swad`, or `swad-opt --vector-library=swad`); glibc's vector math functions give one (`swad -fno-math-errno -fveclib=libmvec`, or `swad-opt --vector-library=libmvec` on bitcode compiled with `-fno-math-errno`)
// NONE-NEXT: remark: the gradient of activations: a loop at remarks-scalar-math-in-loops.c:[[#TANH+1]] calls the scalar `expf` in every iteration: there is no vector expf to call on several elements at once; swad's own expf is arithmetic the vectorizers widen (`swad -fno-math-errno -fveclib=swad`, or `swad-opt --vector-library=swad` on bitcode compiled with `-fno-math-errno`); glibc's
// NONE-NOT: scalar `
// ERRNO-NOT: scalar `
// ERRNO: remark: the gradient of activations: a loop at remarks-scalar-math-in-loops.c:[[#TANH:@LINE+16]] calls the scalar `tanh` in every iteration: it may set errno, so the vectorizers may not call libmvec's vector tanh in its place; compile with `-fno-math-errno`
// ERRNO-NEXT: remark: the gradient of activations: a loop at remarks-scalar-math-in-loops.c:[[#TANH+1]] calls the scalar `expf` in every iteration: it may set errno
// ERRNO-NOT: scalar `
// VECTOR-NOT: scalar `
#include <math.h>

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);

enum { N = 1000 };

// sqrt is no libmvec function (LLVM vectorizes its intrinsic to an instruction): never remarked;
// nor is the exp called once, outside the loops. The tanh loop is the one line TANH names.
double activations(const double *x, const float *y) {
  double s = exp(x[0]);
  for (int i = 0; i < N; i++) s += sqrt(x[i] * x[i] + 1);
  for (int i = 0; i < N; i++) s += tanh(x[i]);
  for (int i = 0; i < N; i++) s += expf(y[i]);
  return s;
}

void gradient(const double *x, double *dx, const float *y, float *dy) {
  __enzyme_autodiff((void *)activations, enzyme_dup, x, dx, enzyme_dup, y, dy);
}

// swad's tanh is no call; expf, whose vector version is libmvec's, still needs -fno-math-errno.
// SWAD-NOT: scalar `tanh`
// SWAD: calls the scalar `expf` in every iteration: it may set errno
// SWAD-NOT: scalar `
