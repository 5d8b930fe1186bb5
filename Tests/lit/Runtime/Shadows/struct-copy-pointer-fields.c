// A struct holding an active pointer (x, duplicated) and a constant one (w, enzyme_const) copied
// into heap memory, by assignment (`*dst = src`, which the front end turns into a memcpy and the
// optimizer into loads and stores of the fields) and by an explicit memcpy, then read by a
// non-inlined helper: the shadow of the copy holds x's shadow in the active field and nothing that
// lets the reverse sweep write into w. Also an array of two such structs with the roles swapped
// copied at once.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
#include <stdlib.h>
#include <string.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef struct {
  double *v;
  const double *w;
  int n;
} Vec;

// Σ v_i² w_i
__attribute__((noinline)) static double dot(const Vec *a) {
  double s = 0;
  for (int i = 0; i < a->n; i++) s += a->v[i] * a->v[i] * a->w[i];
  return s;
}

double by_assignment(double *x, const double *w, int n) {
  Vec src = {x, w, n};
  Vec *dst = (Vec *)malloc(sizeof(Vec));
  *dst = src;
  double r = dot(dst);
  free(dst);
  return r;
}

double by_memcpy(double *x, const double *w, int n) {
  Vec src = {x, w, n};
  Vec *dst = (Vec *)malloc(sizeof(Vec));
  memcpy(dst, &src, sizeof src);
  double r = dot(dst);
  free(dst);
  return r;
}

// Σ x_i² w_i + Σ w_i² x_i: the active pointer sits in a different field of each element.
double array_of_structs(double *x, const double *w, int n) {
  Vec src[2] = {{x, w, n}, {(double *)w, x, n}};
  Vec *dst = (Vec *)malloc(sizeof src);
  memcpy(dst, src, sizeof src);
  double r = dot(&dst[0]) + dot(&dst[1]);
  free(dst);
  return r;
}

// A macro rather than a function taking the function pointer: the function differentiated must be
// known where __enzyme_autodiff is called.
#define CHECK_FUNCTION(fn, swapped)                                                            \
  do {                                                                                         \
    double x[3] = {0.5, 1.5, -2}, dx[3] = {0}, w[3] = {1, 2, 3}, t[3] = {1, 2, 3};             \
    double want_t = 0;                                                                         \
    char what[64];                                                                             \
    __enzyme_autodiff((void *)fn, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, 3);        \
    for (int i = 0; i < 3; i++) {                                                              \
      double want = 2 * x[i] * w[i] + (swapped ? w[i] * w[i] : 0);                             \
      snprintf(what, sizeof what, "%s dx[%d]", #fn, i);                                        \
      check_rel(what, dx[i], want, 1e-13);                                                     \
      want_t += want * t[i];                                                                   \
    }                                                                                          \
    double tan = __enzyme_fwddiff((void *)fn, enzyme_dup, x, t, enzyme_const, w, enzyme_const, 3); \
    snprintf(what, sizeof what, "%s tangent", #fn);                                            \
    check_rel(what, tan, want_t, 1e-13);                                                       \
    for (int i = 0; i < 3; i++) {                                                              \
      snprintf(what, sizeof what, "%s w[%d] unchanged", #fn, i);                               \
      check_exact(what, w[i], (double)(i + 1));                                                \
    }                                                                                          \
  } while (0)

int main(void) {
  CHECK_FUNCTION(by_assignment, 0);
  CHECK_FUNCTION(by_memcpy, 0);
  CHECK_FUNCTION(array_of_structs, 1);
  return finish();
}
