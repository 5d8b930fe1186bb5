// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// `insert(_:at:)` into, and `remove(at:)` from, an array of records holding a reference beside a
// `Double`. The standard library's `replaceSubrange` moves the records after the place up with one
// memmove of run-time length between places at run-time offsets; `remove(at:)`, inlined, moves them
// down with one between two fixed records, and reads only the removed record's reference. Nothing
// near the copies said which bytes are the doubles: taken as pointers, the moved weights' adjoints
// stayed behind (reverse mode was silently wrong for every input). The records' accesses modulo
// their size (for `remove`, the distance the copy moves them, and the record type the function
// indexes the array variable's reloaded storage by) lay out the copies now
// (Types/CopiedStructs+PeriodicRecords.swift). Against central differences and forward mode, and
// hand-derived gradients.
import SwadAutodiff

struct Row {
  var values: [Double]
  var weight: Double
}

@autodiffReverse(name: "d_inserted", .duplicated, .active)
@autodiffForward(name: "jvp_inserted", .dual, .dual)
func inserted(p: [Double]) -> Double {
  var rows = (0..<p.count).map { Row(values: [Double($0 + 1)], weight: p[$0]) }
  rows.insert(Row(values: [0.5], weight: p[0] * p[1]), at: 1)
  rows.insert(Row(values: [2], weight: p[p.count - 1] * 3), at: rows.count / 2)
  var sum = 0.0
  for (k, row) in rows.enumerated() { sum += Double(k + 1) * row.weight * row.values[0] }
  return sum
}

@autodiffReverse(name: "d_removed", .duplicated, .active)
@autodiffForward(name: "jvp_removed", .dual, .dual)
func removed(p: [Double]) -> Double {
  var rows = (0..<p.count).map { Row(values: [Double($0 + 1)], weight: p[$0] * p[$0]) }
  rows.remove(at: 1)
  var sum = 0.0
  for (k, row) in rows.enumerated() { sum += Double(k + 1) * row.weight * row.values[0] }
  return sum
}

@main
struct Main {
  static func main() {
    // [p0, p1, p2] → rows (1,p0) (0.5,p0 p1) (2,3 p2) (2,p1) (3,p2): f = p0 + p0 p1 + 18 p2 + 8 p1 + 15 p2.
    let q = [0.3, 0.7, 1.1]
    var gradient = [0.0, 0.0, 0.0]
    _ = d_inserted(p: q, dp: &gradient, seed: 1)
    check("inserted hand-derived", gradient, [1 + q[1], q[0] + 8, 33])
    // Rows left: (1, p0²) (3, p2²) (4, p3²): f = p0² + 6 p2² + 12 p3².
    let r = [0.3, 0.7, 1.1, -0.4]
    var removedGradient = [0.0, 0.0, 0.0, 0.0]
    _ = d_removed(p: r, dp: &removedGradient, seed: 1)
    check("removed hand-derived", removedGradient, [2 * r[0], 0, 12 * r[2], 24 * r[3]])
    for count in [3, 9, 30] {
      let p = (0..<count).map { 0.2 + 0.37 * Double(($0 * 7) % 11) }
      checkBoth(
        "inserted \(count)", p, reverse: { _ = d_inserted(p: p, dp: &$0, seed: 1) },
        forward: { jvp_inserted(p: p, dp: $0).1 }
      ) { inserted(p: $0) }
      checkBoth(
        "removed \(count)", p, reverse: { _ = d_removed(p: p, dp: &$0, seed: 1) },
        forward: { jvp_removed(p: p, dp: $0).1 }
      ) { removed(p: $0) }
    }
    finish()
  }
}
