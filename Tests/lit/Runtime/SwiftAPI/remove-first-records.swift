// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// `removeFirst()` and `removeFirst(_:)` of an array of records holding a reference beside a
// `Double`, of an array of class references, and of an array of tuples. The standard library's `replaceSubrange`, specialized for the record, destroys the
// dropped records (`swift_arrayDestroy` with the record's metadata) and moves the others down with
// one memmove of run-time length; nothing else in it types the bytes. Taken for doubles, the
// references' shadows stayed behind: the dropped record's shadow was released twice when the
// gradient was done (a crash in most runs). The record type the runtime calls name lays out the
// copy now (Types/CopiedStructs+SwiftElements.swift). Against hand-derived gradients, central
// differences and forward mode.
import SwadAutodiff

final class Tag {
  let scale: Double
  init(_ scale: Double) { self.scale = scale }
}

struct Weighted {
  var w: Double
  var tag: Tag
}

@autodiffReverse(name: "d_dropFirst", .duplicated, .active)
@autodiffForward(name: "jvp_dropFirst", .dual, .dual)
func dropFirst(p: [Double]) -> Double {
  var xs = (0..<p.count).map { Weighted(w: p[$0] * p[$0], tag: Tag(Double($0 + 1))) }
  xs.removeFirst()
  var sum = 0.0
  for (k, x) in xs.enumerated() { sum += Double(k + 1) * x.w * x.tag.scale }
  return sum
}

@autodiffReverse(name: "d_dropTwo", .duplicated, .active)
@autodiffForward(name: "jvp_dropTwo", .dual, .dual)
func dropTwo(p: [Double]) -> Double {
  var xs: [Weighted] = []
  for i in 0..<p.count { xs.append(Weighted(w: 3 * p[i], tag: Tag(Double(i % 3 + 1)))) }
  xs.removeFirst(2)
  xs.append(Weighted(w: p[0] * p[1], tag: Tag(10)))
  var sum = 0.0
  for (k, x) in xs.enumerated() { sum += Double(k + 1) * x.w * x.tag.scale }
  return sum
}

final class Weight {
  var w: Double
  let s: Double
  init(_ w: Double, _ s: Double) { self.w = w; self.s = s }
}

// An array of class references: the metadata its runtime calls name is the class's, whose IR type
// is its instances' layout; the elements are references (they were laid out as instances, 32
// bytes each: a crash).
@autodiffReverse(name: "d_references", .duplicated, .active)
@autodiffForward(name: "jvp_references", .dual, .dual)
func references(p: [Double]) -> Double {
  var xs: [Weight] = []
  for i in 0..<p.count { xs.append(Weight(p[i] * p[i] + 0.5 * p[i], Double(i % 3) + 1)) }
  xs.insert(xs[xs.count - 1], at: 1)
  xs.removeFirst()
  var sum = 0.0
  for (k, x) in xs.enumerated() { sum += Double(k + 1) * x.w * x.s }
  return sum
}

// Tuples: their metadata is instantiated from a mangled name (`$s4main3TagC_SdSitMD`) that names
// no IR type; the tuple's is built from its elements'.
@autodiffReverse(name: "d_tuples", .duplicated, .active)
@autodiffForward(name: "jvp_tuples", .dual, .dual)
func tuples(p: [Double]) -> Double {
  var xs: [(Tag, Double, Int)] = []
  for i in 0..<p.count { xs.append((Tag(Double(i % 3) + 1), p[i] * p[i] + 0.5 * p[i], i % 4)) }
  xs.insert(xs[xs.count - 1], at: 1)
  xs.removeFirst()
  xs.append(contentsOf: xs[0..<2])
  xs.removeAll { $0.1 < 0.2 }
  var sum = 0.0
  for (k, x) in xs.enumerated() { sum += Double(k + 1) * x.1 * x.0.scale * Double(x.2 + 1) }
  return sum
}

@main
struct Main {
  static func main() {
    // Left: (p1², 2) (p2², 3) at places 1, 2: f = 2 p1² + 6 p2².
    let q = [0.5, 0.7, 0.9]
    var gradient = [0.0, 0.0, 0.0]
    _ = d_dropFirst(p: q, dp: &gradient, seed: 1)
    check("dropFirst hand-derived", gradient, [0, 4 * q[1], 12 * q[2]])
    for count in [3, 8, 25] {
      let p = (0..<count).map { 0.2 + 0.37 * Double(($0 * 7) % 11) }
      checkBoth(
        "dropFirst \(count)", p, reverse: { _ = d_dropFirst(p: p, dp: &$0, seed: 1) },
        forward: { jvp_dropFirst(p: p, dp: $0).1 }
      ) { dropFirst(p: $0) }
      checkBoth(
        "dropTwo \(count)", p, reverse: { _ = d_dropTwo(p: p, dp: &$0, seed: 1) },
        forward: { jvp_dropTwo(p: p, dp: $0).1 }
      ) { dropTwo(p: $0) }
      checkBoth(
        "references \(count)", p, reverse: { _ = d_references(p: p, dp: &$0, seed: 1) },
        forward: { jvp_references(p: p, dp: $0).1 }
      ) { references(p: $0) }
      checkBoth(
        "tuples \(count)", p, reverse: { _ = d_tuples(p: p, dp: &$0, seed: 1) },
        forward: { jvp_tuples(p: p, dp: $0).1 }
      ) { tuples(p: $0) }
    }
    finish()
  }
}
