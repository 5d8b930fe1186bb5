// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Rows of a `[[Double]]` made an array of their own through a slice (`Array(m[1...])`, `m[..<k]`):
// the runtime copies the rows (`swift_arrayInitWithCopy`) inside `_copyCollectionToContiguousArray`
// specialized for the slice, whose accesses lay out the slice, an enum's payload bytes among them,
// not its elements. Both modes refused it, naming an enum's payload. The element metadata the copy
// is given (`[Double]`) says what it moves (SwiftRuntime.metadataType). Reverse mode against hand
// derivatives and central differences, forward mode against reverse.
import SwadAutodiff

// p1² p0 + (p0 + p2) p1 + k-th row's first
@autodiffReverse(name: "d_f", .duplicated, .active)
@autodiffForward(name: "jvp_f", .dual, .dual)
func f(p: [Double]) -> Double {
  let m = [[p[0], p[1]], [p[1] * p[1], 2.0], [3.0, p[0]], [p[2], p[0] + p[2]]]
  let rows = Array(m[1...])
  let head = Array(m[..<2])
  var s = rows[0][0] * rows[1][1] + rows[2][1] * head[1][0] / p[1]
  for row in rows.dropFirst() { s += row[0] }
  return s
}

@main struct Main {
  static func main() {
    for p in [[2.0, 3.0, -1.0], [0.5, -1.25, 4.0]] {
      var g = [0.0, 0.0, 0.0]
      let value = d_f(p: p, dp: &g, seed: 1)
      check("value at \(p)", value, f(p: p))
      // s = p1² p0 + (p0 + p2) p1 + 3 + p2
      let want = [p[1] * p[1] + p[1], 2 * p[1] * p[0] + p[0] + p[2], p[1] + 1]
      check("gradient at \(p)", g, want, tolerance: 1e-13)
      checkGradient("gradient at \(p)", g, of: { f(p: $0) }, at: p) { direction in
        jvp_f(p: p, dp: direction).1
      }
    }
    finish()
  }
}
