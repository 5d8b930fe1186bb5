// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// An array of records with small fields beside their doubles (`{Double; UInt8; Bool; Double}`)
// rearranged by `swapAt` and by hand, in both modes against hand derivatives. Swift copies the
// `UInt8` as a byte, and reverse mode refused it as a double that might be moved byte by byte
// ("copy it with its own type": the user had), because doubles are stored into the array at
// variable indices. The byte lies beside the doubles of every element (offset 8 of 24, the doubles
// at 0 and 16): CopiedBytes.liesBesideFloats, with offsets known up to whole elements.
import SwadAutodiff

struct Record {
  var u: Double
  var tag: UInt8
  var on: Bool
  var w: Double
}

func records(_ p: [Double]) -> [Record] {
  var c: [Record] = []
  for i in 0..<4 { c.append(Record(u: p[i % 2], tag: UInt8(i), on: i != 2, w: 1 + p[(i + 1) % 2])) }
  return c
}

func total(_ c: [Record]) -> Double {
  var s = 0.0
  for (r, x) in c.enumerated() where x.on { s += Double(r + 1) * x.u * x.w + Double(x.tag) }
  return s
}

// After the swap: records 3, 1, 2 (off), 0: f = 3 p1 (1 + p0) + 4 p0 (1 + p1) + 4.
@autodiffReverse(name: "d_swapAtRecords", .duplicated, .active)
@autodiffForward(name: "jvp_swapAtRecords", .dual, .dual)
func swapAtRecords(p: [Double]) -> Double {
  var c = records(p)
  c.swapAt(0, 3)
  return total(c)
}

@autodiffReverse(name: "d_swappedByHand", .duplicated, .active)
@autodiffForward(name: "jvp_swappedByHand", .dual, .dual)
func swappedByHand(p: [Double]) -> Double {
  var c = records(p)
  let t = c[0]
  c[0] = c[3]
  c[3] = t
  return total(c)
}

@main
struct Main {
  static func main() {
    let p = [0.3, -0.7]
    let want = [7 * p[1] + 4, 3 + 7 * p[0]]
    var g = [0.0, 0.0]
    check("swapAt: value", d_swapAtRecords(p: p, dp: &g, seed: 1), 3 * p[1] * (1 + p[0]) + 4 * p[0] * (1 + p[1]) + 4)
    check("swapAt: reverse", g, want)
    check("swapAt: forward", [jvp_swapAtRecords(p: p, dp: [1, 0]).1, jvp_swapAtRecords(p: p, dp: [0, 1]).1], want)
    g = [0.0, 0.0]
    _ = d_swappedByHand(p: p, dp: &g, seed: 1)
    check("by hand: reverse", g, want)
    check("by hand: forward", [jvp_swappedByHand(p: p, dp: [1, 0]).1, jvp_swappedByHand(p: p, dp: [0, 1]).1], want)
    finish()
  }
}
