// ADBench's Gaussian mixture model objective, in plain C, and its gradient by reverse mode.
//
// The objective (ADBench's definition; the C++ reference computes it in the same order, with its
// temporaries in heap vectors, here malloc'd buffers):
//
//   err = CONSTANT + sum_i logsumexp_k(alpha_k + sum(log diag Q_k) - 1/2 |Q_k (x_i - mu_k)|^2)
//         - n logsumexp_k(alpha_k) + log_wishart_prior
//
// where Q_k is lower triangular with diagonal exp(icf[k][0..d)) and, below it, column by column, the
// off-diagonal parameters icf[k][d..d(d+1)/2); CONSTANT = -n d/2 log(2 pi); and the Wishart prior is
//
//   sum_k (gamma^2/2 |Q_k|_F^2 - m sum(log diag Q_k)) - k (N d (log gamma - log(2)/2) - log Gamma_d(N/2)),
//   N = d + m + 1,  log Gamma_d(a) = d(d-1)/4 log(pi) + sum_{j=1..d} lgamma(a + (1-j)/2).
//
// The gradient with respect to alphas, means and icf comes from one __enzyme_autodiff call with
// enzyme_dup shadows (x and the Wishart parameters constant). Reported: primal time, gradient time
// (medians of repetitions in one process, clock_gettime(CLOCK_MONOTONIC)), their ratio, the cost of a
// central-difference gradient estimated as 2 * #params primal evaluations (not run), and the largest
// relative error against central differences (run) of a few randomly chosen gradient components and
// of the derivative along one random direction (which involves every component). Also timed: a
// hand-written adjoint of the same loops (gmm_objective_adjoint), whose gradient must agree with
// swad's to 1e-9; its time is a "KERNEL" line, which scripts/bench prints under its table.
//
// Usage: gmm d k n [max repetitions = 21] [time budget per measurement in s = 20]: primal and
// gradient alternate, each median of at most that many repetitions, fewer (at least one) once the
// budget is spent; the counts are printed. Inputs are deterministic pseudo-random numbers. The
// last line, starting with "RESULT", is read by scripts/bench; the exit status is non-zero on a
// wrong gradient.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dump.h"
#include "peer.h"
#include "timing.h"

#define CHECKED_COMPONENTS 6
// Central differences of this objective carry rounding noise of about 1e-8 in absolute terms at
// these sizes (err is ~1e6 for the large case); with the fourth-order formula the step can be large.
// The smallest gradient components (~1e-3) are then checked to ~1e-5 relative, the others far better.
#define STEP 1e-2
#define TOLERANCE 1e-4

extern int enzyme_const, enzyme_dup;
extern void __enzyme_autodiff(void *, ...);

// Inputs are perturbed through this volatile zero before every repetition and results written to the
// volatile sink, so that the compiler can neither hoist a repetition out of the timing loop nor delete it.
static volatile double zero = 0.0;
static volatile double sink;

// MARK: - The objective

static double arr_max(int n, const double *x) {
  double m = x[0];
  for (int i = 1; i < n; i++)
    if (m < x[i]) m = x[i];
  return m;
}

static double sqnorm(int n, const double *x) {
  double s = 0.0;
  for (int i = 0; i < n; i++) s += x[i] * x[i];
  return s;
}

static void subtract(int d, const double *x, const double *y, double *out) {
  for (int i = 0; i < d; i++) out[i] = x[i] - y[i];
}

static double logsumexp(int n, const double *x) {
  double mx = arr_max(n, x);
  double semx = 0.0;
  for (int i = 0; i < n; i++) semx += exp(x[i] - mx);
  return log(semx) + mx;
}

// log of the multivariate gamma function Gamma_p(a).
static double log_gamma_distrib(double a, int p) {
  double out = 0.25 * p * (p - 1) * log(M_PI);
  for (int j = 1; j <= p; j++) out += lgamma(a + 0.5 * (1 - j));
  return out;
}

// sum_qs[k] = sum of the log-diagonal of Q_k; Qdiags[k*d + j] = exp(icf[k][j]).
static void preprocess_qs(int d, int k, const double *icf, double *sum_qs, double *Qdiags) {
  int icf_sz = d * (d + 1) / 2;
  for (int ik = 0; ik < k; ik++) {
    sum_qs[ik] = 0.0;
    for (int id = 0; id < d; id++) {
      double q = icf[ik * icf_sz + id];
      sum_qs[ik] += q;
      Qdiags[ik * d + id] = exp(q);
    }
  }
}

