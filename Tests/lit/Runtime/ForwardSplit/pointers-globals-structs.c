// __enzyme_fwdsplit against __enzyme_fwddiff and central differences, at -O2 and -O0 input, where
// the primal values the tangent needs come through memory the primal changes: pointers loaded from
// an array of rows (the rows' shadows loaded from the shadow array), a global accumulator the
// function updates in place, a struct updated through a pointer, and a Newton iteration whose trip
// count depends on the data (a while loop exiting on a loaded value), and a local's address stored
// by a callee and compared after (the tangent must see the address the primal saw).
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <string.h>
#include "../Inputs/check.h"

extern void *__enzyme_augmentfwd(void *, ...);
extern double __enzyme_fwdsplit(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef struct { double position, velocity; int steps; } Particle;

double total = 0;

// Rows reached through pointers; each row scaled in place by its first entry; the global total
// accumulates (so running the primal twice would be visible).
double rows(double **r, int m, int n) {
  double s = 0;
  for (int i = 0; i < m; i++) {
    double first = r[i][0];
    for (int j = 0; j < n; j++) {
      r[i][j] *= first;
      s += r[i][j] * r[i][j];
    }
  }
  total += s;
  return s;
}

// A struct updated in place; the number of steps depends on the velocity read each step.
double advance(Particle *p) {
  double e = 0;
  while (p->velocity > 0.1 && p->steps < 50) {
    p->position += p->velocity * 0.1;
    p->velocity *= 0.8;
    e += p->position * p->velocity;
    p->steps++;
  }
  return e;
}

// sqrt(a) by Newton's method: iterates until the update is small (a data-dependent exit).
double newton(const double *a) {
  double x = *a > 1 ? *a : 1;
  for (;;) {
    double next = 0.5 * (x + *a / x);
    if (fabs(next - x) < 1e-14 * next) return next;
    x = next;
  }
}

__attribute__((noinline)) void pick(double **slot, double *a, double *b, int which) { *slot = which ? a : b; }

double local_address(double *x, int which) {
  double local = x[1] * 3;
  double *p;
  pick(&p, &local, x, which);
  if (p == &local) return local * x[0];
  return p[0] * p[1];
}

static double rows_value(const double data[3][4], int m, int n) {
  double copy[3][4];
  memcpy(copy, data, sizeof copy);
  double *r[3] = {copy[0], copy[1], copy[2]};
  return rows(r, m, n);
}

int main(void) {
  const double D[3][4] = {{0.5, 1.0, -2.0, 0.3}, {1.5, -0.5, 0.25, 2.0}, {-0.75, 0.1, 0.2, -1.0}};
  const double V[3][4] = {{1, 0, 0.5, -1}, {0.2, 0.3, -0.4, 1}, {2, -1, 0, 0.5}};
  double a[3][4], da[3][4], b[3][4], db[3][4];
  memcpy(a, D, sizeof a); memcpy(da, V, sizeof da); memcpy(b, D, sizeof b); memcpy(db, V, sizeof db);
  double *ra[3] = {a[0], a[1], a[2]}, *rda[3] = {da[0], da[1], da[2]};
  double *rb[3] = {b[0], b[1], b[2]}, *rdb[3] = {db[0], db[1], db[2]};

  total = 0;
  double want = __enzyme_fwddiff((void *)rows, enzyme_dup, ra, rda, enzyme_const, 3, enzyme_const, 4);
  double after_fwddiff = total;
  total = 0;
  void *tape = __enzyme_augmentfwd((void *)rows, enzyme_dup, rb, rdb, enzyme_const, 3, enzyme_const, 4);
  double after_augmented = total;
  double got = __enzyme_fwdsplit((void *)rows, enzyme_dup, rb, rdb, enzyme_const, 3, enzyme_const, 4, tape);
  check_rel("rows: tangent", got, want, 1e-15);
  check_exact("rows: the global is updated once", total, after_augmented);
  check_rel("rows: the global as fwddiff leaves it", total, after_fwddiff, 1e-15);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 4; j++) {
      check_exact("rows: rows scaled once", b[i][j], a[i][j]);
      check_rel("rows: tangents of the rows", db[i][j], da[i][j], 1e-15);
    }
  double h = 1e-6, p[3][4], m[3][4];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 4; j++) { p[i][j] = D[i][j] + h * V[i][j]; m[i][j] = D[i][j] - h * V[i][j]; }
  check_fd("rows: central differences", got, (rows_value(p, 3, 4) - rows_value(m, 3, 4)) / (2 * h), 1e-7);

  Particle pa = {0.5, 2.0, 0}, dpa = {1.0, -0.5, 0}, pb = pa, dpb = dpa;
  double we = __enzyme_fwddiff((void *)advance, enzyme_dup, &pa, &dpa);
  void *t2 = __enzyme_augmentfwd((void *)advance, enzyme_dup, &pb, &dpb);
  double ge = __enzyme_fwdsplit((void *)advance, enzyme_dup, &pb, &dpb, t2);
  check_rel("advance: tangent", ge, we, 1e-15);
  check_exact("advance: steps taken once", pb.steps, pa.steps);
  check_exact("advance: position", pb.position, pa.position);
  check_rel("advance: tangent of the position", dpb.position, dpa.position, 1e-15);
  check_rel("advance: tangent of the velocity", dpb.velocity, dpa.velocity, 1e-15);
  Particle pp = {0.5 + h, 2.0 - 0.5 * h, 0}, pm = {0.5 - h, 2.0 + 0.5 * h, 0};
  check_fd("advance: central differences", ge, (advance(&pp) - advance(&pm)) / (2 * h), 1e-7);

  double s = 2.0, ds = 1.0;
  double wn = __enzyme_fwddiff((void *)newton, enzyme_dup, &s, &ds);
  void *t3 = __enzyme_augmentfwd((void *)newton, enzyme_dup, &s, &ds);
  double gn = __enzyme_fwdsplit((void *)newton, enzyme_dup, &s, &ds, t3);
  check_rel("newton: tangent", gn, wn, 1e-15);
  check_rel("newton: 1/(2 sqrt 2)", gn, 0.5 / sqrt(2.0), 1e-12);
  for (int w = 0; w < 2; w++) {
    double lx[2] = {1.5, 2.0}, ldx[2] = {1, 1};
    double full = __enzyme_fwddiff((void *)local_address, lx, ldx, enzyme_const, w);
    void *t4 = __enzyme_augmentfwd((void *)local_address, lx, ldx, enzyme_const, w);
    double split = __enzyme_fwdsplit((void *)local_address, lx, ldx, enzyme_const, w, t4);
    check_rel("local address: tangent", split, full, 1e-15);
    check_rel("local address: by hand", split, w ? 3 * (lx[0] + lx[1]) : lx[0] + lx[1], 1e-15);
  }
  return finish();
}
