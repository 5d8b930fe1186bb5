// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// A small classifier written as C++ people write it, with clang++'s default flags (exceptions on):
// layers in a class hierarchy behind std::unique_ptr, called through virtual functions, returning
// std::vector by value; activations as lambdas in std::function; std::inner_product, std::transform,
// std::accumulate, std::max_element; a size check that throws and std::vector::at. The gradient of
// the cross-entropy with respect to every weight, by reverse mode, against central differences.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <vector>

extern int enzyme_const, enzyme_dup;
extern "C" double __enzyme_autodiff(void *, ...);

struct Layer {
  virtual ~Layer() = default;
  virtual std::vector<double> forward(const std::vector<double> &x, const double *w) const = 0;
  virtual size_t parameters() const = 0;
};

struct Dense : Layer {
  size_t in, out;
  std::function<double(double)> activation;
  Dense(size_t in, size_t out, std::function<double(double)> activation) : in(in), out(out), activation(activation) {}
  std::vector<double> forward(const std::vector<double> &x, const double *w) const override {
    if (x.size() != in) throw std::invalid_argument("size");
    std::vector<double> y(out);
    for (size_t o = 0; o < out; o++) {
      const double *row = w + o * (in + 1);
      y[o] = activation(std::inner_product(x.begin(), x.end(), row, row[in]));
    }
    return y;
  }
  size_t parameters() const override { return out * (in + 1); }
};

struct Softmax : Layer {
  std::vector<double> forward(const std::vector<double> &x, const double *) const override {
    double top = *std::max_element(x.begin(), x.end());
    std::vector<double> y(x.size());
    std::transform(x.begin(), x.end(), y.begin(), [top](double v) { return std::exp(v - top); });
    double sum = std::accumulate(y.begin(), y.end(), 0.0);
    for (double &v : y) v /= sum;
    return y;
  }
  size_t parameters() const override { return 0; }
};

struct Model {
  std::vector<std::unique_ptr<Layer>> layers;
  double loss(const double *w, const double *x, int label) const {
    std::vector<double> h(x, x + 4);
    for (const auto &layer : layers) {
      h = layer->forward(h, w);
      w += layer->parameters();
    }
    return -std::log(h.at(label));
  }
};

__attribute__((noinline)) double objective(const Model *m, const double *w, const double *x, int label) {
  return m->loss(w, x, label);
}

int main() {
  Model m;
  m.layers.push_back(std::make_unique<Dense>(4, 6, [](double v) { return std::tanh(v); }));
  m.layers.push_back(std::make_unique<Dense>(6, 3, [](double v) { return v > 0 ? v : 0.1 * v; }));
  m.layers.push_back(std::make_unique<Softmax>());
  std::vector<double> w(6 * 5 + 3 * 7), dw(w.size());
  for (size_t i = 0; i < w.size(); i++) w[i] = std::sin(1.3 * i + 0.2) * 0.7;
  double x[4] = {0.5, -1.2, 0.3, 2.0};
  __enzyme_autodiff((void *)objective, enzyme_const, &m, enzyme_dup, w.data(), dw.data(), enzyme_const, x,
                    enzyme_const, 1);
  int failed = 0;
  for (size_t i = 0; i < w.size(); i++) {
    double saved = w[i], h = 1e-6;
    w[i] = saved + h;
    double plus = objective(&m, w.data(), x, 1);
    w[i] = saved - h;
    double minus = objective(&m, w.data(), x, 1);
    w[i] = saved;
    double fd = (plus - minus) / (2 * h);
    if (std::fabs(dw[i] - fd) > 1e-6 * std::max(1.0, std::fabs(fd))) {
      std::printf("w[%zu]: reverse %.12g fd %.12g WRONG\n", i, dw[i], fd);
      failed = 1;
    }
  }
  std::printf("%zu weights, %s\n", w.size(), failed ? "FAILED" : "all agree");
  return failed;
}
