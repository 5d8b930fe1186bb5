// RUN: %swad-api %s -o %t
// RUN: %t | FileCheck %s
// CHECK: d/dx Σx² = [8.0, 10.0, 12.0]
// A function that takes an UnsafeBufferPointer and is not inlined into the derivative: Swift passes the
// buffer's Optional<UnsafePointer> base address as an i64 (its explosion of the optional), which the
// callee turns back into a pointer. The address keeps its shadow through the integer (ptrtoint, the
// integer argument, inttoptr), so the gradient reaches the caller's shadow.
import SwadAutodiff

@inline(never)
func sumOfSquares(_ x: UnsafeBufferPointer<Double>) -> Double {
  var sum = 0.0
  for v in x { sum += v * v }
  return sum
}

@autodiffReverse(name: "d_loss", .duplicated, .active)
func loss(x: UnsafeBufferPointer<Double>) -> Double { sumOfSquares(x) }

@main
struct BufferParameterNotInlined {
  static func main() {
    let x = [4.0, 5.0, 6.0]
    var dx = [0.0, 0.0, 0.0]
    _ = x.withUnsafeBufferPointer { x in dx.withUnsafeMutableBufferPointer { dx in d_loss(x: x, dx: dx, seed: 1) } }
    print("d/dx Σx² =", dx)
  }
}