// out = Q x, Q lower triangular: diagonal Qdiag, strictly lower part ltri stored column by column.
static void Qtimesx(int d, const double *Qdiag, const double *ltri, const double *x, double *out) {
  for (int id = 0; id < d; id++) out[id] = Qdiag[id] * x[id];
  int idx = 0;
  for (int i = 0; i < d; i++)
    for (int j = i + 1; j < d; j++) {
      out[j] += ltri[idx] * x[i];
      idx++;
    }
}

static double log_wishart_prior(int p, int k, double gamma, int m, const double *sum_qs, const double *Qdiags,
                                const double *icf) {
  int n = p + m + 1;
  int icf_sz = p * (p + 1) / 2;
  double C = n * p * (log(gamma) - 0.5 * log(2.0)) - log_gamma_distrib(0.5 * n, p);
  double out = 0.0;
  for (int ik = 0; ik < k; ik++) {
    double frobenius = sqnorm(p, &Qdiags[ik * p]) + sqnorm(icf_sz - p, &icf[ik * icf_sz + p]);
    out = out + 0.5 * gamma * gamma * frobenius - m * sum_qs[ik];
  }
  return out - k * C;
}

// ADBench's signature has plain pointers; benchmarks/gmm_restrict.c builds the same objective with
// `restrict` parameters, which lets the reverse sweep load the inputs again instead of saving them.
#ifndef RESTRICT
#define RESTRICT
#endif

__attribute__((noinline)) void gmm_objective(int d, int k, int n, const double *RESTRICT alphas,
                                             const double *RESTRICT means, const double *RESTRICT icf,
                                             const double *RESTRICT x, double wishart_gamma, int wishart_m,
                                             double *RESTRICT err) {
  const double CONSTANT = -n * d * 0.5 * log(2.0 * M_PI);
  int icf_sz = d * (d + 1) / 2;

  double *Qdiags = malloc(sizeof(double) * d * k);
  double *sum_qs = malloc(sizeof(double) * k);
  double *xcentered = malloc(sizeof(double) * d);
  double *Qxcentered = malloc(sizeof(double) * d);
  double *main_term = malloc(sizeof(double) * k);

  preprocess_qs(d, k, icf, sum_qs, Qdiags);

  double slse = 0.0;
#ifdef GMM_OPENMP
  // benchmarks/gmm_omp.c: the samples in parallel, each thread with its own temporaries, scheduled
  // statically unless GMM_SCHEDULE says otherwise (scripts/bench-openmp's SCHEDULE).
#ifndef GMM_SCHEDULE
#define GMM_SCHEDULE static
#endif
#pragma omp parallel
  {
    double *xcentered = malloc(sizeof(double) * d);
    double *Qxcentered = malloc(sizeof(double) * d);
    double *main_term = malloc(sizeof(double) * k);
#pragma omp for reduction(+ : slse) schedule(GMM_SCHEDULE)
#endif
  for (int ix = 0; ix < n; ix++) {
    for (int ik = 0; ik < k; ik++) {
      subtract(d, &x[ix * d], &means[ik * d], xcentered);
      Qtimesx(d, &Qdiags[ik * d], &icf[ik * icf_sz + d], xcentered, Qxcentered);
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sqnorm(d, Qxcentered);
    }
    slse = slse + logsumexp(k, main_term);
  }
#ifdef GMM_OPENMP
    free(xcentered);
    free(Qxcentered);
    free(main_term);
  }
#endif

  double lse_alphas = logsumexp(k, alphas);
  *err = CONSTANT + slse - n * lse_alphas;
  *err = *err + log_wishart_prior(d, k, wishart_gamma, wishart_m, sum_qs, Qdiags, icf);

  free(Qdiags);
  free(sum_qs);
  free(xcentered);
  free(Qxcentered);
  free(main_term);
}

// MARK: - The hand-written adjoint (a reference for the gradient's cost)

