// A member of the static library of bitcode objects.
#include "../model.h"

double poly(double x) { return 3 * x * x * x - 2 * x; }
