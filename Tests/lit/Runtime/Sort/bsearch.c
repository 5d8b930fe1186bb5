// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
// bsearch in differentiated code (Rules/SearchRoutines.swift): a piecewise-linear table of
// records { x, y } looked up by binary search, the value interpolated between the record found and
// the next. The record found has its shadow at the same place of the table's shadow, so the
// adjoints reach the two y's (and the x's) the lookup used. Optimized input gets glibc's inline
// bsearch (code in the module); -O0 input calls the library, which the rule handles. A key outside
// the table finds nothing (null): the value is a constant. Reverse mode against central
// differences; forward mode along a direction against the reverse gradient.
#include <string.h>

#include "../Inputs/check.h"

extern int enzyme_const, enzyme_dup;
extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

typedef struct {
  double x, y;
} Knot;

enum { KNOTS = 7 };

// Finds the interval [x_i, x_i+1) that holds the key.
static int interval(const void *key, const void *element) {
  double k = *(const double *)key;
  const Knot *knot = element;
  if (k < knot->x) return -1;
  return k >= knot[1].x ? 1 : 0;
}

double lookup(const Knot *table, double key) {
  const Knot *found = bsearch(&key, table, KNOTS - 1, sizeof(Knot), interval);
  if (!found) return -1.0;
  double t = (key - found->x) / (found[1].x - found->x);
  return (1 - t) * found->y + t * found[1].y;
}

// A sum of squares of lookups at several keys, some outside the table.
double loss(const Knot *table, const double *keys, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double v = lookup(table, keys[i]);
    s += v * v * (i + 1);
  }
  return s;
}

// The central difference of the loss in one of its inputs, `value`.
static double difference(double *value, const Knot *table, const double *keys) {
  double saved = *value, h = 1e-6;
  *value = saved + h;
  double plus = loss(table, keys, 6);
  *value = saved - h;
  double minus = loss(table, keys, 6);
  *value = saved;
  return (plus - minus) / (2 * h);
}

int main(void) {
  Knot table[KNOTS], dtable[KNOTS], direction[KNOTS];
  for (int i = 0; i < KNOTS; i++) {
    table[i] = (Knot){i * 0.75 + 0.1 * sin(i), cos(1.3 * i) + 0.2 * i};
    direction[i] = (Knot){0.3 * sin(2.0 * i + 1), cos(3.0 * i + 2)};
  }
  double keys[6] = {0.2, 1.9, 3.3, 4.4, -1.0, 9.5}, dkeys[6] = {0}, dirkeys[6] = {0.5, -1, 0.25, 2, 1, 1};
  memset(dtable, 0, sizeof dtable);
  __enzyme_autodiff((void *)loss, enzyme_dup, table, dtable, enzyme_dup, keys, dkeys, enzyme_const, 6);

  double along = 0, scale = 0;
  double *values = (double *)table, *gradient = (double *)dtable, *dir = (double *)direction;
  for (int i = 0; i < 2 * KNOTS; i++) {
    check_fd("d loss / d table", gradient[i], difference(&values[i], table, keys), 1e-6);
    along += gradient[i] * dir[i];
    scale += fabs(gradient[i] * dir[i]);
  }
  for (int i = 0; i < 6; i++) {
    check_fd("d loss / d key", dkeys[i], difference(&keys[i], table, keys), 1e-6);
    along += dkeys[i] * dirkeys[i];
    scale += fabs(dkeys[i] * dirkeys[i]);
  }
  check_rel("a key outside the table has derivative 0", dkeys[4], 0, 0);
  double tangent = __enzyme_fwddiff((void *)loss, enzyme_dup, table, direction, enzyme_dup, keys, dirkeys,
                                    enzyme_const, 6);
  check_scaled("forward mode along a direction", tangent, along, scale, 1e-12);
  return finish();
}
