// A member of the static library that nothing references.
#include "../model.h"

double unused_in_library(double x) { return x / 2; }
