// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %swad-opt %t.bc --remarks -o /dev/null 2>%t.remarks
// RUN: FileCheck %s --check-prefix=REMARKS < %t.remarks
// RUN: sort %t.remarks | uniq -d | FileCheck %s --check-prefix=REPEATED --allow-empty
// A layer kept in a struct, its output written through a pointer loaded from the struct
// (MemoryWrites.isOutOfReachOfLoadedPointers): with the struct and the input `restrict` (and never
// captured, which clang infers at -O2), that store cannot write the input or the struct, so the
// reverse sweep loads the input and the struct's pointers again instead of keeping them; the
// weights, reached through a pointer loaded from the struct too, may be the output for all swad can
// tell, and are kept. Without `restrict`, everything read is kept, and a layer whose output is its
// own input (`h` is `x`: each row overwrites an input later rows read) gets the gradient of what it
// computed. A `restrict` input the function keeps a copy of in memory for a while (`noescape`:
// the copy is gone when it returns, so the input is still `captures(none)`) and zeroes through the
// copy it loads back is kept too: the reverse sweep needs the values read before the zeroing
// (ds/dx_i = 2 x_i, not 0). All against hand-derived gradients:
//
//   s = sum_i h_i^2,  h_i = tanh(t_i),  t_i = b_i + sum_j W_ij x_j  (x as the row reads it),
//   ds/dx_k = sum_i 2 h_i (1 - h_i^2) W_ik,  ds/dW_ij = 2 h_i (1 - h_i^2) x_j.
//
// REMARKS-DAG: loss_restrict: reloaded by the reverse sweep instead of kept {{.*}}(load, restrict-argument-loaded-pointer.c:51)
// REMARKS-DAG: loss_restrict: kept, not loaded again, because {{.*}}: %{{[0-9]+}} (load, restrict-argument-loaded-pointer.c:51), by the store at restrict-argument-loaded-pointer.c:52{{$}}
// REMARKS-DAG: squares_then_zero: kept, not loaded again, because {{.*}}(load, restrict-argument-loaded-pointer.c:81){{.*}}, by the store at restrict-argument-loaded-pointer.c:82{{$}}
// REMARKS-DAG: loss_plain: kept, not loaded again, because {{.*}}(load, restrict-argument-loaded-pointer.c:63), %{{[0-9]+}} (load, restrict-argument-loaded-pointer.c:63){{.*}} by the store at restrict-argument-loaded-pointer.c:64{{$}}
//
// The reverse sweep's loop nests are unswitched (one copy per outcome of a test), and the jam
// stage's remark on them is said once per derivative, not once per copy:
// REPEATED-NOT: the loop nest
#include <math.h>
#include <stdio.h>
#include "../Inputs/check.h"

enum { N = 12, M = 12 };

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);

typedef struct {
  double *W, *b, *h;
} Layer;

__attribute__((noinline)) double loss_restrict(const Layer *restrict L, const double *restrict x) {
  for (int i = 0; i < N; i++) {
    double t = L->b[i];
    for (int j = 0; j < M; j++) t += L->W[i * M + j] * x[j];
    L->h[i] = tanh(t);
  }
  double s = 0;
  for (int i = 0; i < N; i++) s += L->h[i] * L->h[i];
  return s;
}

// Reads x[j] for every row after writing h[i]: with h == x, later rows see earlier rows' outputs.
__attribute__((noinline)) double loss_plain(const Layer *L, const double *x) {
  for (int i = 0; i < N; i++) {
    double t = L->b[i];
    for (int j = 0; j < M; j++) t += L->W[i * M + j] * x[j];
    L->h[i] = tanh(t);
  }
  double s = 0;
  for (int i = 0; i < N; i++) s += L->h[i] * L->h[i];
  return s;
}

typedef struct {
  double *kept;
  double **slots;
} Scratch;

// Sums x_i^2, zeroing each x_i through the copy of x kept in s->kept once it is read.
__attribute__((noinline)) double squares_then_zero(double *restrict __attribute__((noescape)) x, Scratch *s) {
  double sum = 0;
  s->kept = x;
  for (int i = 0; i < M; i++) {
    sum += x[i] * x[i];
    s->slots[i] = 0;  // may be s->kept, for all swad can tell: s->kept is loaded again below
    s->kept[i] = 0;
  }
  s->kept = 0;
  return sum;
}

