// same-stem-inputs.test: main, in a file named like the other input (part.c).
#include <stdio.h>

double derivative_of_square(double x);

int main(void) {
  double d = derivative_of_square(1.5);
  printf("d/dx x^2 at 1.5 = %g\n", d);
  return d != 3.0;
}
