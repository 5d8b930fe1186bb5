// RUN: rm -f %t.opt.bc
// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: not %swad-opt %t.O0in.bc -o %t.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: test ! -e %t.opt.bc
// CHECK: byte-swap-in-recursive-sort-refused.c:[[@LINE+15]]:{{[0-9]+}}: in function 'gsort': cannot differentiate in reverse mode this copy of data byte by byte that may be floating-point
// A K&R generic quicksort (`void *` base, element size, a byte swap) of records of two doubles.
// The sort is recursive, so it stays a function of its own, its tail call made a loop: the swap's
// pointers start at a pointer that moves from partition to partition, itself starting at the
// parameter. Only the caller, which fills the records, moves doubles there; nothing was looked up
// through the two moving pointers and the caller, and the gradient was silently wrong (5.5 instead
// of 8.5). CopiedBytes.steppedBase follows the starts, floatOverlap the callers: refused.
#include <stddef.h>
#include <stdlib.h>

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);

static void byte_swap(void *a, void *b, size_t size) {
  unsigned char *p = a, *q = b, t;
  while (size--) { t = *p; *p++ = *q; *q++ = t; }
}

static void gsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
  if (n < 2) return;
  char *b = base;
  size_t last = 0;
  byte_swap(b, b + (n / 2) * size, size);
  for (size_t i = 1; i < n; i++)
    if (cmp(b + i * size, b) < 0) byte_swap(b + (++last) * size, b + i * size, size);
  byte_swap(b, b + last * size, size);
  gsort(b, last, size, cmp);
  gsort(b + (last + 1) * size, n - last - 1, size, cmp);
}

typedef struct { double val, w; } Item;

static int by_value(const void *a, const void *b) {
  double x = ((const Item *)a)->val, y = ((const Item *)b)->val;
  return (x > y) - (x < y);
}

double objective(const double *v, int n) {
  Item *items = malloc(n * sizeof(Item));
  for (int i = 0; i < n; i++) items[i] = (Item){v[i], v[i] * v[i]};
  gsort(items, n, sizeof(Item), by_value);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * items[i].val + items[i].w;
  free(items);
  return s;
}

void gradient(const double *v, double *g, int n) {
  __enzyme_autodiff((void *)objective, enzyme_dup, v, g, enzyme_const, n);
}
