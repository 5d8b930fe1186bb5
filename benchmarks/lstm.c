// ADBench's LSTM objective, in plain C, and its gradient by reverse mode.
//
// A character model of l stacked LSTM cells of b hidden units (no matrix products: ADBench's cell
// multiplies element by element), run over a sequence of c characters, each a vector of b numbers:
//
//   for each character t < c-1:  ypred = predict(x_t);  loss -= sum_i x_{t+1}[i] (ypred[i] - lse(ypred))
//   loss /= (c-1) b,   lse(y) = log(2 + sum_i exp(y[i]))   (ADBench's logsumexp, with its "+ 2")
//
// where predict scales the input by extra[0..b), runs the l cells (layer j: weights main[8bj..8bj+4b),
// biases main[8bj+4b..8bj+8b)), each reading the previous layer's hidden state, and maps the last
// hidden state through extra[b..2b) and extra[2b..3b). The state (hidden and cell of every layer) is
// updated in place, so it is an input that the gradient also flows through (enzyme_dup with a
// shadow) and must be reset before every evaluation.
//
// The gradient with respect to main (8 l b parameters) and extra (3 b) comes from one
// __enzyme_autodiff call. Reported as gmm.c does: primal and gradient times (medians in one process),
// their ratio, central differences estimated as 2 * #params primal evaluations, and the largest
// relative error against central differences (run) along a few coordinates and one random direction.
//
// Usage: lstm l c b [repetitions = 101]. The last line, starting with "RESULT", is read by
// scripts/bench; the exit status is non-zero on a wrong gradient. With SWAD_BENCH_DUMP=file the
// inputs and the gradient are written there (benchmarks/dump.h) for the JAX and Swift versions.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dump.h"
#include "peer.h"
#include "timing.h"

#define CHECKED_COMPONENTS 6
#define STEP 1e-3
#define TOLERANCE 1e-6

extern int enzyme_const, enzyme_dup;
extern void __enzyme_autodiff(void *, ...);

static volatile double zero = 0.0;
static volatile double sink;

// MARK: - The objective

static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

// ADBench's log(2 + sum exp(x)): no shift by the maximum, and the "+ 2" of its reference code.
static double logsumexp(const double *x, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; i++) sum += exp(x[i]);
  sum += 2.0;
  return log(sum);
}

// One cell: gates from the input and the previous hidden state, element by element.
static void lstm_model(int b, const double *weight, const double *bias, double *hidden, double *cell,
                       const double *input, double *gates) {
  double *forget = gates, *ingate = gates + b, *outgate = gates + 2 * b, *change = gates + 3 * b;
  for (int i = 0; i < b; i++) {
    forget[i] = sigmoid(input[i] * weight[i] + bias[i]);
    ingate[i] = sigmoid(hidden[i] * weight[b + i] + bias[b + i]);
    outgate[i] = sigmoid(input[i] * weight[2 * b + i] + bias[2 * b + i]);
    change[i] = tanh(hidden[i] * weight[3 * b + i] + bias[3 * b + i]);
  }
  for (int i = 0; i < b; i++) cell[i] = cell[i] * forget[i] + ingate[i] * change[i];
  for (int i = 0; i < b; i++) hidden[i] = outgate[i] * tanh(cell[i]);
}

// The l layers on one input: state holds (hidden, cell) per layer, 2b numbers each.
static void lstm_predict(int l, int b, const double *main_params, const double *extra, double *state,
                         const double *x, double *x2, double *gates) {
  for (int i = 0; i < b; i++) x2[i] = x[i] * extra[i];
  const double *xp = x2;
  for (int j = 0; j < l; j++) {
    double *hidden = &state[2 * b * j];
    lstm_model(b, &main_params[8 * b * j], &main_params[8 * b * j + 4 * b], hidden, hidden + b, xp, gates);
    xp = hidden;
  }
  for (int i = 0; i < b; i++) x2[i] = xp[i] * extra[b + i] + extra[2 * b + i];
}

