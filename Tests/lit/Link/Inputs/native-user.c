// Native code (compiled without LTO) calling poly, which only a library of bitcode defines.
double poly(double);
int main(void) { return poly(2.0) == 20.0 ? 0 : 1; }
