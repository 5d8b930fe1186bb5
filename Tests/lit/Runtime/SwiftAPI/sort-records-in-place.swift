// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// In-place sorts of arrays of records holding a reference beside a Double (`[Double]` and class
// fields). Once inlined, the sort swaps and merges the records through byte offsets and stepping
// pointers, and moves them with 16-byte copies that nothing near them typed: the weights' adjoints
// stayed behind (reverse gave [0, 0, 123] for [100, 20, 3] with no error), and the merge of longer
// arrays added the shadows' pointers up as numbers and crashed. Types/periodic-records-of-copied-
// range.ll pins the layout. Lengths 3 to 64 take the insertion sort and, from 64, the merge with its
// temporary buffer, whose shadow must be as large as the block the primal's capacity came from.
// Against hand-derived values, central differences and forward mode.
import Foundation
import SwadAutodiff

struct Row {
  var values: [Double]
  var weight: Double
}

final class Tag {
  let scale: Double
  init(_ scale: Double) { self.scale = scale }
}

struct Tagged {
  var tag: Tag
  var weight: Double
}

@autodiffReverse(name: "d_threeRows", .duplicated, .active)
@autodiffForward(name: "fwd_threeRows", .dual, .dual)
func threeRows(p: [Double]) -> Double {
  var rows = [Row(values: [1], weight: p[0]), Row(values: [2], weight: p[1]), Row(values: [3], weight: p[2])]
  rows.sort { $0.weight < $1.weight }
  return rows[0].weight * rows[0].values[0] + rows[1].weight * rows[1].values[0] * 10
    + rows[2].weight * rows[2].values[0] * 100
}

@autodiffReverse(name: "d_rankedRows", .duplicated, .active)
@autodiffForward(name: "fwd_rankedRows", .dual, .dual)
func rankedRows(p: [Double]) -> Double {
  var rows: [Row] = []
  for i in 0..<p.count { rows.append(Row(values: [Double(i + 1), p[i]], weight: p[i] * p[i])) }
  rows.sort { $0.weight < $1.weight }
  var sum = 0.0
  for k in 0..<rows.count {
    sum += Double(k + 1) * rows[k].weight * rows[k].values[0] + rows[k].values[1] * Double(k)
  }
  return sum
}

@autodiffReverse(name: "d_rankedTagged", .duplicated, .active)
@autodiffForward(name: "fwd_rankedTagged", .dual, .dual)
func rankedTagged(p: [Double]) -> Double {
  var items = (0..<p.count).map { Tagged(tag: Tag(Double($0 % 5) + 0.5), weight: sin(p[$0]) + p[$0]) }
  items.sort { $0.weight > $1.weight }
  var sum = 0.0
  for (k, item) in items.enumerated() { sum += item.weight * item.tag.scale / Double(k + 1) }
  return sum
}

func inputs(_ count: Int) -> [Double] {
  var state: UInt64 = 12_345 &+ UInt64(count)
  return (0..<count).map { _ in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(state >> 11) / Double(1 << 53) + 0.1
  }
}

@main
struct Main {
  static func main() {
    // Sorted: (3, p2), (2, p1), (1, p0), so f = 3 p2 + 20 p1 + 100 p0; then (2, p1), (3, p2), (1, p0).
    for (p, want) in [([0.9, 0.5, 0.4], [100.0, 20, 3]), ([0.9, 0.4, 0.5], [100.0, 2, 30])] {
      var gradient = [0.0, 0.0, 0.0]
      _ = d_threeRows(p: p, dp: &gradient, seed: 1)
      for i in 0..<3 { check("threeRows \(p) [\(i)]", gradient[i], want[i], tolerance: 1e-15) }
      checkBoth(
        "threeRows \(p)", p, reverse: { _ = d_threeRows(p: p, dp: &$0, seed: 1) },
        forward: { fwd_threeRows(p: p, dp: $0).1 }
      ) { threeRows(p: $0) }
    }
    for count in [3, 7, 25, 64] {
      let p = inputs(count)
      checkBoth(
        "rankedRows \(count)", p, reverse: { _ = d_rankedRows(p: p, dp: &$0, seed: 1) },
        forward: { fwd_rankedRows(p: p, dp: $0).1 }
      ) { rankedRows(p: $0) }
      checkBoth(
        "rankedTagged \(count)", p, reverse: { _ = d_rankedTagged(p: p, dp: &$0, seed: 1) },
        forward: { fwd_rankedTagged(p: p, dp: $0).1 }
      ) { rankedTagged(p: $0) }
    }
    finish()
  }
}
