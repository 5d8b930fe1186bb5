// same-stem-inputs.test: the derivative, in a file named like the other input (part.c).
extern int enzyme_out;
extern double __enzyme_autodiff(void *, ...);

static double square(double x) { return x * x; }

double derivative_of_square(double x) { return __enzyme_autodiff((void *)square, enzyme_out, x); }