__attribute__((noinline)) void lstm_objective(int l, int c, int b, const double *main_params, const double *extra,
                                              double *state, const double *sequence, double *loss) {
  double *ypred = malloc(sizeof(double) * b), *gates = malloc(sizeof(double) * 4 * b);
  double total = 0.0;
  int count = 0;
  const double *input = sequence;
  for (int t = 0; t < (c - 1) * b; t += b) {
    lstm_predict(l, b, main_params, extra, state, input, ypred, gates);
    double lse = logsumexp(ypred, b);
    const double *target = &sequence[t + b];
    for (int i = 0; i < b; i++) total += target[i] * (ypred[i] - lse);
    count += b;
    input = target;
  }
  *loss = -total / count;
  free(ypred);
  free(gates);
}

// MARK: - Measuring

static unsigned long long state_rng = 0x2545F4914F6CDD1DULL;

static double uniform(double lo, double hi) {
  state_rng = state_rng * 6364136223846793005ULL + 1442695040888963407ULL;
  return lo + (hi - lo) * ((state_rng >> 11) * 0x1.0p-53);
}

typedef struct {
  int l, c, b, nmain, nextra, nparams, nstate;
  double *params, *gradient, *main_params, *extra, *dmain, *dextra;
  double *state0, *state, *dstate, *sequence;
} Problem;

static double objective(Problem *p) {
  double loss;
  memcpy(p->state, p->state0, sizeof(double) * p->nstate);
  lstm_objective(p->l, p->c, p->b, p->main_params, p->extra, p->state, p->sequence, &loss);
  return loss;
}

// One timed evaluation of the primal or of the gradient (into p->gradient); the state is reset and
// the gradient zeroed first, untimed.
static double time_once(Problem *p, int gradient) {
  const double saved = p->extra[0];
  p->extra[0] = saved + zero;
  memcpy(p->state, p->state0, sizeof(double) * p->nstate);
  double loss = 0.0, dloss = 1.0, t0, t1;
  if (!gradient) {
    t0 = now();
    lstm_objective(p->l, p->c, p->b, p->main_params, p->extra, p->state, p->sequence, &loss);
    t1 = now();
    sink = loss;
  } else {
    memset(p->gradient, 0, sizeof(double) * p->nparams);
    memset(p->dstate, 0, sizeof(double) * p->nstate);
    t0 = now();
    __enzyme_autodiff((void *)lstm_objective, enzyme_const, p->l, enzyme_const, p->c, enzyme_const, p->b,
                      enzyme_dup, p->main_params, p->dmain, enzyme_dup, p->extra, p->dextra, enzyme_dup, p->state,
                      p->dstate, enzyme_const, p->sequence, enzyme_dup, &loss, &dloss);
    t1 = now();
    sink = p->gradient[0] + p->gradient[p->nparams - 1] + loss;
  }
  p->extra[0] = saved;
  return t1 - t0;
}

// The fourth-order central difference along `direction` (four primal evaluations).
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

// The problem of size l c b (argv[1..3]) with deterministic pseudo-random data, the same on every
// call in a fresh process; non-zero (after a usage line) when the sizes are missing.
static int make_problem(Problem *p, int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s l c b [repetitions = 101]\n", argv[0]);
    return 2;
  }
  *p = (Problem){.l = atoi(argv[1]), .c = atoi(argv[2]), .b = atoi(argv[3])};
  int l = p->l, c = p->c, b = p->b;
  p->nmain = 8 * l * b, p->nextra = 3 * b, p->nparams = p->nmain + p->nextra, p->nstate = 2 * l * b;
  p->params = malloc(sizeof(double) * p->nparams);
  p->gradient = malloc(sizeof(double) * p->nparams);
  p->main_params = p->params, p->extra = p->params + p->nmain;
  p->dmain = p->gradient, p->dextra = p->gradient + p->nmain;
  p->state0 = malloc(sizeof(double) * p->nstate);
  p->state = malloc(sizeof(double) * p->nstate);
  p->dstate = malloc(sizeof(double) * p->nstate);
  p->sequence = malloc(sizeof(double) * c * b);
  for (int i = 0; i < p->nparams; i++) p->params[i] = uniform(-1.0, 1.0);
  for (int i = 0; i < p->nstate; i++) p->state0[i] = uniform(-0.5, 0.5);
  for (int i = 0; i < c * b; i++) p->sequence[i] = uniform(0.0, 1.0);
  return 0;
}

