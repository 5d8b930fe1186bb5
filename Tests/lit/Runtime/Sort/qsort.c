// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
// Sorting through the C library in differentiated code (Rules/Sort): the derivative of a sort is
// the same permutation of the derivatives. Each program below, in reverse mode against central
// differences, and in forward mode against the reverse gradient along a direction:
//  - a trimmed mean: qsort of a malloc'd copy, the middle half averaged;
//  - an order-weighted loss over records { key, weight } sorted by key with glibc's qsort_r, whose
//    context says ascending or descending (a struct element: the weight moves with its key);
//  - the input itself sorted in place: the primal comes back sorted, and the shadow gets the
//    gradient added at the places the values came from (Enzyme's +=, with nonzero seeds);
//  - pointers into the input sorted by what they point to: the pointers' shadows move with them;
//  - a sort inside a loop: each iteration's order kept for its reverse sweep;
//  - batched reverse mode (enzyme_width 2): two outputs of a sort seeded in two lanes, each lane
//    against the unbatched gradient with the same seed;
//  - a Hessian-vector product (forward mode over the reverse gradient of a sum weighted by rank),
//    against the Hessian written by hand.
// All at points where no two keys tie.
#include <string.h>

#include "../Inputs/check.h"

extern int enzyme_const, enzyme_dup;
extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dupnoneed, enzyme_width;
void qsort_r(void *, size_t, size_t, int (*)(const void *, const void *, void *), void *);

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double trimmed(const double *x, int n) {
  double *c = malloc(n * sizeof(double));
  memcpy(c, x, n * sizeof(double));
  qsort(c, n, sizeof(double), by_value);
  double s = 0;
  for (int i = n / 4; i < n - n / 4; i++) s += c[i] * c[i];
  free(c);
  return s / (n - 2 * (n / 4));
}

typedef struct {
  double key;
  int tag;
  double weight;
} Record;

static int by_key(const void *a, const void *b, void *direction) {
  double x = ((const Record *)a)->key, y = ((const Record *)b)->key;
  return *(const int *)direction * ((x > y) - (x < y));
}

double ordered_loss(const double *x, int n) {
  Record *r = malloc(n * sizeof(Record));
  for (int i = 0; i < n; i++) r[i] = (Record){sin(x[i]), i, x[i] * x[i]};
  int descending = -1;
  qsort_r(r, n, sizeof(Record), by_key, &descending);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * r[i].key * r[i].weight + (r[i].tag % 3) * r[i].key;
  free(r);
  return s;
}

// Sorts its argument: the caller's array changes.
double sort_in_place(double *x, int n) {
  qsort(x, n, sizeof(double), by_value);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * x[i] * x[i];
  return s;
}

static int by_pointee(const void *a, const void *b) {
  return by_value(*(double *const *)a, *(double *const *)b);
}

double through_pointers(const double *x, int n) {
  const double **p = malloc(n * sizeof(double *));
  for (int i = 0; i < n; i++) p[i] = &x[i];
  qsort(p, n, sizeof(double *), by_pointee);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * exp(*p[i] / 4);
  free(p);
  return s;
}

double sorted_rounds(const double *x, int n) {
  double *c = malloc(n * sizeof(double));
  double s = 0;
  for (int round = 1; round <= 3; round++) {
    for (int i = 0; i < n; i++) c[i] = x[i] * cos(round * x[i]);
    qsort(c, n, sizeof(double), by_value);
    for (int i = 0; i < n; i++) s += (i + 1) * round * c[i];
  }
  free(c);
  return s;
}

// sum_k (k + 1) c_k over the cubes sorted: rank(i) x_i^3, whose Hessian is diag(6 rank(i) x_i).
double ranked_cubes(const double *x, int n) {
  double *c = malloc(n * sizeof(double));
  for (int i = 0; i < n; i++) c[i] = x[i] * x[i] * x[i];
  qsort(c, n, sizeof(double), by_value);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * c[i];
  free(c);
  return s;
}

void ranked_cubes_gradient(const double *x, double *dx, int n) {
  __enzyme_autodiff((void *)ranked_cubes, enzyme_dup, x, dx, enzyme_const, n);
}

// Two outputs of a sorted copy of x: y0 = sum (k + 1) c_k, y1 = sum (n - k) c_k^2.
void sorted_moments(const double *x, double *y, int n) {
  double *c = malloc(n * sizeof(double));
  memcpy(c, x, n * sizeof(double));
  qsort(c, n, sizeof(double), by_value);
  y[0] = y[1] = 0;
  for (int k = 0; k < n; k++) {
    y[0] += (k + 1) * c[k];
    y[1] += (n - k) * c[k] * c[k];
  }
  free(c);
}

