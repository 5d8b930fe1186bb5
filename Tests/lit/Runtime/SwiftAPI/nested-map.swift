// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Matrices built with `map` whose closure returns an array (`rows.map { $0.map { … } }`,
// `(0..<n).map { _ in [Double](repeating: 0, count: m) }`): map builds its result in a
// ContiguousArray of references, through libswiftCore's prespecializations for AnyObject
// (reserveCapacity, _endMutation, ...), which were refused. They move references and set counts
// only, and run again on the shadows (Rules/SwiftRuntime.swift). Reverse mode against hand
// derivatives, forward mode against reverse.
import SwadAutodiff

// m = rows scaled by x0; f = m[0][1] m[1][0] + x1 = 6 x0² + x1
@autodiffReverse(name: "d_scaled", .duplicated, .active)
@autodiffForward(name: "jvp_scaled", .dual, .dual)
func scaled(x: [Double]) -> Double {
  let rows = [[1.0, 2.0], [3.0, 4.0]]
  let m = rows.map { row in row.map { $0 * x[0] } }
  return m[0][1] * m[1][0] + x[1]
}

// An n×m grid of zeros filled from x, then summed with weights: f = Σᵢⱼ (i + j + 1) xᵢ xⱼ
@autodiffReverse(name: "d_grid", .duplicated, .active)
func grid(x: [Double]) -> Double {
  let n = x.count
  var g = (0..<n).map { _ in [Double](repeating: 0, count: n) }
  for i in 0..<n { for j in 0..<n { g[i][j] = x[i] * x[j] } }
  return zip(g.indices, g).map { i, row in row.enumerated().map { j, v in Double(i + j + 1) * v }.reduce(0, +) }
    .reduce(0, +)
}

@main
struct Main {
  static func main() {
    var dx = [0.0, 0.0]
    let x = [1.5, 2.0]
    _ = d_scaled(x: x, dx: &dx, seed: 1)
    check("scaled d/dx0", dx[0], 12 * x[0])
    check("scaled d/dx1", dx[1], 1)
    check("scaled tangent", jvp_scaled(x: x, dx: [1, 1]).1, dx[0] + dx[1])
    let y = [0.5, -1.0, 2.0]
    var dy = [0.0, 0.0, 0.0]
    _ = d_grid(x: y, dx: &dy, seed: 1)
    for k in 0..<3 {
      var want = 0.0
      for j in 0..<3 { want += Double(k + j + 1) * y[j] * 2 }
      check("grid d/dx\(k)", dy[k], want)
    }
    finish()
  }
}
