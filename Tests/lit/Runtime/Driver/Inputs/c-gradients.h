// The C functions swift-main-calls-c.swift calls, declared for Swift through a bridging header
// (-Xswiftc -import-objc-header -Xswiftc c-gradients.h) and implemented in c-gradients.c, where
// they ask for derivatives with __enzyme_autodiff and __enzyme_fwddiff.
#ifndef C_GRADIENTS_H
#define C_GRADIENTS_H

typedef struct {
  double dx, dy;
} xy_gradient;

// f(x, y) = x*y + sin(x)*y: its gradient (reverse mode) and a directional derivative (forward mode).
double talk(double x, double y);
xy_gradient talk_gradient(double x, double y);
double talk_tangent(double x, double y, double dx, double dy);

// The dot product of a and b: its gradient with respect to both vectors, ADDED into da and db.
void dot_gradient(const double *a, double *da, const double *b, double *db, int n);

// Rosenbrock's function of n variables; its gradient written into g (reverse mode) and a
// directional derivative along v (forward mode).
double rosenbrock(const double *x, int n);
void rosenbrock_gradient(const double *x, double *g, int n);
double rosenbrock_tangent(const double *x, const double *v, int n);

#endif
