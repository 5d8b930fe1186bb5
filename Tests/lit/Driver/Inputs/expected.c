// The library of libraries.test: the hand-derived derivative to compare with. Compiled by clang
// into libexpected.a, outside swad.
#include <math.h>

double expected_derivative(double x) { return cos(x) * exp(sin(x)); }
