// Runs the gradient of loop-records-array-columns-shared-preheader.ll's @sines_or_cosines through
// its @caller, both ways and at several lengths, against the hand-derived gradients:
//   d/dx_k prod_i sin(x_i) = cos(x_k) prod_{i != k} sin(x_i),
//   d/dx_k prod_i cos(x_i) = -sin(x_k) prod_{i != k} cos(x_i).
#include <stdbool.h>
#include "../../Runtime/Inputs/check.h"

void caller(double *x, double *dx, long n, bool c);

int main(void) {
  enum { Most = 9 };
  long sizes[] = {1, 2, 5, Most};
  for (int s = 0; s < 4; s++) {
    long n = sizes[s];
    for (int c = 0; c < 2; c++) {
      double x[Most], dx[Most] = {0};
      for (int i = 0; i < Most; i++) x[i] = 0.3 + 0.11 * i + 0.05 * c;
      caller(x, dx, n, c);
      for (long k = 0; k < Most; k++) {
        long double want = 0;
        if (k < n) {
          want = c ? cosl(x[k]) : -sinl(x[k]);
          for (long i = 0; i < n; i++)
            if (i != k) want *= c ? sinl(x[i]) : cosl(x[i]);
        }
        check_rel(c ? "sines" : "cosines", dx[k], (double)want, 1e-14);
      }
    }
  }
  return finish();
}
