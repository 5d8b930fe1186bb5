// REQUIRES: valgrind
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: not valgrind %t 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: not valgrind %t.O0in 2>&1 | FileCheck %s
// Forward mode, realloc of a block reached through an enzyme_const argument (a scratch table in a
// context struct the caller passes as constant): its pointers are their own shadows, so the new
// block is constant data too. It was resized as a shadow as well: the block the primal's realloc
// had just freed was realloc'd a second time (valgrind: an invalid free). Now only the run-time
// check that stops a derivative that would be lost speaks: the new table's address is stored into
// the constant struct, where it has no shadow (pass the context as duplicated to differentiate).
// CHECK-NOT: Invalid free
// CHECK: swad: error: a derivative would be wrong: {{.*}}a store of an address with a shadow
// CHECK-NOT: Invalid free
#include <math.h>
#include <stdlib.h>

extern int enzyme_dup, enzyme_const;
double __enzyme_fwddiff(void *, ...);

typedef struct {
  double *table;
  int cap;
} Ctx;

// Σ sin(x_i) / (i + 1), the weights in a table the function grows and fills.
__attribute__((noinline)) double f(Ctx *ctx, const double *x, int n) {
  if (ctx->cap < n) {
    ctx->table = realloc(ctx->table, n * sizeof(double));
    ctx->cap = n;
  }
  for (int i = 0; i < n; i++) ctx->table[i] = 1.0 / (i + 1);
  double s = 0;
  for (int i = 0; i < n; i++) s += ctx->table[i] * sin(x[i]);
  return s;
}

int main(void) {
  Ctx ctx = {malloc(sizeof(double)), 1};
  double x[64], v[64] = {0};
  for (int i = 0; i < 64; i++) x[i] = 0.1 * i;
  v[3] = 1;
  double d = __enzyme_fwddiff((void *)f, enzyme_const, &ctx, enzyme_dup, x, v, enzyme_const, 8);
  free(ctx.table);
  return d == cos(0.3) / 4 ? 0 : 1;
}
