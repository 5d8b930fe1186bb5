// The chain, a member of libsprings.a.
#include "springs.h"

double chain_energy(const double *x, int n, double length, double k, double r) {
  double sum = spring(0, x[0], k, r) + spring(x[n - 1], length, k, r);
  for (int i = 0; i + 1 < n; i++) sum += spring(x[i], x[i + 1], k, r);
  return sum;
}
