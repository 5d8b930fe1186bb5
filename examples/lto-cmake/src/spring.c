// One spring, a member of libsprings.a.
#include "springs.h"

double spring(double from, double to, double k, double r) {
  double stretch = to - from - r;
  return 0.5 * k * stretch * stretch;
}