// The gradient of gmm_objective (err's adjoint 1) written by hand from the same loops, as a careful
// programmer would: Q_k x is kept per component of the current sample (k x d doubles) instead of on
// a tape, each sample's reverse sweep runs right after its forward sweep (its adjoints do not depend
// on the other samples: d err / d slse is 1), the adjoint of Q_k x is written, not accumulated, and
// nothing is zeroed. Adds to dalphas, dmeans and dicf, as the gradient does. scripts/bench prints its
// time under the table: how far swad's gradient is from what a person would write for these loops.
__attribute__((noinline)) void gmm_objective_adjoint(int d, int k, int n, const double *alphas,
                                                     const double *means, const double *icf, const double *x,
                                                     double wishart_gamma, int wishart_m, double *dalphas,
                                                     double *dmeans, double *dicf) {
  int icf_sz = d * (d + 1) / 2;
  double *Qdiags = malloc(sizeof(double) * d * k), *sum_qs = malloc(sizeof(double) * k);
  double *dQdiags = calloc((size_t)d * k, sizeof(double)), *dsum_qs = calloc((size_t)k, sizeof(double));
  double *xcentered = malloc(sizeof(double) * d), *Qxcentered = malloc(sizeof(double) * d * k);
  double *main_term = malloc(sizeof(double) * k);
  double *dQx = malloc(sizeof(double) * d), *dxcentered = malloc(sizeof(double) * d);
  preprocess_qs(d, k, icf, sum_qs, Qdiags);

  for (int ix = 0; ix < n; ix++) {
    for (int ik = 0; ik < k; ik++) {
      subtract(d, &x[ix * d], &means[ik * d], xcentered);
      Qtimesx(d, &Qdiags[ik * d], &icf[ik * icf_sz + d], xcentered, &Qxcentered[ik * d]);
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sqnorm(d, &Qxcentered[ik * d]);
    }
    double lse = logsumexp(k, main_term);
    for (int ik = 0; ik < k; ik++) {
      // d logsumexp / d main_term[ik] = softmax.
      double dmain = exp(main_term[ik] - lse);
      dalphas[ik] += dmain;
      dsum_qs[ik] += dmain;
      const double *Qdiag = &Qdiags[ik * d], *ltri = &icf[ik * icf_sz + d];
      double *dltri = &dicf[ik * icf_sz + d];
      for (int i = 0; i < d; i++) {
        xcentered[i] = x[ix * d + i] - means[ik * d + i];
        dQx[i] = -dmain * Qxcentered[ik * d + i];
        dQdiags[ik * d + i] += dQx[i] * xcentered[i];
        dxcentered[i] = Qdiag[i] * dQx[i];
      }
      int idx = 0;
      for (int i = 0; i < d; i++) {
        double sum = 0.0;
        for (int j = i + 1; j < d; j++) {
          dltri[idx] += dQx[j] * xcentered[i];
          sum += ltri[idx] * dQx[j];
          idx++;
        }
        dxcentered[i] += sum;
      }
      for (int i = 0; i < d; i++) dmeans[ik * d + i] -= dxcentered[i];
    }
  }
  // - n logsumexp(alphas).
  double lse_alphas = logsumexp(k, alphas);
  for (int ik = 0; ik < k; ik++) dalphas[ik] -= n * exp(alphas[ik] - lse_alphas);
  // The Wishart prior: gamma^2/2 (|Qdiag|^2 + |ltri|^2) - m sum_qs, per component.
  for (int ik = 0; ik < k; ik++) {
    for (int i = 0; i < d; i++) dQdiags[ik * d + i] += wishart_gamma * wishart_gamma * Qdiags[ik * d + i];
    for (int i = d; i < icf_sz; i++) dicf[ik * icf_sz + i] += wishart_gamma * wishart_gamma * icf[ik * icf_sz + i];
    dsum_qs[ik] -= wishart_m;
  }
  // preprocess_qs: sum_qs = sum of icf's diagonal part, Qdiags = exp of it.
  for (int ik = 0; ik < k; ik++)
    for (int id = 0; id < d; id++)
      dicf[ik * icf_sz + id] += dsum_qs[ik] + dQdiags[ik * d + id] * Qdiags[ik * d + id];
  free(Qdiags), free(sum_qs), free(dQdiags), free(dsum_qs), free(xcentered), free(Qxcentered);
  free(main_term), free(dQx), free(dxcentered);
}

// MARK: - Measuring

