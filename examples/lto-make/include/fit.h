// A least-squares fit of y = a*x^2 + b*x + c, its loss in a static library.
#ifndef FIT_H
#define FIT_H
/// The model at x for the parameters p = {a, b, c}.
double model(const double *p, double x);
/// The mean squared error of the model over n points.
double loss(const double *p, const double *x, const double *y, int n);
#endif
