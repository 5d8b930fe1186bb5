// A chain of springs between fixed ends: its potential energy, in a static library.
#ifndef SPRINGS_H
#define SPRINGS_H
/// The energy of n free masses at x[0..n-1] between walls at 0 and `length`, joined by springs of
/// stiffness k and rest length r: sum over the n+1 springs of k/2 (stretch - r)^2.
double chain_energy(const double *x, int n, double length, double k, double r);
/// One spring's energy.
double spring(double from, double to, double k, double r);
#endif
