// A member of the static library of bitcode objects.
#include "../model.h"

double sqnorm(const double *v, int n) {
  double sum = 0;
  for (int i = 0; i < n; i++) sum += v[i] * v[i];
  return sum;
}
