// The GMM objective of benchmarks/gmm.c with its loop over samples parallel (OpenMP, `reduction(+)`
// of the log-likelihood), and its gradient by reverse mode, at 1 and 2 threads (or the counts given).
//
// Usage: gmm_omp d k n [max repetitions = 21] [time budget per measurement in s = 20] [threads...]
// For each thread count: primal and gradient times (medians, one process), their ratio, and each's
// speedup over one thread. The gradient is checked against central differences along a random
// direction at every thread count. One "RESULT" line per thread count; exit status non-zero on a
// wrong gradient. Compile with -fopenmp (scripts/bench-openmp does).
#define GMM_OPENMP
#define main gmm_serial_main
#include "gmm.c"
#undef main

#include <omp.h>

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc < 4) {
    fprintf(stderr, "usage: %s d k n [reps = 21] [budget s = 20] [threads...]\n", argv[0]);
    return 2;
  }
  Problem p;
  make_problem(&p, argc, argv);  // gmm.c's
  int reps = argc > 4 ? atoi(argv[4]) : 21;
  double budget = argc > 5 ? atof(argv[5]) : 20.0;
  int counts[8] = {1, 2}, ncounts = 2;
  if (argc > 6) {
    ncounts = 0;
    for (int a = 6; a < argc && ncounts < 8; a++) counts[ncounts++] = atoi(argv[a]);
  }
  int d = p.d, k = p.k, n = p.n;
  double *direction = malloc(sizeof(double) * p.nparams);
  for (int j = 0; j < p.nparams; j++) direction[j] = uniform(-1.0, 1.0);

  printf("gmm_omp: d = %d, k = %d, n = %d, %d parameters\n", d, k, n, p.nparams);
  double primal1 = 0, gradient1 = 0;
  int failed = 0;
  for (int c = 0; c < ncounts; c++) {
    omp_set_num_threads(counts[c]);
    // Primal and gradient alternate in `measure` (gmm.c), so that load on the machine slows both alike.
    int primal_reps, gradient_reps;
    double tp, tg;
    measure(&p, reps, budget, &tp, &tg, NULL, &primal_reps);
    gradient_reps = primal_reps;
    tp *= 1e3, tg *= 1e3;
    if (c == 0) primal1 = tp, gradient1 = tg;
    double ad = 0;
    for (int j = 0; j < p.nparams; j++) ad += p.gradient[j] * direction[j];
    double fd = central_difference(&p, direction, STEP);
    double error = fabs(ad - fd) / fmax(fabs(fd), fabs(ad));
    int ok = error <= TOLERANCE;
    failed |= !ok;
    printf("  %d threads: primal %.3f ms (median of %d), gradient %.3f ms (median of %d), %.2fx; speedup over "
           "%d thread(s): primal %.2f, gradient %.2f; gradient vs central differences %.2e %s\n",
           counts[c], tp, primal_reps, tg, gradient_reps, tg / tp, counts[0], primal1 / tp, gradient1 / tg, error,
           ok ? "ok" : "WRONG");
    printf("RESULT gmm_omp d=%d,k=%d,n=%d threads=%d %.4f %.4f %.3f %.3f %.3e %s\n", d, k, n, counts[c], tp, tg,
           primal1 / tp, gradient1 / tg, error, ok ? "ok" : "WRONG");
  }
  return failed;
}
