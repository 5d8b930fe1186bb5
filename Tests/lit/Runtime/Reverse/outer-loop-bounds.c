// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Loops inside a loop that loads their bound again each time round (`exp` may write errno, an int,
// which the bound could be, so the optimizer keeps the load in the outer loop): the reverse sweep
// takes the bound once per pass, and recomputes from it the inner loops' trip counts and the branch
// on the last column (`Gradient+DecidedMerges`). The size changes between calls, and is read
// through a pointer the function also writes through in one variant, so that a wrong trip count or
// a wrong side of the branch shows. Reverse mode against forward mode per direction, and against
// central differences.
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const, enzyme_dupnoneed;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { D = 8, W = D * (D - 1) / 2, PASSES = 3 };

// Each pass: tmp = (r + 1) x, then a triangular update with a branch on the last column, then a
// sum of Gaussians.
static double passes(const double *x, const int *size, const double *w, double *tmp) {
  double total = 0;
  for (int r = 0; r < PASSES; r++) {
    int n = *size;
    for (int i = 0; i < n; i++) tmp[i] = x[i] * (r + 1);
    int idx = 0;
    for (int i = 0; i < n; i++)
      for (int j = i + 1; j < n; j++) {
        double t = w[idx++] * tmp[i];
        if (j < n - 1)
          t = t * tmp[j];
        else
          t = sin(t);
        tmp[j] += t;
      }
    for (int i = 0; i < n; i++) total += exp(-0.1 * tmp[i] * tmp[i]);
  }
  return total;
}

// The size lives in the same buffer as the data: the pass writes through `state` and reads the size
// from it, so the compiler must load it again each pass.
typedef struct {
  int size;
  double tmp[D];
} State;

static double passes_state(const double *x, State *state, const double *w) {
  double total = 0;
  for (int r = 0; r < PASSES; r++) {
    int n = state->size;
    for (int i = 0; i < n; i++) state->tmp[i] = x[i] - 0.1 * r;
    for (int i = 0; i < n; i++)
      for (int j = i + 1; j < n; j++) state->tmp[j] += (j == n - 1 ? cos(w[i]) : w[i]) * state->tmp[i];
    for (int i = 0; i < n; i++) total += state->tmp[i] * state->tmp[i];
  }
  return total;
}

static void check_passes(int n) {
  double x[D], w[W], dx[D] = {0}, dw[W] = {0}, tmp[D], dtmp[D] = {0};
  for (int i = 0; i < D; i++) x[i] = 0.3 + 0.17 * i - 0.05 * i * i;
  for (int i = 0; i < W; i++) w[i] = 0.2 - 0.03 * i + 0.01 * n;
  __enzyme_autodiff((void *)passes, enzyme_dup, x, dx, enzyme_const, &n, enzyme_dup, w, dw, enzyme_dup, tmp, dtmp);
  char what[80];
  for (int k = 0; k < D + W; k++) {
    double vx[D] = {0}, vw[W] = {0}, vtmp[D] = {0};
    if (k < D) vx[k] = 1; else vw[k - D] = 1;
    double forward = __enzyme_fwddiff((void *)passes, enzyme_dup, x, vx, enzyme_const, &n, enzyme_dup, w, vw,
                                      enzyme_dup, tmp, vtmp);
    double *p = k < D ? &x[k] : &w[k - D], keep = *p, h = 1e-5;
    *p = keep + h;
    double up = passes(x, &n, w, tmp);
    *p = keep - h;
    double down = passes(x, &n, w, tmp);
    *p = keep;
    double reverse = k < D ? dx[k] : dw[k - D];
    snprintf(what, sizeof what, "passes n=%d d%s[%d] vs forward", n, k < D ? "x" : "w", k < D ? k : k - D);
    check_rel(what, reverse, forward, 1e-12);
    snprintf(what, sizeof what, "passes n=%d d%s[%d] vs central differences", n, k < D ? "x" : "w", k < D ? k : k - D);
    check_fd(what, reverse, (up - down) / (2 * h), 1e-6);
  }
}

static void check_state(int n) {
  double x[D], w[D], dx[D] = {0}, dw[D] = {0};
  State state = {.size = n}, dstate = {0};
  for (int i = 0; i < D; i++) x[i] = 0.5 - 0.11 * i, w[i] = 0.3 + 0.07 * i;
  __enzyme_autodiff((void *)passes_state, enzyme_dup, x, dx, enzyme_dup, &state, &dstate, enzyme_dup, w, dw);
  char what[80];
  for (int k = 0; k < 2 * D; k++) {
    double vx[D] = {0}, vw[D] = {0};
    State vstate = {0};
    if (k < D) vx[k] = 1; else vw[k - D] = 1;
    double forward = __enzyme_fwddiff((void *)passes_state, enzyme_dup, x, vx, enzyme_dup, &state, &vstate,
                                      enzyme_dup, w, vw);
    double reverse = k < D ? dx[k] : dw[k - D];
    snprintf(what, sizeof what, "passes_state n=%d d%s[%d] vs forward", n, k < D ? "x" : "w", k < D ? k : k - D);
    check_rel(what, reverse, forward, 1e-12);
  }
}

int main(void) {
  for (int n = 1; n <= D; n += 3) check_passes(n);
  check_passes(D);
  for (int n = 0; n <= D; n += 4) check_state(n);
  return finish();
}
