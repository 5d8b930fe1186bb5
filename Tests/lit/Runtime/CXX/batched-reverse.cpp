// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Batched reverse mode through C++ as people write it (exceptions on): a std::vector grown by
// push_back (its shadow buffers made, grown and freed per lane), a std::unique_ptr, a lambda with
// std::transform. Three lanes give three rows of the Jacobian of R⁴ → R³, compared with forward
// mode one direction at a time.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

extern int enzyme_width, enzyme_dup, enzyme_dupnoneed, enzyme_const;
extern "C" {
void __enzyme_autodiff(void *, ...);
void __enzyme_fwddiff(void *, ...);
}

static int failures = 0;
static void check(const char *what, int k, double got, double want) {
  if (std::fabs(got - want) > 1e-12 * std::fmax(1.0, std::fabs(want))) {
    std::fprintf(stderr, "FAIL %s[%d]: got %.17g, want %.17g\n", what, k, got, want);
    failures++;
  }
}

__attribute__((noinline)) static void F(const double *x, double *y) {
  std::vector<double> v;
  for (int i = 0; i < 4; i++) v.push_back(std::sin(x[i]) * x[(i + 1) % 4]);
  for (int i = 0; i < 4; i++) v.push_back(v[i] * v[i + (i < 3)]);
  auto scale = std::make_unique<double>(std::exp(0.3 * x[0]));
  std::vector<double> w(v.size());
  std::transform(v.begin(), v.end(), w.begin(), [&](double e) { return e * *scale; });
  for (int j = 0; j < 3; j++) y[j] = w[j] + w[j + 4] * w[7 - j];
}

int main() {
  double x[4] = {0.4, -0.3, 0.9, 0.2};
  double J[3][4];
  for (int i = 0; i < 4; i++) {
    double dx[4] = {0, 0, 0, 0}, y[3], dy[3];
    dx[i] = 1;
    __enzyme_fwddiff((void *)F, enzyme_dup, x, dx, enzyme_dupnoneed, y, dy);
    for (int j = 0; j < 3; j++) J[j][i] = dy[j];
  }
  double y[3], dx0[4] = {0}, dx1[4] = {0}, dx2[4] = {0};
  double dy0[3] = {1, 0, 0}, dy1[3] = {0, 1, 0}, dy2[3] = {0.5, 0, -2};
  __enzyme_autodiff((void *)F, enzyme_width, 3, enzyme_dup, x, dx0, dx1, dx2, enzyme_dup, y, dy0, dy1, dy2);
  for (int i = 0; i < 4; i++) {
    check("lane 0", i, dx0[i], J[0][i]);
    check("lane 1", i, dx1[i], J[1][i]);
    check("lane 2", i, dx2[i], 0.5 * J[0][i] - 2 * J[2][i]);
  }
  if (failures == 0) std::printf("12 checks passed\n");
  return failures != 0;
}
