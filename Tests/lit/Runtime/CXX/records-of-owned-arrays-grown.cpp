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
// A std::vector of layers, each owning its weights and biases through two
// std::unique_ptr<double[]>, grown by emplace_back (capacity 1, 2, 4, 8) and read by a range-for:
// reverse mode against central differences and forward mode. The vector's relocation moves each
// pointer as an `i64` (at -O2 both at once as a `<2 x i64>`), and only the first is written as a
// pointer in the helper (nulled after the move): the second pointer's shadow stayed in the old
// storage, and the reverse sweep followed the new element's null shadow (a crash at every
// optimization level). The caller's reads of both pointers through the vector's elements now say
// what the helper's copies move (Gradient+PointeeHints), and a vector copy of integers becomes
// one copy per element (Types/RetypedCopies). Found by a corpus of C++ nobody here wrote.
#include <memory>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Layer {
  std::unique_ptr<double[]> weights, biases;
  int width;
  Layer(const double *p, int width) : weights(new double[width]), biases(new double[width]), width(width) {
    for (int i = 0; i < width; i++) {
      weights[i] = p[i];
      biases[i] = 0.5 * p[i] * p[i];
    }
  }
};

double forward(const double *p, int depth) {
  std::vector<Layer> layers;
  for (int l = 0; l < depth; l++) layers.emplace_back(p + l, 2);
  double x = 1;
  for (const Layer &layer : layers) x = x * layer.weights[0] + layer.biases[1];
  return x;
}

int main() {
  const int depth = 6, n = depth + 1;
  double p[n], g[n] = {0};
  for (int i = 0; i < n; i++) p[i] = 0.9 - 0.07 * i;
  __enzyme_autodiff<void>((void *)forward, enzyme_dup, p, g, enzyme_const, depth);
  for (int i = 0; i < n; i++) {
    double direction[n] = {0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)forward, enzyme_dup, p, direction, enzyme_const, depth);
    double h = 1e-6, q[n];
    for (int j = 0; j < n; j++) q[j] = p[j];
    q[i] = p[i] + h;
    double up = forward(q, depth);
    q[i] = p[i] - h;
    double down = forward(q, depth);
    char what[64];
    snprintf(what, sizeof what, "reverse d/dp%d", i);
    check_fd(what, g[i], (up - down) / (2 * h), 1e-7);
    snprintf(what, sizeof what, "reverse against forward d/dp%d", i);
    check_rel(what, g[i], tangent, 1e-12);
  }
  return finish();
}
