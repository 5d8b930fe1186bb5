// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// std::complex<double> and <float>: arithmetic (clang's inline product with the __muldc3/__divdc3
// fallbacks), std::abs, arg, exp, log, sqrt, pow, sin, … (C99's cabs, carg, cexp, … in the IR).
// Each g(a, b) = Re F(a + bi) + 2 Im F(a + bi) is differentiated in both modes and checked against
// F'(z) computed by hand: ∂g/∂a = Re F' + 2 Im F', ∂g/∂b = −Im F' + 2 Re F'.
#include <complex>
#include "../Inputs/check.h"

typedef std::complex<double> C;
struct Grad2 { double da, db; };
extern "C" Grad2 __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);

static double part(C w) { return w.real() + 2 * w.imag(); }

#define HOLO(name, expr, deriv)                                                   \
  double g_##name(double a, double b) { C z(a, b); return part(expr); }          \
  static C d_##name(C z) { return deriv; }
HOLO(exp, std::exp(z), std::exp(z))
HOLO(log, std::log(z), 1.0 / z)
HOLO(sqrt, std::sqrt(z), 0.5 / std::sqrt(z))
HOLO(powc, std::pow(z, C(1.5, 0.5)), C(1.5, 0.5) * std::pow(z, C(0.5, 0.5)))
HOLO(powd, std::pow(z, 2.5), 2.5 * std::pow(z, 1.5))
HOLO(sin, std::sin(z), std::cos(z))
HOLO(cos, std::cos(z), -std::sin(z))
HOLO(tan, std::tan(z), 1.0 / (std::cos(z) * std::cos(z)))
HOLO(sinh, std::sinh(z), std::cosh(z))
HOLO(cosh, std::cosh(z), std::sinh(z))
HOLO(tanh, std::tanh(z), 1.0 / (std::cosh(z) * std::cosh(z)))
HOLO(asin, std::asin(z), 1.0 / std::sqrt(1.0 - z * z))
HOLO(acos, std::acos(z), -1.0 / std::sqrt(1.0 - z * z))
HOLO(atan, std::atan(z), 1.0 / (1.0 + z * z))
HOLO(asinh, std::asinh(z), 1.0 / std::sqrt(z * z + 1.0))
HOLO(acosh, std::acosh(z), 1.0 / (std::sqrt(z - 1.0) * std::sqrt(z + 1.0)))
HOLO(atanh, std::atanh(z), 1.0 / (1.0 - z * z))
// Products and quotients: (z² + 3)/(z + 1) − z·(2 − i).
HOLO(arith, (z * z + 3.0) / (z + 1.0) - z * C(2, -1),
     (2.0 * z * (z + 1.0) - (z * z + 3.0)) / ((z + 1.0) * (z + 1.0)) - C(2, -1))

// clang's libcalls called directly (the inline product only falls back to them on NaN):
// z·c / (z + 1), whose derivative is c / (z + 1)².
extern "C" _Complex double __muldc3(double, double, double, double);
extern "C" _Complex double __divdc3(double, double, double, double);
double g_libcalls(double a, double b) {
  _Complex double p = __muldc3(a, b, 0.3, -1.2);
  _Complex double q = __divdc3(__real__ p, __imag__ p, a + 1, b);
  return __real__ q + 2 * __imag__ q;
}
static C d_libcalls(C z) { return C(0.3, -1.2) / ((z + 1.0) * (z + 1.0)); }

double g_abs(double a, double b) { return std::abs(C(a, b)); }
double g_arg(double a, double b) { return std::arg(C(a, b)); }
double g_norm(double a, double b) { return std::norm(C(a, b)) + std::real(std::conj(C(a, b)) * C(0, 1)); }
float g_absf(float a, float b) {
  std::complex<float> z(a, b);
  return std::abs(std::exp(z) * z);
}
struct Grad2f { float da, db; };
extern "C" Grad2f __enzyme_autodiff_f(void *, float, float);
extern "C" float __enzyme_fwddiff_f(void *, float, float, float, float);

typedef double (*G)(double, double);
template <G g> static void check_both(const char *name, double a, double b, double want_a, double want_b, double tol) {
  char what[64];
  Grad2 r = __enzyme_autodiff((void *)g, a, b);
  snprintf(what, sizeof what, "reverse d%s/da", name);
  check_rel(what, r.da, want_a, tol);
  snprintf(what, sizeof what, "reverse d%s/db", name);
  check_rel(what, r.db, want_b, tol);
  snprintf(what, sizeof what, "forward d%s/da", name);
  check_rel(what, __enzyme_fwddiff((void *)g, a, 1.0, b, 0.0), want_a, tol);
  snprintf(what, sizeof what, "forward d%s/db", name);
  check_rel(what, __enzyme_fwddiff((void *)g, a, 0.0, b, 1.0), want_b, tol);
}

int main() {
  const double points[][2] = {{0.7, 0.4}, {-0.3, 0.9}, {1.3, -0.6}};
  for (auto &p : points) {
    double a = p[0], b = p[1];
    C z(a, b);
#define CHECK_HOLO(name)                                                                   \
  {                                                                                        \
    C d = d_##name(z);                                                                     \
    check_both<g_##name>(#name, a, b, d.real() + 2 * d.imag(), -d.imag() + 2 * d.real(), 1e-12); \
  }
    CHECK_HOLO(exp) CHECK_HOLO(log) CHECK_HOLO(sqrt) CHECK_HOLO(powc) CHECK_HOLO(powd)
    CHECK_HOLO(sin) CHECK_HOLO(cos) CHECK_HOLO(tan) CHECK_HOLO(sinh) CHECK_HOLO(cosh) CHECK_HOLO(tanh)
    CHECK_HOLO(asin) CHECK_HOLO(acos) CHECK_HOLO(atan) CHECK_HOLO(asinh) CHECK_HOLO(acosh) CHECK_HOLO(atanh)
    CHECK_HOLO(arith) CHECK_HOLO(libcalls)
    double r = std::hypot(a, b);
    check_both<g_abs>("abs", a, b, a / r, b / r, 1e-14);
    check_both<g_arg>("arg", a, b, -b / (r * r), a / (r * r), 1e-14);
    // |z|² + Re(conj(z)·i) = a² + b² + b.
    check_both<g_norm>("norm", a, b, 2 * a, 2 * b + 1, 1e-14);
    // |exp(z)·z| = e^a·|z|.
    float fa = (float)a, fb = (float)b;
    double fr = std::hypot((double)fa, (double)fb);
    double want_a = std::exp((double)fa) * (fr + fa / fr), want_b = std::exp((double)fa) * fb / fr;
    Grad2f rf = __enzyme_autodiff_f((void *)g_absf, fa, fb);
    check_rel("reverse dabsf/da", rf.da, want_a, 1e-5);
    check_rel("reverse dabsf/db", rf.db, want_b, 1e-5);
    check_rel("forward dabsf/da", __enzyme_fwddiff_f((void *)g_absf, fa, 1, fb, 0), want_a, 1e-5);
    check_rel("forward dabsf/db", __enzyme_fwddiff_f((void *)g_absf, fa, 0, fb, 1), want_b, 1e-5);
  }
  // The derivative of |z| at 0 is taken as 0.
  check_both<g_abs>("abs at 0", 0, 0, 0, 0, 0);
  return finish();
}
