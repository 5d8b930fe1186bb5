// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Sorting records that hold an `Int` (or an `Int32`) beside a reference and a `Double`. The sort
// moves each record field by field, the integer as an `i64` loaded and stored elsewhere, at byte
// offsets from storage that holds pointers and doubles: with nothing to say the word is an integer
// (an untyped word may be a double's bits), reverse mode refused the copy. The element type the
// specialization names (or the function allocates its array for), laid over the accesses modulo
// its stride, says it is (Types/SwiftIntegerFields.swift). Insertion sort (up to 20 records) and
// merges (more), against hand-derived gradients, central differences and forward mode.
import SwadAutodiff

final class Box {
  let v: Double
  init(_ v: Double) { self.v = v }
}

struct Item {
  var box: Box
  var w: Double
  var id: Int
}

struct Small {
  var id: Int32
  var box: Box
  var w: Double
}

@autodiffReverse(name: "d_sortItems", .duplicated, .active)
@autodiffForward(name: "jvp_sortItems", .dual, .dual)
func sortItems(p: [Double]) -> Double {
  var xs = (0..<p.count).map { Item(box: Box(Double($0 % 5 + 1)), w: p[$0] * p[$0], id: $0 % 3) }
  xs.sort { $0.w < $1.w }
  var sum = 0.0
  for (k, x) in xs.enumerated() { sum += Double(k + 1) / Double(xs.count) * x.w * x.box.v + 0.01 * Double(x.id) }
  return sum
}

@autodiffReverse(name: "d_sortSmall", .duplicated, .active)
@autodiffForward(name: "jvp_sortSmall", .dual, .dual)
func sortSmall(p: [Double]) -> Double {
  var xs: [Small] = []
  for i in 0..<p.count { xs.append(Small(id: Int32(i % 4), box: Box(Double(i % 3 + 1)), w: 2 * p[i])) }
  xs.sort { $0.w > $1.w }
  var sum = 0.0
  for (k, x) in xs.enumerated() { sum += Double(k + 1) / Double(xs.count) * x.w * x.box.v + 0.01 * Double(x.id) }
  return sum
}

@main
struct Main {
  static func main() {
    // Sorted by p²: (0.16, 3) (0.25, 2) (0.49, 4) (0.81, 1) at places 1...4, over 4:
    // f = (3 p2² + 4 p1² + 12 p3² + 4 p0²) / 4 + ids.
    let q = [0.9, 0.5, 0.4, 0.7]
    var gradient = [0.0, 0.0, 0.0, 0.0]
    _ = d_sortItems(p: q, dp: &gradient, seed: 1)
    check("sortItems hand-derived", gradient, [2 * q[0], 2 * q[1], 1.5 * q[2], 6 * q[3]])
    for count in [4, 20, 70] {
      let p: [Double] = (0..<count).map { i in
        let spread = Double((i * 7) % 11)
        return 0.2 + 0.37 * spread + 0.001 * Double(i)
      }
      checkBoth(
        "sortItems \(count)", p, reverse: { _ = d_sortItems(p: p, dp: &$0, seed: 1) },
        forward: { jvp_sortItems(p: p, dp: $0).1 }
      ) { sortItems(p: $0) }
      checkBoth(
        "sortSmall \(count)", p, reverse: { _ = d_sortSmall(p: p, dp: &$0, seed: 1) },
        forward: { jvp_sortSmall(p: p, dp: $0).1 }
      ) { sortSmall(p: $0) }
    }
    finish()
  }
}
