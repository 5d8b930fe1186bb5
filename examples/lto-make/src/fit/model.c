// The model, one member of libfit.a.
#include "fit.h"

double model(const double *p, double x) { return (p[0] * x + p[1]) * x + p[2]; }
