// Fits a parabola to points taken from one by gradient descent, with the gradient of the loss (defined
// in libfit.a) from swad's reverse mode, and checks a forward-mode directional derivative against it.
// Exits 0 when the fit recovers the parabola.
#include <math.h>
#include <stdio.h>

#include "fit.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

int main(void) {
  enum { n = 21 };
  double x[n], y[n];
  const double truth[3] = {0.75, -2.0, 0.5};
  for (int i = 0; i < n; i++) {
    x[i] = -1.0 + 0.1 * i;
    y[i] = model(truth, x[i]);
  }
  double p[3] = {0, 0, 0};
  for (int step = 0; step < 20000; step++) {
    double g[3] = {0, 0, 0};
    __enzyme_autodiff((void *)loss, enzyme_dup, p, g, enzyme_const, x, enzyme_const, y, enzyme_const, n);
    for (int k = 0; k < 3; k++) p[k] -= 0.5 * g[k];
  }
  // Forward mode along (1, 1, 1) equals the sum of the gradient's components.
  double g[3] = {0, 0, 0}, v[3] = {1, 1, 1};
  __enzyme_autodiff((void *)loss, enzyme_dup, p, g, enzyme_const, x, enzyme_const, y, enzyme_const, n);
  double directional = __enzyme_fwddiff((void *)loss, enzyme_dup, p, v, enzyme_const, x, enzyme_const, y,
                                        enzyme_const, n);
  int ok = fabs(p[0] - truth[0]) < 1e-6 && fabs(p[1] - truth[1]) < 1e-6 && fabs(p[2] - truth[2]) < 1e-6
    && fabs(directional - (g[0] + g[1] + g[2])) <= 1e-12 + 1e-9 * fabs(directional);
  printf("fit: a = %.6f, b = %.6f, c = %.6f (loss %.3g) %s\n", p[0], p[1], p[2], loss(p, x, y, n),
         ok ? "ok" : "FAIL");
  return ok ? 0 : 1;
}
