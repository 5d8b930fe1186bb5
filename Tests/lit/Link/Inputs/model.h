// The model the LTO tests differentiate, spread over separately compiled files and a static library.
#ifndef MODEL_H
#define MODEL_H
// model.c
double energy(const double *x, int n, double k);  // sum of k*poly(x_i) + sin(x_i)
double mix(double x, double y);                    // x*x*y + exp(y)
// lib/poly.c and lib/norm.c, built into a static library
double poly(double x);                             // 3x^3 - 2x
double sqnorm(const double *v, int n);             // sum of v_i^2
// lib/unused.c (in the library, referenced by nothing)
double unused_in_library(double x);
#endif
