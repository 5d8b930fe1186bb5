// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t ok
// RUN: not %t handles reverse 2>&1 | FileCheck %s --check-prefix=HANDLES
// RUN: not %t handles forward 2>&1 | FileCheck %s --check-prefix=HANDLES
// RUN: not %t field reverse 2>&1 | FileCheck %s --check-prefix=FIELD
// RUN: not %t field forward 2>&1 | FileCheck %s --check-prefix=FIELD
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in ok
// RUN: %t.O0in handles reverse | FileCheck %s --check-prefix=RIGHT
// RUN: %t.O0in handles forward | FileCheck %s --check-prefix=RIGHT
// RUN: not %t.O0in field reverse 2>&1 | FileCheck %s --check-prefix=FIELD-O0
// RUN: not %t.O0in field forward 2>&1 | FileCheck %s --check-prefix=FIELD-O0
// Workspaces the program allocated before asking for the gradient, reached through pointers kept
// in a global array (PETSc-style objects addressed by integer handles) or in a global struct's
// field, written by one helper and read back by another called with no active argument. The
// derivative has no shadow for them; the globals get shadow globals that start as the primal's
// pointers (Support/GlobalShadows.swift), so the reading helper is differentiated and its read stops
// the program with the error naming the read and the write (Support/UnshadowedMemory.swift). Before,
// only a global that is itself a pointer counted: both derivatives were silently wrong (the terms
// through the workspace missing). From unoptimized input the helpers are inlined: the handles'
// values never reach memory and the derivative is right; the field's still do, and the error names
// the one function. With the workspace passed as a duplicated argument the gradient is right.
// HANDLES: swad: error: a derivative would be wrong: {{.*}}workspace-in-global-aggregate.c:{{[0-9]+}}:{{[0-9]+}}: a load of a 'double' in function 'buffer_get' reads memory that has no shadow, where {{.*}}: a store of a 'double' in function 'buffer_set' wrote a value with a derivative
// FIELD: swad: error: a derivative would be wrong: {{.*}}workspace-in-global-aggregate.c:{{[0-9]+}}:{{[0-9]+}}: a load of a 'double' in function 'field_get' reads memory that has no shadow, where {{.*}}: a store of a 'double' in function 'field_put' wrote a value with a derivative
// FIELD-O0: swad: error: a derivative would be wrong: {{.*}}: a load of a 'double' in function 'through_field' reads memory that has no shadow
// RIGHT: right
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

static double *buffers[4];
static int buffer_count;
__attribute__((noinline)) static int buffer_new(int n) {
  buffers[buffer_count] = malloc(n * sizeof(double));
  return buffer_count++;
}
__attribute__((noinline)) static void buffer_set(int h, int i, double v) { buffers[h][i] = v; }
__attribute__((noinline)) static double buffer_get(int h, int i) { return buffers[h][i]; }
static int handle;
__attribute__((noinline)) double through_handles(double x) {
  buffer_set(handle, 0, x * x);
  buffer_set(handle, 1, 3 * x);
  return buffer_get(handle, 0) * buffer_get(handle, 1); /* 3 x^3 */
}

struct workspace {
  int n;
  double *values;
  double scale;
} workspace;
__attribute__((noinline)) static void field_put(int i, double v) { workspace.values[i] = v * v; }
__attribute__((noinline)) static double field_get(int i) { return workspace.values[i] * workspace.scale; }
__attribute__((noinline)) double through_field(double x) {
  field_put(1, x);
  return field_get(1) + x; /* 2 x^2 + x */
}

/* The workspace as an argument: the derivative gives it a shadow. */
__attribute__((noinline)) double with_workspace(double x, double *values) {
  values[1] = x * x;
  return values[1] * 2 + x;
}

int main(int argc, char **argv) {
  const char *which = argc > 1 ? argv[1] : "ok", *mode = argc > 2 ? argv[2] : "reverse";
  handle = buffer_new(2);
  workspace.n = 4;
  workspace.values = malloc(4 * sizeof(double));
  workspace.scale = 2;
  double x = 1.5;
  if (strcmp(which, "ok")) {
    int handles = !strcmp(which, "handles"), reverse = !strcmp(mode, "reverse");
    double want = handles ? 9 * x * x : 4 * x + 1, d;
    if (handles)
      d = reverse ? __enzyme_autodiff((void *)through_handles, x) : __enzyme_fwddiff((void *)through_handles, x, 1.0);
    else
      d = reverse ? __enzyme_autodiff((void *)through_field, x) : __enzyme_fwddiff((void *)through_field, x, 1.0);
    printf("%s: %g, want %g\n", d == want ? "right" : "wrong", d, want);
    return d != want;
  }
  double dvalues[4] = {0};
  double d = __enzyme_autodiff((void *)with_workspace, x, enzyme_dup, workspace.values, dvalues);
  check_rel("with workspace", d, 4 * x + 1, 1e-15);
  return finish();
}
