// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// An array made from a slice of the parameters (`Array(p[2...])`) held by a struct whose mutating
// method scales it in place, after a loop that computes the factor: `Array(slice)` asks the slice's
// buffer for its native storage (`_SliceBuffer.requestNativeBuffer()`), which returns an Optional of
// the storage as an integer that the caller makes a pointer again. It was refused ("returns as an
// integer is made a pointer again"); the call now returns the pointer, and its shadow with it
// (AddressesReturnedAsIntegers). Both modes against central differences, at the default level and
// at -O0.
import SwadAutodiff

struct Polynomial {
  var coefficients: [Double]
  func callAsFunction(_ t: Double) -> Double { coefficients.reversed().reduce(0) { $0 * t + $1 } }
  mutating func scale(_ s: Double) { for i in coefficients.indices { coefficients[i] *= s } }
}

@autodiffReverse(name: "d_f", .duplicated, .active)
@autodiffForward(name: "fwd_f", .dual, .dual)
func f(p: [Double]) -> Double {
  var s = p[0]
  for _ in 0..<200 { s = s * 0.9 + p[1] }
  var polynomial = Polynomial(coefficients: Array(p[2...]))
  polynomial.scale(s)
  var tail = Polynomial(coefficients: Array(p[1..<3]))
  tail.scale(p[4])
  return polynomial(0.7) + tail(-1.3)
}

@main struct Main {
  static func main() {
    let p = [0.5, 1.0, -2.0, 3.0, 0.7]
    var gradient = [Double](repeating: 0, count: p.count)
    _ = d_f(p: p, dp: &gradient, seed: 1)
    checkGradient("f", gradient, of: { f(p: $0) }, at: p, forward: { fwd_f(p: p, dp: $0).1 }, tolerance: 1e-6)
    finish()
  }
}
