// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Struct copies (`*dst = *src` in a helper) of structs holding an array of doubles, an array of
// pointers, or a union. clang's !tbaa.struct on such a copy describes arrays and unions as
// "omnipotent char"; read as bytes, the copy moved neither the doubles' adjoints nor the pointers'
// shadows (0 0 0 2 instead of 5 2 3 2, or a crash). The tag is trusted only when it types every
// field (Types/CopiedStructs.swift). Found by the review of the change that introduced it. Reverse
// mode against hand derivatives, forward mode against reverse.
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

typedef struct { double pos[3]; double mass; } Particle;
typedef struct { double *rows[2]; double w; } Rows;
typedef struct { int kind; union { double d; double *p; } u; double w; } Value;

__attribute__((noinline)) static void copy_particle(Particle *dst, const Particle *src) { *dst = *src; }
__attribute__((noinline)) static void copy_rows(Rows *dst, const Rows *src) { *dst = *src; }
__attribute__((noinline)) static void copy_value(Value *dst, const Value *src) { *dst = *src; }

// x0 x3 + 2 x1 + 3 x2
double particle(double *x) {
  Particle a, b;
  a.pos[0] = x[0]; a.pos[1] = x[1]; a.pos[2] = x[2]; a.mass = x[3];
  copy_particle(&b, &a);
  return b.mass * b.pos[0] + 2 * b.pos[1] + 3 * b.pos[2];
}

// 3 x0 + 5 x1 + 7 x2
double rows(double *x) {
  Rows a, b;
  a.rows[0] = &x[0]; a.rows[1] = &x[1]; a.w = x[2];
  copy_rows(&b, &a);
  return 3 * *b.rows[0] + 5 * *b.rows[1] + 7 * b.w;
}

// 3 x0 + 5 x1, through the union's double
double union_value(double *x) {
  Value a, b;
  a.kind = 0; a.u.d = x[0]; a.w = x[1];
  copy_value(&b, &a);
  return b.u.d * 3 + b.w * 5;
}

int main(void) {
  double x[4] = {2, 3, 4, 5}, dx[4] = {0, 0, 0, 0};
  __enzyme_autodiff((void *)particle, enzyme_dup, x, dx);
  check_rel("particle d/dx0", dx[0], x[3], 1e-15);
  check_rel("particle d/dx1", dx[1], 2, 1e-15);
  check_rel("particle d/dx2", dx[2], 3, 1e-15);
  check_rel("particle d/dx3", dx[3], x[0], 1e-15);
  double v[4] = {1, 1, 1, 1};
  check_rel("particle tangent", __enzyme_fwddiff((void *)particle, enzyme_dup, x, v), x[3] + 5 + x[0], 1e-15);
  double y[3] = {2, 3, 4}, dy[3] = {0, 0, 0};
  __enzyme_autodiff((void *)rows, enzyme_dup, y, dy);
  check_rel("rows d/dx0", dy[0], 3, 1e-15);
  check_rel("rows d/dx1", dy[1], 5, 1e-15);
  check_rel("rows d/dx2", dy[2], 7, 1e-15);
  double z[2] = {2, 7}, dz[2] = {0, 0};
  __enzyme_autodiff((void *)union_value, enzyme_dup, z, dz);
  check_rel("union d/dx0", dz[0], 3, 1e-15);
  check_rel("union d/dx1", dz[1], 5, 1e-15);
  return finish();
}
