// RUN: %clang-ad -DSWAP %s -o %t.swap.bc
// RUN: %swad-opt %t.swap.bc -o %t.swap.opt.bc
// RUN: %clang %t.swap.opt.bc -o %t.swap -lm
// RUN: %t.swap
// RUN: %clang-ad-O0 -DSWAP %s -o %t.swap.O0in.bc
// RUN: not %swad-opt %t.swap.O0in.bc -o %t.swap.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad -DROTATE %s -o %t.rotate.bc
// RUN: %swad-opt %t.rotate.bc -o %t.rotate.opt.bc
// RUN: %clang %t.rotate.opt.bc -o %t.rotate -lm
// RUN: %t.rotate
// RUN: %clang-ad-O0 -DROTATE %s -o %t.rotate.O0in.bc
// RUN: not %swad-opt %t.rotate.O0in.bc -o %t.rotate.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad -DREVERSE %s -o %t.reverse.bc
// RUN: %swad-opt %t.reverse.bc -o %t.reverse.opt.bc
// RUN: %clang %t.reverse.opt.bc -o %t.reverse -lm
// RUN: %t.reverse
// RUN: %clang-ad-O0 -DREVERSE %s -o %t.reverse.O0in.bc
// RUN: not %swad-opt %t.reverse.O0in.bc -o %t.reverse.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 -DREVERSE %s -o %t.reverse.O0in.bc
// RUN: not %swad-opt %t.reverse.O0in.bc -o %t.reverse.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad -DMAXIMUM %s -o %t.maximum.bc
// RUN: not %swad-opt %t.maximum.bc -o %t.maximum.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 -DMAXIMUM %s -o %t.maximum.O0in.bc
// RUN: not %swad-opt %t.maximum.O0in.bc -o %t.maximum.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Doubles' bits moved by the compiler's bit intrinsics and made doubles again: a byte swap (a
// big-endian wire format), a rotation, a bit reversal, each written to a buffer and moved back on
// reading, and the larger of two positive doubles taken by comparing their bits as integers
// (`u > m ? u : m`, an `llvm.umax`). Where the pre-AD simplification does not undo the moves (the
// round trips from optimized input it does: their gradients are checked), each is an error naming
// the line where the bits are read: the derivatives were silently 0 in both modes (the intrinsics,
// calls without floating-point arguments, were taken for tests of the bits). Bits that only feed a
// test (a byte swap whose parity picks a weight) stay allowed, and the gradient is right.
// CHECK: float-bits-moved-by-intrinsics.c:{{[0-9]+}}:{{[0-9]+}}: in function 'f': {{.*}} as an integer here{{.*}}swad does not carry derivatives through integers yet
#include <stdint.h>
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { N = 3 };

static uint64_t bits_of(double v) {
  uint64_t u;
  memcpy(&u, &v, 8);
  return u;
}

#if defined(SWAP)
#define MOVE(u) __builtin_bswap64(u)
#define UNMOVE(u) __builtin_bswap64(u)
#elif defined(ROTATE)
#define MOVE(u) __builtin_rotateleft64(u, 13)
#define UNMOVE(u) __builtin_rotateright64(u, 13)
#elif defined(REVERSE)
#define MOVE(u) __builtin_bitreverse64(u)
#define UNMOVE(u) __builtin_bitreverse64(u)
#endif

__attribute__((noinline)) double f(const double *x, int n) {
#if defined(MOVE)
  // Written to a buffer moved, read back moved back.
  uint64_t wire[N];
  for (int i = 0; i < n; i++) wire[i] = MOVE(bits_of(x[i]));
  double s = 0;
  for (int i = 0; i < n; i++) {
    uint64_t u = UNMOVE(wire[i]);
    double v;
    memcpy(&v, &u, 8);
    s += v * v;
  }
  return s;
#elif defined(MAXIMUM)
  uint64_t m = 0;
  for (int i = 0; i < n; i++) {
    uint64_t u = bits_of(x[i]);
    m = u > m ? u : m;
  }
  double top;
  memcpy(&top, &m, 8);
  return top * top;
#else
  // The parity of the swapped bits chooses a weight: a test of the bits, no value carried.
  double s = 0;
  for (int i = 0; i < n; i++) s += (__builtin_bswap64(bits_of(x[i])) % 2 ? 2.0 : 3.0) * x[i] * x[i];
  return s;
#endif
}

int main(void) {
  double x[N] = {0.5, 1.25, 2.0}, g[N] = {0};
  __enzyme_autodiff((void *)f, enzyme_dup, x, g, enzyme_const, N);
  for (int i = 0; i < N; i++) {
#if defined(MOVE)
    double weight = 1.0;
#else
    double weight = bits_of(x[i]) >> 56 & 1 ? 2.0 : 3.0;  // the low byte's parity, swapped to the top
#endif
    double e[N] = {0};
    e[i] = 1;
    check_rel("reverse", g[i], 2 * weight * x[i], 1e-15);
    check_rel("forward", __enzyme_fwddiff((void *)f, enzyme_dup, x, e, enzyme_const, N), 2 * weight * x[i], 1e-15);
  }
  return finish();
}
