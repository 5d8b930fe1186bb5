// REQUIRES: valgrind
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// RUN: %swad -O2 %s -o %t.driver
// RUN: %t.driver
// Model code as people write it, with exceptions on: layers with a std::string name and weights
// in a std::vector, hyperparameters in std::unordered_map keyed by strings, a std::shared_ptr
// accumulator and a std::function activation, all built inside the differentiated function.
// (std::map, std::set and std::list are errors for now: Runtime/Regressions/map-nodes-error.cpp.) Both modes against central differences and each
// other; no invalid access or definite leak under valgrind.
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

extern int enzyme_dup, enzyme_const;
template <typename... T> double __enzyme_autodiff(void *, T...);
template <typename... T> double __enzyme_fwddiff(void *, T...);

struct Layer {
  std::string name;
  std::vector<double> w;
  double bias;
};

double network(const double *params, int n) {
  std::vector<Layer> layers;
  std::unordered_map<std::string, double> hyper;
  hyper["l2"] = 0.01;
  std::function<double(double)> act = [](double z) { return std::tanh(z); };
  int k = 0;
  for (int l = 0; l < 2; l++) {
    Layer layer;
    layer.name = "layer" + std::to_string(l);
    for (int i = 0; i < 3; i++) layer.w.push_back(params[k++]);
    layer.bias = params[k++];
    layers.push_back(layer);
  }
  double x = 0.5, reg = 0;
  for (auto &layer : layers) {
    double z = layer.bias;
    for (double wi : layer.w) {
      z += wi * x;
      reg += wi * wi;
    }
    x = act(z);
  }
  return x + hyper["l2"] * reg + (layers[1].name == "layer1" ? 0.0 : 1.0);
}

struct Param {
  std::string key;
  double value;
};

double pipeline(const double *x, int n) {
  std::unordered_map<std::string, double> config;
  config["scale"] = 2.5;
  config[std::string("shift")] = -0.25;
  std::vector<double> queue;
  for (int i = 0; i < n; i++) queue.push_back(x[i] * config["scale"]);
  std::unordered_map<int, int> buckets;
  auto total = std::make_shared<double>(0.0);
  std::vector<Param> params;
  for (double q : queue) {
    buckets[(int)std::floor(q)] += 1;
    *total += std::sin(q + config["shift"]);
    params.push_back({"p" + std::to_string(params.size()), q});
  }
  double s = *total * (double)buckets.size();
  for (auto &p : params) s += p.value * p.value * 0.1;
  return s;
}

static int failures = 0;

static void check(const char *what, int i, double got, double want, double tolerance) {
  if (std::fabs(got - want) <= tolerance * std::fmax(1.0, std::fabs(want))) return;
  std::fprintf(stderr, "FAIL %s[%d]: got %.17g, want %.17g\n", what, i, got, want);
  failures++;
}

// The entry points need the function itself, so each test is spelled out by a macro.
#define TEST(f, x, n)                                                                    \
  do {                                                                                   \
    std::vector<double> dx(n, 0.0);                                                      \
    __enzyme_autodiff((void *)f, enzyme_dup, x, dx.data(), enzyme_const, n);             \
    for (int i = 0; i < n; i++) {                                                        \
      double h = 1e-6, saved = x[i];                                                     \
      x[i] = saved + h;                                                                  \
      double up = f(x, n);                                                               \
      x[i] = saved - h;                                                                  \
      double down = f(x, n);                                                             \
      x[i] = saved;                                                                      \
      check(#f, i, dx[i], (up - down) / (2 * h), 1e-7);                                  \
      std::vector<double> v(n, 0.0);                                                     \
      v[i] = 1;                                                                          \
      check(#f, i, __enzyme_fwddiff((void *)f, x, v.data(), enzyme_const, n), dx[i], 1e-13); \
    }                                                                                    \
  } while (0)

int main() {
  double params[8] = {0.1, -0.2, 0.3, 0.05, 0.4, 0.5, -0.6, 0.1};
  TEST(network, params, 8);
  double x[4] = {0.3, -1.2, 0.9, 2.2};
  TEST(pipeline, x, 4);
  if (failures == 0) std::printf("ok\n");
  return failures != 0;
}
