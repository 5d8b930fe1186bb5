// An AD error: f calls ext, which has no body in the program and no derivative rule.
extern int enzyme_out;
extern double __enzyme_autodiff(void *, ...);
double ext(double);

static double f(double x) {
  return ext(x) * x;
}

int main(void) { return (int)__enzyme_autodiff((void *)f, enzyme_out, 2.0); }