static double W[N * M], b[N], h[N], dW[N * M], db[N], dh[N];

static void fill(double *x) {
  for (int i = 0; i < N * M; i++) W[i] = 0.3 * sin(0.37 * i + 0.1);
  for (int i = 0; i < N; i++) b[i] = 0.1 * cos(0.5 * i);
  for (int j = 0; j < M; j++) x[j] = 0.8 * cos(1.1 * j + 0.2);
}

static void clear(double *dx) {
  for (int i = 0; i < N * M; i++) dW[i] = 0;
  for (int i = 0; i < N; i++) db[i] = dh[i] = 0;
  for (int j = 0; j < M; j++) dx[j] = 0;
}

// Separate input and output: the hand-derived gradients above.
static void check_separate(const char *what, const double *x, const double *dx) {
  char name[80];
  double want[M] = {0};
  for (int i = 0; i < N; i++) {
    double t = b[i];
    for (int j = 0; j < M; j++) t += W[i * M + j] * x[j];
    double hi = tanh(t), g = 2 * hi * (1 - hi * hi);
    for (int j = 0; j < M; j++) {
      want[j] += g * W[i * M + j];
      snprintf(name, sizeof name, "%s dW[%d][%d]", what, i, j);
      check_rel(name, dW[i * M + j], g * x[j], 1e-12);
    }
  }
  for (int j = 0; j < M; j++) {
    snprintf(name, sizeof name, "%s dx[%d]", what, j);
    check_rel(name, dx[j], want[j], 1e-12);
  }
}

static double in_place_loss(const double *x0) {
  double x[M];
  for (int j = 0; j < M; j++) x[j] = x0[j];
  Layer L = {W, b, x};
  return loss_plain(&L, x);
}

int main(void) {
  double x[M], dx[M];
  fill(x);
  Layer L = {W, b, h}, dL = {dW, db, dh};

  clear(dx);
  __enzyme_autodiff((void *)loss_restrict, enzyme_dup, &L, &dL, enzyme_dup, x, dx);
  check_separate("restrict", x, dx);

  clear(dx);
  __enzyme_autodiff((void *)loss_plain, enzyme_dup, &L, &dL, enzyme_dup, x, dx);
  check_separate("plain", x, dx);

  // In place: the output is the input (x and its shadow both), against central differences of the
  // function of the input's initial values.
  double x0[M], xs[M], dxs[M];
  for (int j = 0; j < M; j++) x0[j] = xs[j] = x[j];
  clear(dxs);
  Layer in_place = {W, b, xs}, d_in_place = {dW, db, dxs};
  __enzyme_autodiff((void *)loss_plain, enzyme_dup, &in_place, &d_in_place, enzyme_dup, xs, dxs);
  for (int k = 0; k < M; k++) {
    double step = 1e-6, up[M], down[M];
    for (int j = 0; j < M; j++) up[j] = down[j] = x0[j];
    up[k] += step, down[k] -= step;
    char name[80];
    snprintf(name, sizeof name, "in place dx[%d]", k);
    check_fd(name, dxs[k], (in_place_loss(up) - in_place_loss(down)) / (2 * step), 1e-7);
  }
  // The input zeroed through a copy of its pointer kept in memory.
  double z[M], dz[M], *slots[M], *dslots[M];
  for (int j = 0; j < M; j++) z[j] = 0.3 + 0.1 * j, dz[j] = 0;
  Scratch scratch = {0, slots}, dscratch = {0, dslots};
  __enzyme_autodiff((void *)squares_then_zero, enzyme_dup, z, dz, enzyme_dup, &scratch, &dscratch);
  for (int j = 0; j < M; j++) {
    char name[80];
    snprintf(name, sizeof name, "zeroed dx[%d]", j);
    check_rel(name, dz[j], 2 * (0.3 + 0.1 * j), 1e-12);
    snprintf(name, sizeof name, "zeroed x[%d]", j);
    check_exact(name, z[j], 0);
  }
  return finish();
}
