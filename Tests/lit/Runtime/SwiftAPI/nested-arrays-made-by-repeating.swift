// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// An array of arrays made by `Array(repeating:count:)`, then grown by `append` (a grid padded with
// boundary rows): its storage comes from the standard library's `_allocateBufferUninitialized`,
// which writes the capacity itself, and the shadow's copy of that header was zeroed with the
// elements. The appends run libswiftCore's `Array<AnyObject>` growth again on the shadow, which
// sized the shadow's new buffer from its capacity of 0, smaller than the primal's, and the appends
// the primal found room for wrote past its end: a crash in both modes (found by a corpus of Swift
// code nobody here wrote). The shadow now keeps the header the allocator initialized
// (SwiftRuntime.initializedHeaderSize). Against the hand derivative, central differences and the
// other mode.
import SwadAutodiff

// Two zero rows, then six rows [p0 k, p1, 1]: the sum of squares of every entry.
@autodiffReverse(name: "d_padded", .duplicated, .active)
@autodiffForward(name: "fwd_padded", .dual, .dual)
func padded(p: [Double]) -> Double {
  var rows = [[Double]](repeating: [0, 0, 0], count: 2)
  for k in 0..<6 { rows.append([p[0] * Double(k + 1), p[1], 1]) }
  var sum = 0.0
  for row in rows { for x in row { sum += x * x } }
  return sum
}

// A grid of rows made by repeating one row, then grown row by row and updated in place.
@autodiffReverse(name: "d_relaxed", .duplicated, .active)
@autodiffForward(name: "fwd_relaxed", .dual, .dual)
func relaxed(p: [Double]) -> Double {
  var grid = [[Double]](repeating: [Double](repeating: 0, count: 4), count: 3)
  for i in 0..<5 { grid.append([p[0], p[1] * Double(i), p[0] * p[1], 0.5]) }
  for i in 1..<grid.count { for j in 0..<4 { grid[i][j] += 0.5 * grid[i - 1][j] } }
  return grid[grid.count - 1].reduce(0, +)
}

@main
struct Main {
  static func main() {
    for p in [[0.3, -0.7], [1.1, 0.45]] {
      var g = [Double](repeating: 0, count: 2)
      _ = d_padded(p: p, dp: &g, seed: 1)
      check("padded exactly", g, [2 * p[0] * 91, 12 * p[1]])
      checkGradient("padded", g, of: { padded(p: $0) }, at: p, forward: { fwd_padded(p: p, dp: $0).1 })

      g = [Double](repeating: 0, count: 2)
      _ = d_relaxed(p: p, dp: &g, seed: 1)
      checkGradient("relaxed", g, of: { relaxed(p: $0) }, at: p, forward: { fwd_relaxed(p: p, dp: $0).1 })
    }
    finish()
  }
}
