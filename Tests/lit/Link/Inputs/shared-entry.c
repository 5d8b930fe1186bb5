// A function of a shared library that differentiates mix (model.c) for its callers: the library is linked
// by swad-ld (clang -shared), its callers are native.
#include "model.h"

extern int enzyme_out;
typedef struct { double dx, dy; } G;
G __enzyme_autodiff_mix(void *, ...);
double dmix_dy(double a, double b) { return __enzyme_autodiff_mix((void *)mix, enzyme_out, a, enzyme_out, b).dy; }
