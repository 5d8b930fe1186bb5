// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// An in-place update x[i] = x[i] * x[i]: the reverse sweep needs the values the forward sweep
// overwrote. The shadow of x holds the seed (the adjoint of the output x) on entry and the adjoint
// of the input x on return: dx[i] = 2 * x_in[i] * seed[i]. Applied twice (x⁴), and forward mode
// agrees with reverse mode: uᵀ(J v) = (uᵀ J) v.
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern void __enzyme_fwddiff(void *, ...);

void square_in_place(double *x, int n) {
  for (int i = 0; i < n; i++) x[i] = x[i] * x[i];
}

// Two passes over the same memory: x[i] <- x[i]^4, through an overwritten intermediate.
void fourth_in_place(double *x, int n) {
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < n; i++) x[i] = x[i] * x[i];
}

// A running prefix product in place: x[i] <- x[0] * ... * x[i].
void prefix_product(double *x, int n) {
  for (int i = 1; i < n; i++) x[i] = x[i] * x[i - 1];
}

#define N 16

int main(void) {
  double x[N], x0[N], dx[N], seed[N];
  char what[64];
  rng_fill(x0, N);
  rng_fill(seed, N);

  for (int i = 0; i < N; i++) x[i] = x0[i], dx[i] = seed[i];
  __enzyme_autodiff((void *)square_in_place, x, dx, N);
  for (int i = 0; i < N; i++) {
    snprintf(what, sizeof what, "square x[%d]", i);
    check_rel(what, x[i], x0[i] * x0[i], 1e-15);
    snprintf(what, sizeof what, "square dx[%d]", i);
    check_rel(what, dx[i], 2 * x0[i] * seed[i], 1e-12);
  }

  for (int i = 0; i < N; i++) x[i] = x0[i], dx[i] = seed[i];
  __enzyme_autodiff((void *)fourth_in_place, x, dx, N);
  for (int i = 0; i < N; i++) {
    snprintf(what, sizeof what, "fourth x[%d]", i);
    check_rel(what, x[i], pow(x0[i], 4), 1e-14);
    snprintf(what, sizeof what, "fourth dx[%d]", i);
    check_rel(what, dx[i], 4 * pow(x0[i], 3) * seed[i], 1e-12);
  }

  // Forward vs reverse for all three, in random directions u (output) and v (input). (The function
  // must be known at each entry-point call, hence a macro rather than a table of pointers.)
#define FWD_VS_REV(fn)                                                                                 \
  for (int trial = 0; trial < 4; trial++) {                                                            \
    double u[N], v[N], xv[N], jv[N], xu[N], jtu[N];                                                    \
    rng_fill(x0, N);                                                                                   \
    for (int i = 0; i < N; i++) x0[i] += (x0[i] < 0 ? -0.5 : 0.5); /* away from 0 */                  \
    rng_fill(u, N);                                                                                    \
    rng_fill(v, N);                                                                                    \
    /* Forward: the shadow is the tangent, J v after the call. */                                      \
    for (int i = 0; i < N; i++) xv[i] = x0[i], jv[i] = v[i];                                           \
    __enzyme_fwddiff((void *)fn, xv, jv, N);                                                           \
    /* Reverse: the shadow is the seed u on entry, Jᵀ u after the call. */                              \
    for (int i = 0; i < N; i++) xu[i] = x0[i], jtu[i] = u[i];                                          \
    __enzyme_autodiff((void *)fn, xu, jtu, N);                                                         \
    for (int i = 0; i < N; i++) {                                                                      \
      snprintf(what, sizeof what, #fn " primal fwd/rev x[%d]", i);                                     \
      check_exact(what, xv[i], xu[i]);                                                                 \
    }                                                                                                  \
    snprintf(what, sizeof what, #fn " trial %d: u.(Jv) vs (J^T u).v", trial);                          \
    check_scaled(what, vector_dot(u, jv, N), vector_dot(jtu, v, N), vector_dot_scale(jtu, v, N), 1e-12);                    \
  }
  FWD_VS_REV(square_in_place)
  FWD_VS_REV(fourth_in_place)
  FWD_VS_REV(prefix_product)
  return finish();
}