static unsigned long long state = 0x9E3779B97F4A7C15ULL;

static double uniform(double lo, double hi) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return lo + (hi - lo) * ((state >> 11) * 0x1.0p-53);
}

typedef struct {
  int d, k, n, nalphas, nmeans, nicf, nparams;
  double *params, *gradient, *x;
  double *alphas, *means, *icf, *dalphas, *dmeans, *dicf;
  double *by_hand;  // the hand-written adjoint's gradient (gmm_objective_adjoint)
  double wishart_gamma;
  int wishart_m;
} Problem;

static double objective(const Problem *p) {
  double err;
  gmm_objective(p->d, p->k, p->n, p->alphas, p->means, p->icf, p->x, p->wishart_gamma, p->wishart_m, &err);
  return err;
}

enum Evaluation { PRIMAL, GRADIENT, BY_HAND };

// One timed evaluation: the primal, the gradient (into p->gradient, zeroed first, untimed) or the
// hand-written adjoint (into p->by_hand, the same).
static double time_once(Problem *p, enum Evaluation what) {
  const double alpha0 = p->alphas[0];
  p->alphas[0] = alpha0 + zero;
  double err = 0.0, derr = 1.0, t0, t1;
  if (what == PRIMAL) {
    t0 = now();
    gmm_objective(p->d, p->k, p->n, p->alphas, p->means, p->icf, p->x, p->wishart_gamma, p->wishart_m, &err);
    t1 = now();
    sink = err;
  } else if (what == GRADIENT) {
    memset(p->gradient, 0, sizeof(double) * p->nparams);
    t0 = now();
    __enzyme_autodiff((void *)gmm_objective, enzyme_const, p->d, enzyme_const, p->k, enzyme_const, p->n,
                      enzyme_dup, p->alphas, p->dalphas, enzyme_dup, p->means, p->dmeans, enzyme_dup, p->icf,
                      p->dicf, enzyme_const, p->x, enzyme_const, p->wishart_gamma, enzyme_const, p->wishart_m,
                      enzyme_dup, &err, &derr);
    t1 = now();
    sink = p->gradient[0] + p->gradient[p->nparams - 1] + err;
  } else {
    double *g = p->by_hand;
    memset(g, 0, sizeof(double) * p->nparams);
    t0 = now();
    gmm_objective_adjoint(p->d, p->k, p->n, p->alphas, p->means, p->icf, p->x, p->wishart_gamma, p->wishart_m, g,
                          g + p->nalphas, g + p->nalphas + p->nmeans);
    t1 = now();
    sink = g[0] + g[p->nparams - 1];
  }
  p->alphas[0] = alpha0;
  return t1 - t0;
}

// The medians of up to `reps` evaluations of the primal, of the gradient and of the hand-written
// adjoint, in turn (so that a machine busy with other work slows all alike), stopping early (after
// at least one of each) once the primal or the gradient has spent `budget` seconds; the number of
// rounds run goes to *ran. Without `by_hand` (benchmarks/gmm_omp.c), primal and gradient only.
static void measure(Problem *p, int reps, double budget, double *primal, double *gradient, double *by_hand,
                    int *ran) {
  double *primals = malloc(sizeof(double) * reps), *gradients = malloc(sizeof(double) * reps);
  double *adjoints = malloc(sizeof(double) * reps);
  double primal_spent = 0.0, gradient_spent = 0.0;
  int r = 0;
  while (r < reps && (r == 0 || (primal_spent < budget && gradient_spent < budget))) {
    primals[r] = time_once(p, PRIMAL);
    gradients[r] = time_once(p, GRADIENT);
    if (by_hand) adjoints[r] = time_once(p, BY_HAND);
    primal_spent += primals[r];
    gradient_spent += gradients[r++];
  }
  *primal = median(primals, r);
  *gradient = median(gradients, r);
  if (by_hand) *by_hand = median(adjoints, r);
  free(primals);
  free(gradients);
  free(adjoints);
  *ran = r;
}

