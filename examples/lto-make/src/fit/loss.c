// The loss, another member of libfit.a.
#include "fit.h"

double loss(const double *p, const double *x, const double *y, int n) {
  double sum = 0;
  for (int i = 0; i < n; i++) {
    double r = model(p, x[i]) - y[i];
    sum += r * r;
  }
  return sum / n;
}
