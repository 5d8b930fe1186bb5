// Found through -I by include-define.test; SCALE comes from -D.
#ifndef SCALE
#error "SCALE is not defined: -D did not reach clang"
#endif
static inline double scaled_square(double x) { return SCALE * x * x; }