// The derivative of the objective along `direction` at the current parameters by the fourth-order
// central difference (f(-2h) - 8 f(-h) + 8 f(h) - f(2h)) / 12h: four primal evaluations, truncation
// error O(h^4), so that h can be large enough to keep rounding small.
static double central_difference(Problem *p, const double *direction, double h) {
  double *saved = malloc(sizeof(double) * p->nparams), f[4];
  const double steps[4] = {-2.0, -1.0, 1.0, 2.0};
  memcpy(saved, p->params, sizeof(double) * p->nparams);
  for (int s = 0; s < 4; s++) {
    for (int j = 0; j < p->nparams; j++) p->params[j] = saved[j] + steps[s] * h * direction[j];
    f[s] = objective(p);
  }
  memcpy(p->params, saved, sizeof(double) * p->nparams);
  free(saved);
  return (f[0] - 8.0 * f[1] + 8.0 * f[2] - f[3]) / (12.0 * h);
}

// The problem of size d k n (argv[1..3]) with deterministic pseudo-random data, the same on every
// call in a fresh process; non-zero (after a usage line) when the sizes are missing.
static int make_problem(Problem *p, int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s d k n [max repetitions = 21] [time budget per measurement in s = 20]\n", argv[0]);
    return 2;
  }
  *p = (Problem){.d = atoi(argv[1]), .k = atoi(argv[2]), .n = atoi(argv[3]), .wishart_gamma = 1.0, .wishart_m = 0};
  int d = p->d, k = p->k, n = p->n, icf_sz = d * (d + 1) / 2;
  p->nalphas = k, p->nmeans = d * k, p->nicf = icf_sz * k;
  p->nparams = p->nalphas + p->nmeans + p->nicf;
  p->params = malloc(sizeof(double) * p->nparams);
  p->gradient = malloc(sizeof(double) * p->nparams);
  p->by_hand = malloc(sizeof(double) * p->nparams);
  p->x = malloc(sizeof(double) * d * n);
  p->alphas = p->params, p->means = p->alphas + p->nalphas, p->icf = p->means + p->nmeans;
  p->dalphas = p->gradient, p->dmeans = p->dalphas + p->nalphas, p->dicf = p->dmeans + p->nmeans;
  for (int i = 0; i < p->nalphas; i++) p->alphas[i] = uniform(-1.0, 1.0);
  for (int i = 0; i < p->nmeans; i++) p->means[i] = uniform(0.0, 1.0);
  for (int i = 0; i < p->nicf; i++) p->icf[i] = uniform(-0.5, 0.5);
  for (int i = 0; i < d * n; i++) p->x[i] = uniform(0.0, 1.0);
  return 0;
}

