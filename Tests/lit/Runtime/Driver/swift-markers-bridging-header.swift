// Swift passing Enzyme's activity markers, declared in a bridging header, instead of relying on
// default activities: enzyme_const keeps a Double and a data pointer out of the derivative (the
// pointer then needs no shadow), enzyme_out makes a Double active. And Float scalars, whose
// adjoints come back as a tuple of Floats.
// RUN: %swad %s -Xswiftc -import-objc-header -Xswiftc %S/Inputs/enzyme-markers.h -o %t
// RUN: %t | FileCheck %s
// CHECK: {{[0-9]+}} checks passed
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// ∂/∂x of f(x, y) with y constant.
@_silgen_name("__enzyme_autodiff_x")
func partialX(_ f: @convention(c) (Double, Double) -> Double, _ m1: Int32, _ x: Double, _ m2: Int32, _ y: Double)
  -> Double

// The gradient of a weighted sum of squares with respect to the weights only; the data constant.
@_silgen_name("__enzyme_autodiff_weights")
func gradientOfWeights(
  _ f: @convention(c) (UnsafePointer<Double>, UnsafePointer<Double>, Int) -> Double,
  _ m1: Int32, _ w: UnsafePointer<Double>, _ dw: UnsafeMutablePointer<Double>,
  _ m2: Int32, _ data: UnsafePointer<Double>, _ m3: Int32, _ n: Int)

@_silgen_name("__enzyme_autodiff_float")
func gradientFloat(_ f: @convention(c) (Float, Float) -> Float, _ x: Float, _ y: Float) -> (Float, Float)

func weighted(_ w: UnsafePointer<Double>, _ data: UnsafePointer<Double>, _ n: Int) -> Double {
  var s = 0.0
  for i in 0..<n { s += w[i] * data[i] * data[i] }
  return s
}

var failures = 0
var checks = 0
func check(_ what: String, _ got: Double, _ want: Double, _ rtol: Double = 1e-12) {
  checks += 1
  if got == want || abs(got - want) <= rtol * abs(want) { return }
  failures += 1
  print("FAIL \(what): got \(got), want \(want)")
}

for (x, y) in [(2.0, 3.0), (-0.5, 1.25)] {
  let d = partialX({ $0 * $1 + sin($0) * $1 }, enzyme_out, x, enzyme_const, y)
  check("df/dx(\(x), \(y))", d, y + cos(x) * y)
}

let n = 6
let w = (0..<n).map { 0.5 + Double($0) }
let data = (0..<n).map { Double($0) - 2.5 }
var dw = [Double](repeating: 0, count: n)
gradientOfWeights({ weighted($0, $1, $2) }, enzyme_dup, w, &dw, enzyme_const, data, enzyme_const, n)
for i in 0..<n { check("d/dw[\(i)]", dw[i], data[i] * data[i]) }

let (fx, fy) = gradientFloat({ $0 * $1 + sinf($0) * $1 }, 2, 3)
check("Float df/dx", Double(fx), Double(Float(3) + cosf(2) * 3), 1e-6)
check("Float df/dy", Double(fy), Double(Float(2) + sinf(2)), 1e-6)

if failures > 0 {
  print("\(failures) of \(checks) checks failed")
  exit(1)
}
print("\(checks) checks passed")