typedef double (*Objective)(const double *, int);

// The reverse gradient dx of f at x against central differences, and forward mode's derivative
// along a direction against the gradient's.
static void check_gradient(const char *what, Objective f, double *x, const double *dx, int n, double tangent,
                           const double *direction) {
  check_gradient_fd(what, f, x, dx, n, 1e-6, 1e-6);
  double along = 0, scale = 0;
  for (int i = 0; i < n; i++) {
    along += dx[i] * direction[i];
    scale += fabs(dx[i] * direction[i]);
  }
  char name[96];
  snprintf(name, sizeof name, "%s, forward mode along a direction", what);
  check_scaled(name, tangent, along, scale, 1e-12);
}

// The entry points take the function itself, not a pointer variable.
#define CHECK_BOTH_MODES(what, f, x0, n)                                                            \
  do {                                                                                              \
    double at_[16], dx_[16] = {0}, direction_[16];                                                  \
    memcpy(at_, x0, (n) * sizeof(double));                                                          \
    for (int i = 0; i < (n); i++) direction_[i] = cos(3.0 * i + 1);                                 \
    __enzyme_autodiff((void *)f, enzyme_dup, at_, dx_, enzyme_const, n);                            \
    double tangent_ = __enzyme_fwddiff((void *)f, enzyme_dup, at_, direction_, enzyme_const, n);    \
    check_gradient(what, f, at_, dx_, n, tangent_, direction_);                                     \
  } while (0)

int main(void) {
  const double x[9] = {0.3, -1.2, 2.5, 0.7, -0.1, 1.9, -2.2, 0.05, 1.1};
  CHECK_BOTH_MODES("trimmed mean", trimmed, x, 9);
  CHECK_BOTH_MODES("ordered loss (qsort_r, records)", ordered_loss, x, 9);
  CHECK_BOTH_MODES("through pointers", through_pointers, x, 9);
  CHECK_BOTH_MODES("sort in a loop", sorted_rounds, x, 9);

  // In place: the reverse sweep hands each adjoint back to where its value was.
  double y[6] = {0.4, -0.9, 1.3, 0.1, -0.3, 0.8}, seeds[6] = {1, 2, 3, 4, 5, 6}, dy[6];
  memcpy(dy, seeds, sizeof dy);
  double original[6];
  memcpy(original, y, sizeof y);
  __enzyme_autodiff((void *)sort_in_place, enzyme_dup, y, dy, enzyme_const, 6);
  for (int i = 1; i < 6; i++) check_rel("sorted in place: the primal comes back sorted", y[i] > y[i - 1], 1, 0);
  for (int i = 0; i < 6; i++) {
    double plus[6], minus[6], h = 1e-6;
    memcpy(plus, original, sizeof plus);
    memcpy(minus, original, sizeof minus);
    plus[i] += h;
    minus[i] -= h;
    double fd = (sort_in_place(plus, 6) - sort_in_place(minus, 6)) / (2 * h);
    check_fd("sorted in place: seed + gradient at the original place", dy[i], seeds[i] + fd, 1e-6);
  }

  // Batched: lane k seeds output k (lane 1 a combination), against one unbatched gradient a seed.
  double moments[2], dx0[9] = {0}, dx1[9] = {0}, dy0[2] = {1, 0}, dy1[2] = {0.5, -2};
  __enzyme_autodiff((void *)sorted_moments, enzyme_width, 2, enzyme_dup, x, dx0, dx1, enzyme_dup, moments, dy0, dy1,
                    enzyme_const, 9);
  for (int lane = 0; lane < 2; lane++) {
    double seed[2] = {lane ? 0.5 : 1, lane ? -2 : 0}, single[9] = {0};
    __enzyme_autodiff((void *)sorted_moments, enzyme_dup, x, single, enzyme_dup, moments, seed, enzyme_const, 9);
    for (int i = 0; i < 9; i++)
      check_rel("batched reverse lane against the unbatched gradient", lane ? dx1[i] : dx0[i], single[i], 1e-14);
  }

  double z[5] = {0.3, -1.2, 0.9, 0.5, -0.4}, v[5] = {1, 0.5, -0.25, 2, -1}, dz[5] = {0}, hv[5] = {0};
  __enzyme_fwddiff((void *)ranked_cubes_gradient, enzyme_dup, z, v, enzyme_dupnoneed, dz, hv, enzyme_const, 5);
  for (int i = 0; i < 5; i++) {
    int rank = 1;
    for (int j = 0; j < 5; j++) rank += z[j] < z[i];
    check_rel("Hessian-vector product through a sort", hv[i], 6 * rank * z[i] * v[i], 1e-14);
  }
  return finish();
}
