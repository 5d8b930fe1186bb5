// A Swift program whose main calls C functions that use __enzyme_autodiff and __enzyme_fwddiff, the
// C declarations reaching Swift through a bridging header. One swad command compiles both, links
// them into one module, differentiates and links with swiftc. Checked against hand-derived
// derivatives: the talk's f(x, y) = x*y + sin(x)*y, a dot product, Rosenbrock's function.
// RUN: %swad %s %S/Inputs/c-gradients.c -Xswiftc -import-objc-header -Xswiftc %S/Inputs/c-gradients.h -o %t
// RUN: %t | FileCheck %s
// CHECK: {{[0-9]+}} checks passed
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

var failures = 0
var checks = 0
func check(_ what: String, _ got: Double, _ want: Double, _ rtol: Double = 1e-12) {
  checks += 1
  if got == want || abs(got - want) <= rtol * abs(want) { return }
  failures += 1
  print("FAIL \(what): got \(got), want \(want)")
}

// f(x, y) = x*y + sin(x)*y: ∂f/∂x = y + cos(x)*y, ∂f/∂y = x + sin(x).
for (x, y) in [(2.0, 3.0), (0.0, 1.0), (-1.25, 0.5), (10.0, -4.0)] {
  let g = talk_gradient(x, y)
  check("df/dx(\(x), \(y))", g.dx, y + cos(x) * y)
  check("df/dy(\(x), \(y))", g.dy, x + sin(x))
  let (vx, vy) = (0.3, -1.7)
  check("tangent(\(x), \(y))", talk_tangent(x, y, vx, vy), (y + cos(x) * y) * vx + (x + sin(x)) * vy)
}

// dot(a, b): the gradient with respect to a is b and with respect to b is a, added into the shadows.
let n = 17
let a = (0..<n).map { Double($0) * 0.5 - 3 }
let b = (0..<n).map { sin(Double($0)) }
var da = [Double](repeating: 1, count: n)
var db = [Double](repeating: -2, count: n)
dot_gradient(a, &da, b, &db, Int32(n))
for i in 0..<n {
  check("d dot/da[\(i)]", da[i], 1 + b[i])
  check("d dot/db[\(i)]", db[i], -2 + a[i])
}

// Rosenbrock: ∂/∂x_i = -400 x_i (x_{i+1} - x_i²) - 2 (1 - x_i) + 200 (x_i - x_{i-1}²).
let x = (0..<n).map { 0.1 * Double($0 % 5) - 0.3 }
var g = [Double](repeating: .nan, count: n)
rosenbrock_gradient(x, &g, Int32(n))
var want = [Double](repeating: 0, count: n)
for i in 0..<(n - 1) {
  want[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i])
  want[i + 1] += 200 * (x[i + 1] - x[i] * x[i])
}
for i in 0..<n { check("rosenbrock grad[\(i)]", g[i], want[i], 1e-11) }
// Forward mode along v agrees with the gradient: J v = gᵀ v.
let v = (0..<n).map { cos(Double($0) * 0.7) }
let jv = rosenbrock_tangent(x, v, Int32(n))
let gv = zip(want, v).map(*).reduce(0, +)
let scale = zip(want, v).map { abs($0 * $1) }.reduce(0, +)
checks += 1
if abs(jv - gv) > 1e-11 * scale {
  failures += 1
  print("FAIL rosenbrock tangent: got \(jv), want \(gv)")
}

if failures > 0 {
  print("\(failures) of \(checks) checks failed")
  exit(1)
}
print("\(checks) checks passed")