// The problem as a library for JAX's process (peer.h).
static Problem peer_problem;
SWAD_PEER int swad_peer_setup(int argc, char **argv) { return make_problem(&peer_problem, argc, argv); }
SWAD_PEER double swad_peer_time(int gradient) { return time_once(&peer_problem, gradient); }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  Problem p;
  if (make_problem(&p, argc, argv)) return 2;
  int reps = argc > 4 ? atoi(argv[4]) : 101;
  int l = p.l, c = p.c, b = p.b;

  double loss0 = objective(&p);
  printf("lstm: l = %d, c = %d, b = %d, %d parameters, loss = %.12g\n", l, c, b, p.nparams, loss0);
  double *primal = malloc(sizeof(double) * reps), *gradient = malloc(sizeof(double) * reps);
  for (int r = 0; r < reps; r++) {  // alternating, so that a busy machine slows both alike
    primal[r] = time_once(&p, 0);
    gradient[r] = time_once(&p, 1);
  }
  double tp = median(primal, reps) * 1e3, tg = median(gradient, reps) * 1e3;

  int checked[CHECKED_COMPONENTS];
  checked[0] = (int)uniform(0, 4 * b);               // a weight of the first layer
  checked[1] = 4 * b + (int)uniform(0, 4 * b);       // a bias of the first layer
  checked[2] = 8 * b * (l - 1) + (int)uniform(0, 8 * b);  // the last layer
  checked[3] = p.nmain + (int)uniform(0, p.nextra);  // an extra parameter
  for (int k = 4; k < CHECKED_COMPONENTS; k++) checked[k] = (int)uniform(0, p.nparams);
  // Errors relative to the component, or to 1e-3 of the largest component for the tiny ones (down to
  // ~1e-7 here), whose central differences carry relatively more rounding and truncation.
  double scale = 0.0;
  for (int j = 0; j < p.nparams; j++) scale = fmax(scale, fabs(p.gradient[j]));
  double *direction = calloc(p.nparams, sizeof(double)), worst = 0.0;
  for (int k = 0; k <= CHECKED_COMPONENTS; k++) {
    double ad, fd;
    char what[64];
    if (k < CHECKED_COMPONENTS) {
      int j = checked[k];
      direction[j] = 1.0;
      fd = central_difference(&p, direction, STEP);
      direction[j] = 0.0;
      ad = p.gradient[j];
      if (j < p.nmain) snprintf(what, sizeof what, "d loss/d main[%d]", j);
      else snprintf(what, sizeof what, "d loss/d extra[%d]", j - p.nmain);
    } else {
      ad = 0.0;
      for (int j = 0; j < p.nparams; j++) {
        direction[j] = uniform(-1.0, 1.0);
        ad += p.gradient[j] * direction[j];
      }
      fd = central_difference(&p, direction, STEP);
      snprintf(what, sizeof what, "random direction");
    }
    double rel = fabs(ad - fd) / fmax(fmax(fabs(fd), fabs(ad)), 1e-3 * scale);
    if (!(rel <= worst)) worst = rel;  // also catches NaN
    printf("  %-24s reverse %+.12e   central differences %+.12e   rel. error %.2e\n", what, ad, fd, rel);
  }
  free(direction);

  FILE *dump = dump_open();
  double shape[3] = {l, c, b};
  dump_array(dump, "shape", shape, 3);
  dump_array(dump, "main", p.main_params, p.nmain);
  dump_array(dump, "extra", p.extra, p.nextra);
  dump_array(dump, "state", p.state0, p.nstate);
  dump_array(dump, "sequence", p.sequence, (long)c * b);
  dump_scalar(dump, "loss", loss0);
  dump_array(dump, "gradient", p.gradient, p.nparams);
  dump_scalar(dump, "primal_ms", tp);
  dump_close(dump);

  double tfd = 2.0 * p.nparams * tp;
  printf("  primal %.3f ms   gradient %.3f ms (%.2fx), medians of %d\n", tp, tg, tg / tp, reps);
  int ok = worst <= TOLERANCE;
  printf("  gradient %s finite differences (max rel. error %.2e, tolerance %.0e)\n",
         ok ? "agrees with" : "DISAGREES with", worst, TOLERANCE);
  printf("RESULT lstm l=%d,c=%d,b=%d %.4f %.4f %.4f estimated %.3e %s\n", l, c, b, tp, tg, tfd, worst,
         ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
