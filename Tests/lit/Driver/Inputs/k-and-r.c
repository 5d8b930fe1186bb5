/* C89 with K&R definitions (gnu89 accepts them, C23 does not), a header given with -include and a
   macro undefined with -U: built with the flags a build system passes a C compiler. */
#include <math.h>
#include <stdio.h>

#ifndef SCALE
#error "SCALE comes from the -include'd header"
#endif
#ifdef VERBOSE_TRACE
#error "-UVERBOSE_TRACE did not reach clang"
#endif

extern int enzyme_out, enzyme_const;
extern double __enzyme_autodiff();

static double energy(x, k)
double x, k;
{
  return SCALE * k * x * x + sin(x);
}

int main() {
  double x = 0.7, k = 3.0;
  double d = __enzyme_autodiff((void *)energy, enzyme_out, x, enzyme_const, k);
  double want = 2 * SCALE * k * x + cos(x);
  printf("%s d/dx: %.17g (by hand %.17g)\n", fabs(d - want) <= 1e-12 * fabs(want) ? "ok" : "FAIL", d, want);
  return fabs(d - want) > 1e-12 * fabs(want);
}
