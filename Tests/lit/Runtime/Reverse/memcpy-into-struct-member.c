// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// memcpy into an array member of a struct whose other member is a pointer (a layer's bias next to
// its weights pointer), and into one next to a union. The copy's element type came from the
// struct's first access, a pointer: the adjoints of the copied doubles were not moved back, a
// silent 5 0 instead of 8 2 (pre-existing, found by the review). The accesses to the copied range
// decide now (CopiedStructs.accessesInCopiedRange). Against hand derivatives.
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef struct { double *w; double b[2]; } Layer;
typedef struct { double b[2]; double *w; } LayerBiasFirst;
typedef struct { union { double d; double *p; } u; double v[2]; } Cell;

// w0 x0 + b0 b1 + x0 with b = x
__attribute__((noinline)) double layer(double *x, Layer *l) {
  memcpy(l->b, x, 2 * sizeof(double));
  return l->w[0] * x[0] + l->b[0] * l->b[1] + x[0];
}

__attribute__((noinline)) double layer_bias_first(double *x, LayerBiasFirst *l) {
  memcpy(l->b, x, 2 * sizeof(double));
  return l->w[0] * x[0] + l->b[0] * l->b[1] + x[0];
}

// x0 (through u.p) + x0 (u.d) + x0 x1 (v = x)
__attribute__((noinline)) double cell(double *x, Cell *c) {
  c->u.p = x;
  double through = *c->u.p;
  c->u.d = x[0];
  memcpy(c->v, x, 2 * sizeof(double));
  return through + c->u.d + c->v[0] * c->v[1];
}

int main(void) {
  double w[1] = {4}, dw[1] = {0};
  double x[2] = {2, 3}, dx[2] = {0, 0};
  Layer l = {w}, dl = {dw};
  __enzyme_autodiff((void *)layer, enzyme_dup, x, dx, enzyme_dup, &l, &dl);
  check_rel("layer d/dx0", dx[0], w[0] + x[1] + 1, 1e-15);
  check_rel("layer d/dx1", dx[1], x[0], 1e-15);
  check_rel("layer d/dw0", dw[0], x[0], 1e-15);
  double y[2] = {2, 3}, dy[2] = {0, 0}, dw2[1] = {0};
  LayerBiasFirst m = {{0, 0}, w}, dm = {{0, 0}, dw2};
  __enzyme_autodiff((void *)layer_bias_first, enzyme_dup, y, dy, enzyme_dup, &m, &dm);
  check_rel("bias first d/dx0", dy[0], w[0] + y[1] + 1, 1e-15);
  check_rel("bias first d/dx1", dy[1], y[0], 1e-15);
  double z[2] = {2, 3}, dz[2] = {0, 0};
  Cell c, dc = {{0}, {0, 0}};
  __enzyme_autodiff((void *)cell, enzyme_dup, z, dz, enzyme_dup, &c, &dc);
  check_rel("cell d/dx0", dz[0], 2 + z[1], 1e-15);
  check_rel("cell d/dx1", dz[1], z[0], 1e-15);
  return finish();
}
