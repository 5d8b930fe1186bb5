// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: %t.plain
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Polymorphic objects made by placement new in a static array of bytes, linked through a pointer
// stored there, their values read by virtual calls: both modes against the hand derivative. The
// array had no shadow (bytes cannot carry a derivative), and the virtual calls, whose only argument
// is an address in it, were no active calls: both modes were silently 0. An array of bytes the
// module stores floating-point values or pointers into (here or two calls deep), or an object
// holding one (a function-local static `Pool`), now gets a shadow global
// (GlobalShadows.isStorageOfData). Found by a corpus of C++ nobody here wrote.
#include <new>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Shape {
  virtual double value() const = 0;
  Shape *next = nullptr;
};
struct Scaled : Shape {
  double q;
  explicit Scaled(double q) : q(q) {}
  double value() const override { return q; }
};
struct Squared : Shape {
  double q;
  explicit Squared(double q) : q(q) {}
  double value() const override { return q * q; }
};

alignas(16) static unsigned char arena[256];

// (2 p0) (3 p0 + p1)^2 (p1 - 1), walked through the list from the last object made.
double product(const double *p) {
  Shape *a = new (arena) Scaled(2.0 * p[0]);
  Shape *b = new (arena + 32) Squared(3.0 * p[0] + p[1]);
  Shape *c = new (arena + 64) Scaled(p[1] - 1.0);
  b->next = a;
  c->next = b;
  double r = 1;
  for (Shape *s = c; s; s = s->next) r *= s->value();
  return r;
}

// The same objects made in the buffer of a function-local static pool object.
struct Pool {
  alignas(16) unsigned char bytes[128];
};

double pooled(const double *p) {
  static Pool pool;
  Shape *a = new (pool.bytes) Scaled(2.0 * p[0]);
  Shape *b = new (pool.bytes + 32) Squared(3.0 * p[0] + p[1]);
  Shape *c = new (pool.bytes + 64) Scaled(p[1] - 1.0);
  b->next = a;
  c->next = b;
  double r = 1;
  for (Shape *s = c; s; s = s->next) r *= s->value();
  return r;
}

template <double (*model)(const double *)>
static void check_model(const char *name) {
  double p[2] = {0.3, -0.7};
  double u = 2 * p[0], v = 3 * p[0] + p[1], w = p[1] - 1;
  double want[2] = {2 * v * v * w + u * 2 * v * 3 * w, u * 2 * v * w + u * v * v};
  double g[2] = {0, 0};
  __enzyme_autodiff<void>((void *)model, enzyme_dup, p, g);
  for (int i = 0; i < 2; i++) {
    double direction[2] = {0, 0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)model, enzyme_dup, p, direction);
    char what[64];
    snprintf(what, sizeof what, "%s reverse d/dp%d", name, i);
    check_rel(what, g[i], want[i], 1e-13);
    snprintf(what, sizeof what, "%s forward d/dp%d", name, i);
    check_rel(what, tangent, want[i], 1e-13);
  }
}

int main() {
  check_model<product>("arena");
  check_model<pooled>("pool");
  return finish();
}
