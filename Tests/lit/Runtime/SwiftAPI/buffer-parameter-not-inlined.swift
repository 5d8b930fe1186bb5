// RUN: %swad-api %s -o %t
// RUN: %t | FileCheck %s
// CHECK: d/dx Σx² = [8.0, 10.0, 12.0]
// XFAIL: *
// A function that takes an UnsafeBufferPointer and is not inlined into the derivative gets a zero
// gradient, silently. Swift passes the buffer's Optional<UnsafePointer> base address to a function
// as an i64 (its explosion of the optional), and the transform gives integer parameters no shadow, so
// the derivative of `sumOfSquares` reads and writes no shadow memory. (The macros never pass an
// optional pointer themselves, for this reason, and a function small enough to be inlined is not
// affected.) When the transform follows a pointer through an integer parameter (inttoptr of an
// argument, as Enzyme's type analysis does), this test passes: remove the XFAIL.
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
