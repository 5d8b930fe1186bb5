// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Arrays of records whose Swift stride is larger than their size: `{v: SIMD2<Double>, tag: Tag}`
// (24 bytes, 32 apart: the vector's alignment is 16) and `{tag: Tag, w: Double, id: Int32}` (20
// bytes, 24 apart). Swift's IR type of such a record is a packed struct as large as its size, and
// the runtime's element copies and the moves of `reverse()` and `swapAt` were
// laid out 24 (20) bytes apart: the shadows went to the wrong places and vector loads of them were
// misaligned (a crash in every run). A record type is padded to its stride now
// (`SwiftRuntime.paddedToStride`). Against hand-derived gradients, central differences and forward
// mode.
import SwadAutodiff

final class Tag {
  let scale: Double
  init(_ scale: Double) { self.scale = scale }
}

struct Paired {
  var v: SIMD2<Double>
  var tag: Tag
}

struct Counted {
  var tag: Tag
  var w: Double
  var id: Int32
}

@autodiffReverse(name: "d_pairedReversed", .duplicated, .active)
@autodiffForward(name: "jvp_pairedReversed", .dual, .dual)
func pairedReversed(p: [Double]) -> Double {
  var xs: [Paired] = []
  for i in 0..<p.count { xs.append(Paired(v: SIMD2(p[i], p[(i + 1) % p.count]), tag: Tag(Double(i + 1)))) }
  xs.reverse()
  var sum = 0.0
  for (k, x) in xs.enumerated() { sum += Double(k + 1) * x.v.x * x.tag.scale + x.v.y * x.v.y }
  return sum
}

@autodiffReverse(name: "d_countedMoved", .duplicated, .active)
@autodiffForward(name: "jvp_countedMoved", .dual, .dual)
func countedMoved(p: [Double]) -> Double {
  var xs = (0..<p.count).map { Counted(tag: Tag(Double($0 % 4 + 1)), w: p[$0] * p[$0], id: Int32($0)) }
  xs.reverse()
  xs.swapAt(0, xs.count - 1)
  xs.swapAt(1, xs.count / 2)
  var sum = 0.0
  for (k, x) in xs.enumerated() { sum += Double(k + 1) * x.w * x.tag.scale + 0.01 * Double(x.id) }
  return sum
}

@main
struct Main {
  static func main() {
    // Reversed: ([p2, p0], 3) ([p1, p2], 2) ([p0, p1], 1):
    // f = 3 p2 + p0² + 4 p1 + p2² + 3 p0 + p1².
    let q = [0.5, 0.7, 0.9]
    var gradient = [0.0, 0.0, 0.0]
    _ = d_pairedReversed(p: q, dp: &gradient, seed: 1)
    check("pairedReversed hand-derived", gradient, [3 + 2 * q[0], 4 + 2 * q[1], 3 + 2 * q[2]])
    for count in [3, 8, 25] {
      let p = (0..<count).map { 0.2 + 0.37 * Double(($0 * 7) % 11) }
      checkBoth(
        "pairedReversed \(count)", p, reverse: { _ = d_pairedReversed(p: p, dp: &$0, seed: 1) },
        forward: { jvp_pairedReversed(p: p, dp: $0).1 }
      ) { pairedReversed(p: $0) }
      checkBoth(
        "countedMoved \(count)", p, reverse: { _ = d_countedMoved(p: p, dp: &$0, seed: 1) },
        forward: { jvp_countedMoved(p: p, dp: $0).1 }
      ) { countedMoved(p: $0) }
    }
    finish()
  }
}
