// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clang %t.O2.opt.bc -o %t.O2 -lm
// RUN: %t.O2
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clang %t.plain.opt.bc -o %t.plain -lm
// RUN: %t.plain
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// An array of `{int id; const double *src; double gain}` records grown by hand, twice (malloc,
// memcpy of the old records, free), then read in a loop by index: both modes against the hand
// derivative. Unoptimized, each copy's constant-offset accesses lay out only the record stored
// field by field beside the copied ones, and the first record's `gain` moved as bytes: its adjoint
// was lost (silently 0 in reverse mode). The records the loop indexes the memory by now lay out
// every record the copy moves (CopiedStructs.indexedLayoutOfCopiedRange: a `%struct.Channel`
// index, or a byte index stepping by 24). (Growth in a loop, one memcpy of `count * 24` bytes, is
// the crash the README names: a copy of a length known only at run time, which nothing types.)
#include <stdlib.h>
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup;
extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

typedef struct { int id; const double *src; double gain; } Channel;

// gain_i * src_i[0] over three channels, appended one by one to an array that grows 1 -> 2 -> 4.
double mix(const double *p) {
  double raw[2] = {p[0], 2 * p[1]};
  Channel *one = malloc(sizeof(Channel));
  one[0] = (Channel){0, raw, 1.0 + p[2]};
  Channel *two = malloc(2 * sizeof(Channel));
  memcpy(two, one, sizeof(Channel));
  free(one);
  two[1] = (Channel){1, raw + 1, 2.0 * p[2]};
  Channel *four = malloc(4 * sizeof(Channel));
  memcpy(four, two, 2 * sizeof(Channel));
  free(two);
  four[2] = (Channel){2, raw, 0.5 * p[2]};
  double sum = 0;
  for (int i = 0; i < 3; i++) sum += four[i].gain * four[i].src[0];
  free(four);
  return sum;
}

int main(void) {
  double p[3] = {0.3, -0.7, 1.1};
  // (1 + p2) p0 + 2 p2 (2 p1) + 0.5 p2 p0
  double want[3] = {1 + p[2] + 0.5 * p[2], 4 * p[2], p[0] + 4 * p[1] + 0.5 * p[0]};
  double g[3] = {0, 0, 0};
  __enzyme_autodiff((void *)mix, enzyme_dup, p, g);
  for (int i = 0; i < 3; i++) {
    double direction[3] = {0, 0, 0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff((void *)mix, enzyme_dup, p, direction);
    char what[64];
    snprintf(what, sizeof what, "reverse d/dp%d", i);
    check_rel(what, g[i], want[i], 1e-13);
    snprintf(what, sizeof what, "forward d/dp%d", i);
    check_rel(what, tangent, want[i], 1e-13);
  }
  return finish();
}
