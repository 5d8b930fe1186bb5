// The function multiple-inputs.test differentiates, defined in a translation unit of its own.
#include <math.h>

double scaled_sum(const double *x, int n, double s) {
  double total = 0;
  for (int i = 0; i < n; i++) total += s * exp(x[i]);
  return total;
}
