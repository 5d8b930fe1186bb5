// A function the differentiated module does not contain: compiled natively and linked beside it.
double outside_square(double x) { return x * x; }
double (*outside_function(void))(double) { return outside_square; }
