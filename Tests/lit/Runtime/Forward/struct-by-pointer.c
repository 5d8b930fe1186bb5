// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Structs passed by pointer with a shadow struct: the tangent of each field is read from the shadow,
// and an output struct's shadow receives the tangents of the fields written.
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
extern void __enzyme_fwddiff(void *, ...);
extern double __enzyme_fwddiff_d(void *, ...);

typedef struct {
  double x, y;
  int tag;
  double w[3];
} particle;

typedef struct {
  double energy;
  double r2;
} result;

double energy(const particle *p) { return 0.5 * (p->x * p->x + p->y * p->y) * (p->w[0] + p->w[2]) + p->tag; }

// A struct holding a pointer: the shadow struct's pointer field points at the shadow array.
typedef struct {
  double *data;
  int n;
} vec;

double vec_norm2(const vec *v) {
  double s = 0;
  for (int i = 0; i < v->n; i++) s += v->data[i] * v->data[i];
  return s;
}

void analyse(const particle *p, result *out) {
  out->r2 = p->x * p->x + p->y * p->y;
  out->energy = energy(p) * sin(p->w[1]);
}

int main(void) {
  particle p = {1.5, -2.0, 7, {0.25, 0.6, 1.25}};
  particle dp = {0};
  dp.x = 1;
  double de = __enzyme_fwddiff_d((void *)energy, enzyme_dup, &p, &dp);
  check_rel("d energy / dx", de, p.x * (p.w[0] + p.w[2]), 1e-12);
  dp = (particle){0};
  dp.w[2] = 1;
  de = __enzyme_fwddiff_d((void *)energy, enzyme_dup, &p, &dp);
  check_rel("d energy / dw2", de, 0.5 * (p.x * p.x + p.y * p.y), 1e-12);

  result r = {0, 0}, dr = {123, 456};
  dp = (particle){0};
  dp.y = 1;
  dp.w[1] = 0.5;  // direction (dy, dw1) = (1, 0.5)
  __enzyme_fwddiff((void *)analyse, enzyme_dup, &p, &dp, enzyme_dup, &r, &dr);
  double r2 = p.x * p.x + p.y * p.y, s = p.w[0] + p.w[2];
  check_rel("r2", r.r2, r2, 1e-12);
  check_rel("d r2", dr.r2, 2 * p.y, 1e-12);
  double e0 = 0.5 * r2 * s + p.tag;
  check_rel("d energy", dr.energy, p.y * s * sin(p.w[1]) + e0 * cos(p.w[1]) * 0.5, 1e-12);

  double data[4] = {1.0, -2.0, 0.5, 3.0}, ddata[4] = {0, 1, 0, 2};
  vec v = {data, 4}, dv = {ddata, 0};
  check_rel("d vec_norm2", __enzyme_fwddiff_d((void *)vec_norm2, enzyme_dup, &v, &dv),
            2 * (data[1] * ddata[1] + data[3] * ddata[3]), 1e-12);
  return finish();
}