// The problem as a library for JAX's process (peer.h).
static Problem peer_problem;
SWAD_PEER int swad_peer_setup(int argc, char **argv) { return make_problem(&peer_problem, argc, argv); }
SWAD_PEER double swad_peer_time(int gradient) { return time_once(&peer_problem, gradient ? GRADIENT : PRIMAL); }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);  // a log that shows how far a crashed run got
  Problem p;
  if (make_problem(&p, argc, argv)) return 2;
  int reps = argc > 4 ? atoi(argv[4]) : 21;
  double budget = argc > 5 ? atof(argv[5]) : 20.0;
  int d = p.d, k = p.k, n = p.n, icf_sz = d * (d + 1) / 2;

  printf("gmm: d = %d, k = %d, n = %d, %d parameters, err = %.12g\n", d, k, n, p.nparams, objective(&p));
  int primal_reps, gradient_reps;
  double tp, tg, th;
  measure(&p, reps, budget, &tp, &tg, &th, &primal_reps);
  gradient_reps = primal_reps;
  tp *= 1e3, tg *= 1e3, th *= 1e3;
  // The hand-written adjoint against swad's gradient, component by component (relative to each, or
  // to 1e-9 of the largest for the tiny ones): two derivations of the same function.
  double largest = 0.0, hand_difference = 0.0;
  for (int j = 0; j < p.nparams; j++) largest = fmax(largest, fabs(p.gradient[j]));
  for (int j = 0; j < p.nparams; j++) {
    double scale = fmax(fmax(fabs(p.gradient[j]), fabs(p.by_hand[j])), 1e-9 * largest);
    double difference = fabs(p.gradient[j] - p.by_hand[j]) / scale;
    if (!(difference <= hand_difference)) hand_difference = difference;  // also catches NaN
  }

  // The gradient against central differences: along a few coordinate directions (one alpha, one mean,
  // one diagonal and one off-diagonal icf entry, then random ones), and along one random direction,
  // which checks every component at once.
  int checked[CHECKED_COMPONENTS];
  checked[0] = (int)uniform(0, p.nalphas);
  checked[1] = p.nalphas + (int)uniform(0, p.nmeans);
  checked[2] = p.nalphas + p.nmeans + (int)uniform(0, k) * icf_sz + (int)uniform(0, d);
  checked[3] = p.nalphas + p.nmeans + (int)uniform(0, k) * icf_sz + d + (int)uniform(0, icf_sz - d);
  for (int c = 4; c < CHECKED_COMPONENTS; c++) checked[c] = (int)uniform(0, p.nparams);
  double *direction = calloc(p.nparams, sizeof(double)), worst = 0.0;
  for (int c = 0; c <= CHECKED_COMPONENTS; c++) {
    double ad, fd;
    char what[64];
    if (c < CHECKED_COMPONENTS) {
      int j = checked[c];
      direction[j] = 1.0;
      fd = central_difference(&p, direction, STEP);
      direction[j] = 0.0;
      ad = p.gradient[j];
      if (j < p.nalphas) snprintf(what, sizeof what, "d err/d alphas[%d]", j);
      else if (j < p.nalphas + p.nmeans) snprintf(what, sizeof what, "d err/d means[%d]", j - p.nalphas);
      else snprintf(what, sizeof what, "d err/d icf[%d]", j - p.nalphas - p.nmeans);
    } else {
      ad = 0.0;
      for (int j = 0; j < p.nparams; j++) {
        direction[j] = uniform(-1.0, 1.0);
        ad += p.gradient[j] * direction[j];
      }
      fd = central_difference(&p, direction, STEP);
      snprintf(what, sizeof what, "random direction");
    }
    double rel = fabs(ad - fd) / fmax(fabs(fd), fabs(ad));
    if (!(rel <= worst)) worst = rel;  // also catches NaN
    printf("  %-24s reverse %+.12e   central differences %+.12e   rel. error %.2e\n", what, ad, fd, rel);
  }
  free(direction);

  // The data and the gradient for the JAX and Swift versions (SWAD_BENCH_DUMP, see dump.h).
  FILE *dump = dump_open();
  double shape[3] = {d, k, n}, wishart[2] = {p.wishart_gamma, p.wishart_m};
  dump_array(dump, "shape", shape, 3);
  dump_array(dump, "alphas", p.alphas, p.nalphas);
  dump_array(dump, "means", p.means, p.nmeans);
  dump_array(dump, "icf", p.icf, p.nicf);
  dump_array(dump, "x", p.x, (long)d * n);
  dump_array(dump, "wishart", wishart, 2);
  dump_scalar(dump, "loss", objective(&p));
  dump_array(dump, "gradient", p.gradient, p.nparams);
  dump_scalar(dump, "primal_ms", tp);
  dump_close(dump);

  double tfd = 2.0 * p.nparams * tp;
  printf("  primal %.3f ms (median of %d)   gradient %.3f ms (median of %d, %.2fx)\n", tp, primal_reps, tg,
         gradient_reps, tg / tp);
  printf("  central differences ~%.1f ms (2 x %d primal evaluations, estimated from the primal time, %.0fx)\n", tfd,
         p.nparams, tfd / tp);
  printf("  hand-written adjoint (gmm_objective_adjoint) %.3f ms (%.2fx the primal; the gradient is %.2fx it), "
         "max rel. difference from the gradient %.2e\n",
         th, th / tp, tg / th, hand_difference);
  int ok = worst <= TOLERANCE && hand_difference <= 1e-9;
  printf("  gradient %s finite differences (max rel. error %.2e, tolerance %.0e)%s\n",
         worst <= TOLERANCE ? "agrees with" : "DISAGREES with", worst, TOLERANCE,
         hand_difference <= 1e-9 ? "" : " and DISAGREES with the hand-written adjoint");
  printf("KERNEL hand-written_adjoint %.4f\n", th);
  printf("RESULT gmm d=%d,k=%d,n=%d %.4f %.4f %.4f estimated %.3e %s %d %d\n", d, k, n, tp, tg, tfd, worst,
         ok ? "ok" : "WRONG", primal_reps, gradient_reps);
  return ok ? 0 : 1;
}
