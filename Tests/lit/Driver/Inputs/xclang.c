// xclang.test's program: FROM_XCLANG is defined only through -Xclang (clang's front end, cc1).
#include <stdio.h>

extern int enzyme_out;
extern double __enzyme_autodiff(void *, ...);

static double cube(double x) { return x * x * x; }

int main(void) {
#ifdef FROM_XCLANG
  double d = __enzyme_autodiff((void *)cube, enzyme_out, 2.0);
  printf("-Xclang reached cc1: d/dx x^3 at 2 = %g\n", d);
  return d != 12.0;
#else
  puts("FROM_XCLANG is not defined");
  return 1;
#endif
}
