// The source of reader-input.ll (the corrupted-bitcode tests' input): a little of everything the
// bitcode reader must decode (types, globals, loops, calls, switch, TBAA metadata).
#include <math.h>
#include <stdlib.h>

extern int enzyme_dup, enzyme_const;
extern double __enzyme_autodiff(void *, ...);

struct point { double x, y; };
static const double weights[4] = {0.5, 1.5, 2.5, 3.5};
double scale = 2.0;

double energy(const struct point *p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double r = sqrt(p[i].x * p[i].x + p[i].y * p[i].y);
    s += weights[i & 3] * (r > 1 ? log(r) : sin(r)) * scale;
  }
  return s;
}

double gradient(struct point *p, struct point *dp, int n) {
  return __enzyme_autodiff((void *)energy, enzyme_dup, p, dp, enzyme_const, n);
}

int main(int argc, char **argv) {
  int n = argc + 3;
  struct point *p = calloc(n, sizeof *p), *dp = calloc(n, sizeof *dp);
  for (int i = 0; i < n; i++) p[i] = (struct point){i, 2.0 * i};
  switch (argc) {
  case 1: gradient(p, dp, n); break;
  case 2: scale = 3; break;
  default: return 2;
  }
  free(p);
  free(dp);
  return 0;
}
