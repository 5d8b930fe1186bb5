// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Batched split reverse mode: __enzyme_augmentfwd with enzyme_width 2 records one tape for two
// lanes, and __enzyme_reverse takes each lane's shadows and result seed. The function grows a
// buffer with realloc (each lane's shadow grows with it), keeps pointers in a struct copied by
// memcpy (each lane's shadow struct holds that lane's shadow pointers) and recurses. Each lane is
// compared with the unbatched combined gradient.
#include <stdlib.h>
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_width, enzyme_dup, enzyme_const, enzyme_out;
void __enzyme_autodiff(void *, ...);
double __enzyme_autodiff1(void *, ...);
void *__enzyme_augmentfwd(void *, ...);
typedef struct { double d[2]; } double2;
double2 __enzyme_reverse(void *, ...);

enum { N = 6 };

typedef struct {
  const double *in;
  double *buf;
} pair;

__attribute__((noinline)) static double tail(const double *x, int n) {
  return n == 0 ? 0 : x[0] * cos(x[0]) + tail(x + 1, n - 1);
}

__attribute__((noinline)) static double f(const double *x, double s) {
  double *buf = malloc(2 * sizeof(double));
  int cap = 2;
  for (int i = 0; i < N; i++) {
    if (i == cap) {
      cap *= 2;
      buf = realloc(buf, cap * sizeof(double));
    }
    buf[i] = x[i] * s + (i ? buf[i - 1] : 0);
  }
  pair p = {x, buf}, q;
  memcpy(&q, &p, sizeof p);
  double r = 0;
  for (int i = 0; i < N; i++) r += q.buf[i] * q.in[(i + 1) % N];
  r += tail(buf, N);
  free(buf);
  return sqrt(r * r + 1);
}

int main(void) {
  double x[N] = {0.3, -0.2, 0.5, 0.1, -0.4, 0.25};
  const double s = 1.3, seeds[2] = {1.0, -2.5};
  char what[80];

  double want[N] = {0};
  double wantS = __enzyme_autodiff1((void *)f, enzyme_dup, x, want, enzyme_out, s);

  double dx0[N] = {0}, dx1[N] = {0};
  void *tape = __enzyme_augmentfwd((void *)f, enzyme_width, 2, enzyme_dup, x, dx0, dx1, enzyme_out, s);
  double2 ds = __enzyme_reverse((void *)f, enzyme_width, 2, enzyme_dup, x, dx0, dx1, enzyme_out, s,
                                seeds[0], seeds[1], tape);
  for (int i = 0; i < N; i++) {
    snprintf(what, sizeof what, "lane 0 dx[%d]", i);
    check_rel(what, dx0[i], seeds[0] * want[i], 1e-13);
    snprintf(what, sizeof what, "lane 1 dx[%d]", i);
    check_rel(what, dx1[i], seeds[1] * want[i], 1e-13);
  }
  check_rel("lane 0 ds", ds.d[0], seeds[0] * wantS, 1e-13);
  check_rel("lane 1 ds", ds.d[1], seeds[1] * wantS, 1e-13);
  return finish();
}
