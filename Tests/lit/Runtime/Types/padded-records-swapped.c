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
// Records with padding inside (`{double u; int level; double w}`, 4 bytes of padding after
// `level`) swapped through a temporary and insertion-sorted by struct assignment, both modes
// against hand derivatives. SROA cuts the temporary where the padding begins and copies the rest
// (padding, then `w`) with a memcpy of 12 or 28 bytes whose doubles lie 4 and 20 bytes in; moved
// as doubles from the copy's start, their adjoints were taken from the padding and lost (silently
// wrong, found by a corpus of code nobody here wrote). The copy is now laid out by the accesses to
// it, or by the declared type of the memory (CopiedStructs.declaredLayoutOfCopiedRange), or, for a
// temporary slot of bytes, by what the other copies of it move.
#include <stdio.h>
#include "../Inputs/check.h"

extern int enzyme_dup;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

typedef struct {
  double u;
  int level;
  double w;
} Pair;

// c = {{p0, 1 + p0}, {p1, 1 + p1}} swapped: f = p1 (1 + p1) + 2 p0 (1 + p0).
double swapped(const double *p) {
  Pair c[2];
  for (int i = 0; i < 2; i++) c[i].u = p[i], c[i].w = 1 + p[i], c[i].level = 2 - i;
  Pair t = c[1];
  if (t.level < 5) c[1] = c[0], c[0] = t;
  return c[0].u * c[0].w + 2 * c[1].u * c[1].w;
}

typedef struct {
  double u;
  int level;
  double w;
  char tag;
  double f;
} Record;

// Records i = 0, 1, 2 of level 2 - i, sorted by level: their order reversed.
double sorted(const double *p) {
  Record c[3];
  for (int i = 0; i < 3; i++) {
    c[i].u = p[i], c[i].w = 1 + p[(i + 1) % 3], c[i].level = 2 - i, c[i].tag = (char)('a' + i);
    c[i].f = p[i] * p[i];
  }
  for (int i = 1; i < 3; i++) {
    Record t = c[i];
    int j = i - 1;
    while (j >= 0 && c[j].level > t.level) c[j + 1] = c[j], j--;
    c[j + 1] = t;
  }
  return c[0].u * c[0].w + 2 * c[1].u * c[1].w + 3 * c[2].u * c[2].w + c[0].f * c[2].f;
}

typedef struct {
  int k;
  double v;
} Keyed;

// Padding before the double: SROA's temporary for the slice after `k` is a 12-byte slot of bytes,
// copied back to where the insertion stopped (a pointer no type describes); the slot is typed by
// the copy that filled it. Sorted by k: s = 2 p2^4 + 3 (p0 - p1)^2 + 36 p1^2 + 5 p2^2.
double keyed(const double *p) {
  Keyed b[4] = {{3, p[2]}, {1, p[0] - p[1]}, {2, p[1] * 3}, {0, p[2] * p[2]}};
  for (int i = 1; i < 4; i++) {
    Keyed t = b[i];
    int j = i - 1;
    while (j >= 0 && b[j].k > t.k) b[j + 1] = b[j], j--;
    b[j + 1] = t;
  }
  double s = 0;
  for (int i = 0; i < 4; i++) s += (i + 2) * b[i].v * b[i].v;
  return s;
}

// Both modes of F against WANT (the entry points take the function itself, not a pointer to it).
#define CHECK_BOTH(F, p, want, n)                                                              \
  do {                                                                                         \
    double g[3] = {0, 0, 0};                                                                   \
    __enzyme_autodiff((void *)F, enzyme_dup, p, g);                                            \
    for (int i = 0; i < n; i++) {                                                              \
      double direction[3] = {0, 0, 0};                                                         \
      direction[i] = 1;                                                                        \
      char what[64];                                                                           \
      snprintf(what, sizeof what, #F " reverse d/dp%d", i);                                    \
      check_rel(what, g[i], want[i], 1e-14);                                                   \
      snprintf(what, sizeof what, #F " forward d/dp%d", i);                                    \
      check_rel(what, __enzyme_fwddiff((void *)F, enzyme_dup, p, direction), want[i], 1e-14);  \
    }                                                                                          \
  } while (0)

int main(void) {
  double p[3] = {0.3, -0.7, 1.1};
  double want_swapped[2] = {2 + 4 * p[0], 1 + 2 * p[1]};
  CHECK_BOTH(swapped, p, want_swapped, 2);
  // f = p2 (1 + p0) + 2 p1 (1 + p2) + 3 p0 (1 + p1) + p2^2 p0^2.
  double want_sorted[3] = {p[2] + 3 * (1 + p[1]) + 2 * p[0] * p[2] * p[2], 2 * (1 + p[2]) + 3 * p[0],
                           1 + p[0] + 2 * p[1] + 2 * p[2] * p[0] * p[0]};
  CHECK_BOTH(sorted, p, want_sorted, 3);
  double q[3] = {0.3, -1.2, 2.0};
  double want_keyed[3] = {6 * (q[0] - q[1]), -6 * (q[0] - q[1]) + 72 * q[1], 8 * q[2] * q[2] * q[2] + 10 * q[2]};
  CHECK_BOTH(keyed, q, want_keyed, 3);
  return finish();
}
