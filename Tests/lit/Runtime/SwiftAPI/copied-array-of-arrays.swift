// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A matrix as `[[Double]]` copied (`var a = matrix`) and then changed: the change copies the outer
// buffer (`_consumeAndCreateNew`), and the same call on the shadows returns the shadow's new buffer.
// Before, that result was dropped when the array might be constant data, the copy's shadow became
// its primal, and every derivative through the copy came out 0 without a word: Gaussian
// elimination starting from `var a = A` had a zero gradient. Reverse mode against central
// differences and forward mode.
import SwadAutodiff

/// The smallest case: one row appended, the array copied, the copy changed.
@autodiffReverse(name: "d_copied", .duplicated, .active)
@autodiffForward(name: "fwd_copied", .dual, .dual)
func copied(x: [Double]) -> Double {
  var rows: [[Double]] = []
  rows.append(x)
  var copy = rows
  copy[0][0] *= 2
  return copy[0][0] * copy[0][1] + copy[0][1]
}

/// The last unknown of A y = b, A given row by row, by Gaussian elimination with partial pivoting
/// on a copy of A (as written in textbooks: the caller's matrix stays as it was).
@inline(never)
func solveLast(_ matrix: [[Double]], _ rhs: [Double]) -> Double {
  var a = matrix
  var b = rhs
  let n = b.count
  for k in 0..<n {
    var pivot = k
    for i in (k + 1)..<n where abs(a[i][k]) > abs(a[pivot][k]) { pivot = i }
    if pivot != k {
      a.swapAt(k, pivot)
      b.swapAt(k, pivot)
    }
    for i in (k + 1)..<n {
      let factor = a[i][k] / a[k][k]
      for j in k..<n { a[i][j] -= factor * a[k][j] }
      b[i] -= factor * b[k]
    }
  }
  return b[n - 1] / a[n - 1][n - 1]
}

/// The matrix's entries and the right-hand side, packed in one array.
@autodiffReverse(name: "d_solved", .duplicated, .active)
@autodiffForward(name: "fwd_solved", .dual, .dual)
func solved(p: [Double]) -> Double {
  let n = 3
  var matrix: [[Double]] = []
  for i in 0..<n { matrix.append(Array(p[(i * n)..<(i * n + n)])) }
  return solveLast(matrix, Array(p[(n * n)...]))
}

@main
struct Main {
  static func main() {
    let x = [3.0, 1.5]
    var dx = [Double](repeating: 0, count: x.count)
    _ = d_copied(x: x, dx: &dx, seed: 1)
    check("d/dx exactly", dx, [2 * 1.5, 2 * 3.0 + 1])
    checkGradient(
      "d/dx", dx, of: { copied(x: $0) }, at: x, forward: { fwd_copied(x: x, dx: $0).1 })

    let p = [1.0, 2.0, 0.5, 4.0, 1.0, -1.0, 0.3, 2.5, 3.0, 1.0, -2.0, 0.7]
    var dp = [Double](repeating: 0, count: p.count)
    _ = d_solved(p: p, dp: &dp, seed: 1)
    checkGradient(
      "d/dp", dp, of: { solved(p: $0) }, at: p, forward: { fwd_solved(p: p, dp: $0).1 })
    check("some derivative is not 0", dp.contains { $0 != 0 } ? 1.0 : 0.0, 1.0)
    finish()
  }
}
