// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// The reference counts of shadow arrays in reverse mode follow the primal's, and no shadow is freed
// before the gradient is done. Before, reverse mode counted nothing on the shadows: a helper that
// copied the caller's `[[Double]]` and changed the copy released the caller's shadow array (the
// runtime's `_consumeAndCreateNew`, called on the shadows as on the primals, consumes the
// reference its caller retained), and the caller's next read of the matrix crashed the gradient.
// Each case against central differences and forward mode, many gradients in a row (a count one
// too low frees a shadow, or the caller's data, that is still held; one too high is a leak the
// last case sees).
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

/// One elimination step on a copy of the caller's matrix, as a textbook writes it.
@inline(never)
func eliminateOnce(_ matrix: [[Double]]) -> Double {
  var a = matrix
  a[1][0] -= a[0][0] * 0.5
  a[1][1] -= a[0][1] * 0.5
  return a[1][0] * a[0][1] + a[1][1]
}

/// The caller builds the matrix, hands it to the helper, and reads it again afterwards.
@autodiffReverse(name: "d_reread", .duplicated, .active)
@autodiffForward(name: "fwd_reread", .dual, .dual)
func reread(p: [Double]) -> Double {
  var matrix: [[Double]] = []
  for i in 0..<2 { matrix.append(Array(p[(i * 2)..<(i * 2 + 2)])) }
  let eliminated = eliminateOnce(matrix)
  return eliminated + matrix[1][1] * matrix[1][0] + matrix[0][0]
}

/// A row read and then replaced: the old row's storage is released by the assignment, and the
/// reverse sweep still adds the adjoints of the reads before it into the old row's shadow.
@autodiffReverse(name: "d_replaced", .duplicated, .active)
@autodiffForward(name: "fwd_replaced", .dual, .dual)
func replaced(p: [Double]) -> Double {
  var rows: [[Double]] = []
  rows.append(Array(p[0..<2]))
  rows.append(Array(p[2..<4]))
  let product = rows[0][0] * rows[0][1]
  rows[0] = [product, p[0] * p[3]]
  return rows[0][0] * rows[1][1] + rows[0][1] * rows[1][0]
}

/// Copies that stay alive: the copy is kept in a second array of rows while the first is changed.
@autodiffReverse(name: "d_kept", .duplicated, .active)
@autodiffForward(name: "fwd_kept", .dual, .dual)
func kept(p: [Double]) -> Double {
  var rows: [[Double]] = []
  for i in 0..<2 { rows.append(Array(p[(i * 2)..<(i * 2 + 2)])) }
  var history: [[[Double]]] = []
  for step in 0..<3 {
    history.append(rows)
    rows[step % 2][0] = rows[step % 2][0] * rows[1 - step % 2][1] + 0.25
  }
  var total = 0.0
  for snapshot in history { total += snapshot[0][0] * snapshot[1][0] }
  return total + rows[0][1] * rows[1][0]
}

/// Rows of a constant table copied into an active array of rows and changed there: the shadow array
/// holds the table's own rows (constant data is its own shadow), so the retains that copied them
/// are counted on them too. Before (forward mode), the shadow's copy of the changed row released a
/// table row the caller still held: the caller's table was freed under it.
@autodiffReverse(name: "d_mixed", .duplicated, .const, .active)
@autodiffForward(name: "fwd_mixed", .dual, .const, .dual)
func mixed(x: [Double], table: [[Double]]) -> Double {
  var rows: [[Double]] = []
  rows.append(x)
  rows.append(table[0])
  rows.append(table[1])
  rows[1][0] *= x[0]
  var sum = 0.0
  for row in rows { for value in row { sum += value * value } }
  return sum
}

/// A table made where the gradient cannot see it.
@inline(never)
func makeTable(_ k: Int) -> [[Double]] {
  var table: [[Double]] = []
  for i in 0..<2 { table.append([Double(i + k), 0.5 * Double(i)]) }
  return table
}

@main
struct Main {
  static func main() {
    let p = [1.0, 2.0, 0.5, 4.0]
    var dp = [Double](repeating: 0, count: p.count)
    for _ in 0..<100 {
      dp = [Double](repeating: 0, count: p.count)
      _ = d_reread(p: p, dp: &dp, seed: 1)
    }
    checkGradient("reread", dp, of: { reread(p: $0) }, at: p, forward: { fwd_reread(p: p, dp: $0).1 })

    let q = [1.5, -0.5, 2.0, 0.75]
    var dq = [Double](repeating: 0, count: q.count)
    for _ in 0..<100 {
      dq = [Double](repeating: 0, count: q.count)
      _ = d_replaced(p: q, dp: &dq, seed: 1)
    }
    check("replaced exactly", dq, [q[1] * q[3] + q[3] * q[2], q[0] * q[3], q[0] * q[3], q[0] * q[1] + q[0] * q[2]])
    checkGradient("replaced", dq, of: { replaced(p: $0) }, at: q, forward: { fwd_replaced(p: q, dp: $0).1 })

    var dk = [Double](repeating: 0, count: p.count)
    _ = d_kept(p: p, dp: &dk, seed: 1)
    checkGradient("kept", dk, of: { kept(p: $0) }, at: p, forward: { fwd_kept(p: p, dp: $0).1 })

    let y = [1.5, -2.0]
    var mixedOK = true
    for k in 0..<300 {
      let table = makeTable(k % 3)
      var dy = [0.0, 0.0]
      _ = d_mixed(x: y, dx: &dy, table: table, seed: 1)
      let (_, tangent) = fwd_mixed(x: y, dx: [1, 0], table: table)
      // d/dy0 = 2 y0 + 2 (t00 y0) t00, d/dy1 = 2 y1
      let t00 = table[0][0]
      let expected = 2 * y[0] + 2 * t00 * y[0] * t00
      if dy != [expected, 2 * y[1]] || tangent != expected || table[1] != [1.0 + Double(k % 3), 0.5] {
        mixedOK = false
      }
    }
    check("constant rows copied into an active array, 300 times", mixedOK ? 1.0 : 0.0, 1.0)
    let table = makeTable(1)
    var dm = [0.0, 0.0]
    _ = d_mixed(x: y, dx: &dm, table: table, seed: 1)
    checkGradient(
      "mixed", dm, of: { mixed(x: $0, table: table) }, at: y, forward: { fwd_mixed(x: y, dx: $0, table: table).1 })

    // Every shadow is released when the gradient is done: 50 000 more gradients leave the resident
    // memory as it was (a leak of one shadow row per call would be 50 000 x 48 bytes at least).
    let before = residentBytes()
    for _ in 0..<50_000 {
      var again = [Double](repeating: 0, count: p.count)
      _ = d_reread(p: p, dp: &again, seed: 1)
      _ = d_kept(p: p, dp: &again, seed: 1)
      var dyAgain = [0.0, 0.0]
      _ = d_mixed(x: y, dx: &dyAgain, table: table, seed: 1)
    }
    let grown = residentBytes() - before
    check("resident memory growth over 50 000 gradients below 1 MiB", grown < 1 << 20 ? 1.0 : 0.0, 1.0)
    print("resident memory grew by \(grown) bytes")
    finish()
  }
}
