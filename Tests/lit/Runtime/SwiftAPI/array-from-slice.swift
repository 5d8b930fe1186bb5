// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A helper taking an ArraySlice that makes an Array of it (`Array(flat)`) and appends it to a
// [[Double]]: Array(slice) asks the runtime whether the slice's storage is a native array buffer
// (`swift_dynamicCastClass`), which was refused. A shadow object has its primal's class, so the
// same cast of the shadow is the result's shadow (Rules/SwiftRuntime.swift, isDynamicCast).
// Reverse mode against hand derivatives, forward mode against reverse.
import SwadAutodiff

func rows(_ flat: ArraySlice<Double>) -> [[Double]] {
  var m: [[Double]] = []
  m.append(Array(flat))
  return m
}

// x3 x4 + x0
@autodiffReverse(name: "d_f", .duplicated, .active)
@autodiffForward(name: "jvp_f", .dual, .dual)
func f(x: [Double]) -> Double {
  let m = rows(x[3..<5])
  return m[0][1] * m[0][0] + x[0]
}

@main
struct Main {
  static func main() {
    let x = [1.0, 2, 3, 4, 5, 6]
    var dx = [Double](repeating: 0, count: 6)
    _ = d_f(x: x, dx: &dx, seed: 1)
    check("d f", dx, [1, 0, 0, x[4], x[3], 0])
    check("tangent", jvp_f(x: x, dx: [1, 1, 1, 1, 1, 1]).1, 1 + x[4] + x[3])
    finish()
  }
}
