// include-define.test's program: scale.h is found only through -I, SCALE is set only by -D.
#include <stdio.h>
#include "scale.h"

extern int enzyme_out;
extern double __enzyme_autodiff(void *, ...);

int main(void) {
  double d = __enzyme_autodiff((void *)scaled_square, enzyme_out, 1.5);
  printf("d/dx %g*x*x at 1.5 = %g\n", (double)SCALE, d);
  return d != 2 * SCALE * 1.5;
}
