// Validation that throws the standard exceptions with a message built at run time
// (`throw std::invalid_argument("unknown loss: " + name)`): their constructors, out of line in
// libstdc++, take the message and touch nothing AD tracks, so they are inactive without a
// registration (CXXRuntime). Before, each was an error ("no body and no derivative rule"). The
// gradient is checked against central differences, the thrown messages on the paths that throw,
// from optimized and unoptimized input.
// RUN: %clangxx-ad -std=c++17 %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 -std=c++17 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: caught: unknown loss: hinge
// CHECK: caught: 3 weights for 2 inputs
// CHECK: caught: scale out of range
// CHECK: checks passed
#include <stdexcept>
#include <string>

#include "../Inputs/check.h"

extern "C" void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

struct Problem {
  const char *loss;
  int inputs;
  int weights;
  double scale;
};

__attribute__((noinline)) static void validate(const Problem &problem) {
  std::string name = problem.loss;
  if (name != "squared" && name != "absolute") throw std::invalid_argument("unknown loss: " + name);
  if (problem.weights != problem.inputs)
    throw std::length_error(std::to_string(problem.weights) + " weights for " + std::to_string(problem.inputs) +
                            " inputs");
  if (!(problem.scale > 0 && problem.scale < 10)) throw std::out_of_range("scale out of range");
  if (problem.inputs > 64) throw std::runtime_error(std::string("too many inputs: ") + problem.loss);
}

__attribute__((noinline)) static double loss(const double *w, const double *x, const Problem *problem) {
  validate(*problem);
  double total = 0;
  for (int i = 0; i < problem->inputs; i++) {
    double r = problem->scale * w[i] * x[i] - 1.0;
    total += problem->loss[0] == 's' ? r * r : std::fabs(r);
  }
  return total;
}

static const Problem squared = {"squared", 2, 2, 1.5};
static const double inputs[2] = {0.7, -1.3};

static double loss_of(const double *w, int count) {
  (void)count;
  return loss(w, inputs, &squared);
}

int main() {
  const Problem bad[3] = {{"hinge", 2, 2, 1.0}, {"squared", 2, 3, 1.0}, {"absolute", 2, 2, 12.0}};
  double w[2] = {0.4, -0.9}, dw[2] = {0, 0};
  for (const Problem &problem : bad) {
    try {
      loss(w, inputs, &problem);
    } catch (const std::exception &error) {
      std::printf("caught: %s\n", error.what());
    }
  }
  __enzyme_autodiff((void *)loss, enzyme_dup, w, dw, enzyme_const, inputs, enzyme_const, &squared);
  check_gradient_fd("loss", loss_of, w, dw, 2, 1e-6, 1e-8);
  return finish();
}
