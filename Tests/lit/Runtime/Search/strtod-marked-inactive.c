// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A recursive-descent parser of "2*exp(x)" that copies a function's name character by character
// through the cursor strtod's end pointer set, with strtod marked inactive, as its old refusal
// advised. The inactive call left the end's shadow null, and the copy through it crashed the
// derivative (found by a corpus of code nobody here wrote). A search marked inactive keeps its rule
// for the address it finds (Rules/SearchRoutines.swift). Both modes, against 2 exp(x).
#include <ctype.h>
#include <stdlib.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_out;
void *__enzyme_inactivefn[] = {(void *)strtod};

typedef struct Node {
  int kind;
  double number;
  char name[8];
  struct Node *a, *b;
} Node;

static Node *node(int kind, Node *a, Node *b) {
  Node *n = calloc(1, sizeof(Node));
  n->kind = kind, n->a = a, n->b = b;
  return n;
}

static Node *primary(const char **s) {
  if (isdigit((unsigned char)**s)) {
    char *end;
    Node *n = node(0, 0, 0);
    n->number = strtod(*s, &end);
    *s = end;
    return n;
  }
  if (**s == 'x') {
    (*s)++;
    return node(1, 0, 0);
  }
  Node *n = node(2, 0, 0);
  int k = 0;
  while (isalpha((unsigned char)**s) && k < 7) n->name[k++] = *(*s)++;
  (*s)++;
  n->a = primary(s);
  (*s)++;
  return n;
}

static Node *product(const char **s) {
  Node *left = primary(s);
  while (**s == '*') {
    (*s)++;
    left = node(3, left, primary(s));
  }
  return left;
}

static double evaluate(const Node *n, double x) {
  switch (n->kind) {
  case 0: return n->number;
  case 1: return x;
  case 3: return evaluate(n->a, x) * evaluate(n->b, x);
  default: return n->name[0] == 'e' ? exp(evaluate(n->a, x)) : sin(evaluate(n->a, x));
  }
}

static void release(Node *n) {
  if (!n) return;
  release(n->a);
  release(n->b);
  free(n);
}

double f(double x) {
  const char *text = "2*exp(x)";
  Node *tree = product(&text);
  double value = evaluate(tree, x);
  release(tree);
  return value;
}

int main(void) {
  for (double x = -0.5; x < 1.0; x += 0.75) {
    check_rel("reverse", __enzyme_autodiff((void *)f, enzyme_out, x), 2 * exp(x), 1e-14);
    check_rel("forward", __enzyme_fwddiff((void *)f, x, 1.0), 2 * exp(x), 1e-14);
  }
  return finish();
}
