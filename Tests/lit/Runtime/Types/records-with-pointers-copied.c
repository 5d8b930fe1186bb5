// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clang %t.plain.opt.bc -o %t.plain -lm
// RUN: %t.plain
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Records holding a pointer beside their doubles, copied as bytes, in both modes against hand
// derivatives. Both gave silently wrong gradients in reverse mode (forward mode was right):
//  - a generic array of `{const char *name; double mass}` records (element size known only at run
//    time, so each move is a memcpy without type tags) whose swap-remove moves the last record over
//    the first: the copy was taken for a pointer's (the memory's first field), the adjoint of the
//    moved mass stayed where the copy put it, and d/dp came out 1 instead of 3;
//  - a helper, not inlined, that clones a `{char data[8]; void *owner}` box whose data the caller
//    filled with a double: optimized, the clone copies the data as one `i64`, and the caller's
//    description of the box (an integer, then a pointer) was read as "pointers" for the whole box,
//    so the data's adjoint never came back from the clone (0 instead of 2).
#include <stdlib.h>
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

typedef struct {
  const char *name;
  double mass;
} Body;

typedef struct {
  char *data;
  size_t element, count;
} Array;

static void append(Array *a, const void *element) {
  memcpy(a->data + a->count * a->element, element, a->element);
  a->count++;
}

// Moves the last element over element i (the order does not matter to the caller).
static void swap_remove(Array *a, size_t i) {
  a->count--;
  if (i != a->count) memcpy(a->data + i * a->element, a->data + a->count * a->element, a->element);
}

// Masses p0, 2 p1, 3 p0 p1; the first is replaced by the last: 3 p0 p1 + 2 p1 + (3 p0 p1)^2.
double moved_records(double *p) {
  Array a = {malloc(3 * sizeof(Body)), sizeof(Body), 0};
  Body b0 = {"a", p[0]}, b1 = {"b", 2 * p[1]}, b2 = {"c", 3 * p[0] * p[1]};
  append(&a, &b0);
  append(&a, &b1);
  append(&a, &b2);
  swap_remove(&a, 0);
  const Body *bodies = (const Body *)a.data;
  double r = bodies[0].mass + bodies[1].mass + bodies[0].mass * bodies[0].mass;
  free(a.data);
  return r;
}

typedef struct {
  char data[8];
  void *owner;
} Box;

__attribute__((noinline)) static Box *clone(const Box *source) {
  Box *made = malloc(sizeof(Box));
  memcpy(made->data, source->data, sizeof made->data);
  made->owner = NULL;
  return made;
}

static double first_double(const void *bytes) { return *(const double *)bytes; }

// (2 + p1) p0, p0 through a cloned box (its bytes copied from p, not stored as a double).
double cloned_box(double *p) {
  Box box;
  memcpy(box.data, p, sizeof box.data);
  box.owner = &box;
  Box *copy = clone(&box);
  double r = (2 + p[1]) * first_double(copy->data);
  free(copy);
  return r;
}

// Both modes against the hand derivative `want`, component by component.
#define CHECK_BOTH_MODES(f, p, want)                                              \
  do {                                                                            \
    double g[2] = {0, 0};                                                         \
    __enzyme_autodiff((void *)f, enzyme_dup, p, g);                               \
    for (int i = 0; i < 2; i++) {                                                 \
      double direction[2] = {i == 0, i == 1};                                     \
      double tangent = __enzyme_fwddiff((void *)f, enzyme_dup, p, direction);     \
      char what[64];                                                              \
      snprintf(what, sizeof what, "%s: reverse d/dp%d", #f, i);                   \
      check_rel(what, g[i], want[i], 1e-14);                                      \
      snprintf(what, sizeof what, "%s: forward d/dp%d", #f, i);                   \
      check_rel(what, tangent, want[i], 1e-14);                                   \
    }                                                                             \
  } while (0)

int main(void) {
  double p[2] = {0.7, -1.3};
  double m = 3 * p[0] * p[1];
  double want_moved[2] = {3 * p[1] + 2 * m * 3 * p[1], 3 * p[0] + 2 + 2 * m * 3 * p[0]};
  double want_cloned[2] = {2 + p[1], p[0]};
  CHECK_BOTH_MODES(moved_records, p, want_moved);
  CHECK_BOTH_MODES(cloned_box, p, want_cloned);
  return finish();
}
