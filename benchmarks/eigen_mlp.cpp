// A small multilayer perceptron written with Eigen (issue 14's benchmark row): one hidden tanh layer,
//
//   L(W1, b1, W2, b2) = (1/2n) sum_i (W2 tanh(W1 x_i + b1) + b2 - y_i)^2,
//
// for n samples in D dimensions and H hidden units, its gradient with respect to all parameters by
// reverse mode (__enzyme_autodiff through Eigen's own code: matrix products, array expressions,
// reductions), against the primal and against central differences on a sample of parameters.
//
// Build (scripts/bench does this):
//   clang++-22 -O2 -fno-vectorize -fno-slp-vectorize -fno-unroll-loops -I/usr/include/eigen3 \
//     -emit-llvm -c eigen_mlp.cpp -o m.bc
//   swad-opt m.bc -o m.opt.bc && clang++-22 -O2 m.opt.bc -o eigen_mlp && ./eigen_mlp
//
// Output: human-readable lines, then one "RESULT" line (read by scripts/bench); the exit status is
// non-zero when the gradient disagrees with finite differences.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

extern "C" {
#include "dump.h"
#include "peer.h"
#include "timing.h"
}

extern "C" void __enzyme_autodiff(void *, ...);
extern "C" int enzyme_dup, enzyme_const;

static const int D = 16, H = 64, N = 512, REPS = 21;
static const int P = H * D + H + H + 1;  // W1, b1, W2, b2
static volatile double sink;

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>;
using MatrixMap = Eigen::Map<const Matrix>;
using VectorMap = Eigen::Map<const Eigen::VectorXd>;

__attribute__((noinline)) double loss(const double *parameters, const double *inputs, const double *targets) {
  MatrixMap W1(parameters, H, D);
  VectorMap b1(parameters + H * D, H);
  Eigen::Map<const Eigen::RowVectorXd> W2(parameters + H * D + H, H);
  double b2 = parameters[P - 1];
  MatrixMap X(inputs, D, N);
  Eigen::Map<const Eigen::RowVectorXd> y(targets, N);
  Matrix hidden = ((W1 * X).colwise() + b1).array().tanh().matrix();
  Eigen::RowVectorXd residual = (W2 * hidden).array() + b2 - y.array();
  return residual.squaredNorm() / (2.0 * N);
}

// The parameters (deterministic pseudo-random), inputs and targets, and the gradient.
struct Problem {
  std::vector<double> parameters = std::vector<double>(P), inputs = std::vector<double>(D * N),
                      targets = std::vector<double>(N), gradient = std::vector<double>(P);

  Problem() {
    unsigned long long state = 7;
    auto uniform = [&] {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return (state >> 11) * 0x1.0p-53 - 0.5;
    };
    for (double &p : parameters) p = uniform() * 0.5;
    for (double &x : inputs) x = uniform() * 2;
    for (int i = 0; i < N; i++) targets[i] = std::sin(inputs[i * D] * 3) + 0.5 * inputs[i * D + 1];
  }

  // One timed evaluation of the loss, or of its gradient (into `gradient`, zeroed first, untimed).
  // Not inlined: main and the peer library (swad_peer_time) call the one copy, so that the module's
  // derivative code is what it was before the library existed.
  __attribute__((noinline)) double time_once(bool reverse) {
    if (!reverse) {
      double start = now();
      sink = loss(parameters.data(), inputs.data(), targets.data());
      return now() - start;
    }
    std::fill(gradient.begin(), gradient.end(), 0.0);
    double start = now();
    __enzyme_autodiff((void *)loss, enzyme_dup, parameters.data(), gradient.data(), enzyme_const, inputs.data(),
                      enzyme_const, targets.data());
    return now() - start;
  }
};

// The problem as a library for JAX's process (peer.h); it takes no arguments.
static Problem *peer_problem;
extern "C" SWAD_PEER int swad_peer_setup(int, char **) {
  peer_problem = new Problem;
  return 0;
}
extern "C" SWAD_PEER double swad_peer_time(int gradient) { return peer_problem->time_once(gradient != 0); }

int main() {
  setvbuf(stdout, nullptr, _IOLBF, 0);
  Problem problem;
  std::vector<double> &parameters = problem.parameters, &inputs = problem.inputs, &targets = problem.targets,
                      &gradient = problem.gradient;

  // Primal and gradient alternate, so that a machine busy with other work slows both alike.
  double primal[REPS], reverse[REPS];
  for (int r = 0; r < REPS; r++) {
    primal[r] = problem.time_once(false);
    reverse[r] = problem.time_once(true);
  }
  double tp = median(primal, REPS) * 1e3, tg = median(reverse, REPS) * 1e3;

  // Central differences on a spread of parameters (every layer), relative to the gradient's size.
  double scale = 0, worst = 0;
  for (double g : gradient) scale = std::max(scale, std::fabs(g));
  for (int k = 0; k < P; k += P / 13) {
    std::vector<double> up = parameters, down = parameters;
    double h = 1e-6;
    up[k] += h;
    down[k] -= h;
    double fd = (loss(up.data(), inputs.data(), targets.data()) - loss(down.data(), inputs.data(), targets.data())) / (2 * h);
    double error = std::fabs(fd - gradient[k]) / scale;
    worst = std::max(worst, error);
    printf("  dL/dp[%4d]  reverse %+.12e   central differences %+.12e   error %.2e\n", k, gradient[k], fd, error);
  }
  bool ok = worst < 1e-6;
  // The data and the gradient for the JAX version (SWAD_BENCH_DUMP, see dump.h); W1 and X column-major.
  FILE *dump = dump_open();
  double shape[3] = {D, H, N};
  dump_array(dump, "shape", shape, 3);
  dump_array(dump, "parameters", parameters.data(), P);
  dump_array(dump, "inputs", inputs.data(), D * N);
  dump_array(dump, "targets", targets.data(), N);
  dump_scalar(dump, "loss", loss(parameters.data(), inputs.data(), targets.data()));
  dump_array(dump, "gradient", gradient.data(), P);
  dump_scalar(dump, "primal_ms", tp);
  dump_close(dump);
  printf("eigen_mlp: D=%d H=%d N=%d, %d parameters, loss %.10g\n", D, H, N, P,
         loss(parameters.data(), inputs.data(), targets.data()));
  printf("  primal %.3f ms   gradient %.3f ms (%.2fx)   central differences ~%.1f ms (2 x %d primal evaluations)\n", tp,
         tg, tg / tp, 2.0 * P * tp, P);
  printf("RESULT eigen_mlp D=%d,H=%d,N=%d %.4f %.4f %.1f estimated %.3e %s\n", D, H, N, tp, tg, 2.0 * P * tp, worst,
         ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
