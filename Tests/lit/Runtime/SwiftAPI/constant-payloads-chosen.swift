// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Optionals and enum payloads holding a constant chosen by a condition and kept in an array or a
// struct, as Swift code writes caps, clipping and missing values: `p.map { $0 > 1 ? 3.0 : nil }`,
// `.clipped(x, at: 1)` beside `.ok(x)` and `.missing`, a `Float?`, a struct's `Double?` field.
// Forward mode took the constant for its own tangent (9 where 3 was right); reverse mode was right.
// Both modes against central differences.
import SwadAutodiff

enum Measurement {
  case ok(Double)
  case clipped(Double, at: Double)
  case missing
}

struct Reading {
  var value: Double
  var cap: Double?
}

// Σ (cap ?? 1) x
@autodiffReverse(name: "d_capped", .duplicated, .active)
@autodiffForward(name: "jvp_capped", .dual, .dual)
func capped(p: [Double]) -> Double {
  let caps: [Double?] = p.map { $0 > 1 ? 3.0 : nil }
  var total = 0.0
  for i in p.indices { total += (caps[i] ?? 1) * p[i] }
  return total
}

// Σ over the measurements: x², c x, or 0.1.
@autodiffReverse(name: "d_measured", .duplicated, .active)
@autodiffForward(name: "jvp_measured", .dual, .dual)
func measured(p: [Double]) -> Double {
  let ms: [Measurement] = p.map { $0 > 1 ? .clipped($0, at: 1.5) : ($0 < -1 ? .missing : .ok($0)) }
  var total = 0.0
  for m in ms {
    switch m {
    case .ok(let x): total += x * x
    case .clipped(let x, let c): total += c * x
    case .missing: total += 0.1
    }
  }
  return total
}

// Σ (cap ?? 2) x in Float
@autodiffReverse(name: "d_single", .duplicated, .active)
@autodiffForward(name: "jvp_single", .dual, .dual)
func single(p: [Float]) -> Float {
  let caps: [Float?] = p.map { $0 > 1 ? 3 : nil }
  var total: Float = 0
  for i in p.indices { total += (caps[i] ?? 2) * p[i] }
  return total
}

// Σ value (cap ?? 0.5), the readings built with a cap above 1.
@autodiffReverse(name: "d_readings", .duplicated, .active)
@autodiffForward(name: "jvp_readings", .dual, .dual)
func readings(p: [Double]) -> Double {
  let rs = p.map { Reading(value: $0, cap: $0 > 1 ? 4.0 : nil) }
  return rs.reduce(0) { $0 + $1.value * ($1.cap ?? 0.5) }
}

@main struct Main {
  static func main() {
    let p = [2.0, 0.5, -1.5, 1.25, -0.75]
    checkBoth(
      "capped", p, reverse: { _ = d_capped(p: p, dp: &$0, seed: 1) }, forward: { jvp_capped(p: p, dp: $0).1 }
    ) {
      capped(p: $0)
    }
    checkBoth(
      "measured", p, reverse: { _ = d_measured(p: p, dp: &$0, seed: 1) },
      forward: { jvp_measured(p: p, dp: $0).1 }
    ) {
      measured(p: $0)
    }
    checkBoth(
      "readings", p, reverse: { _ = d_readings(p: p, dp: &$0, seed: 1) },
      forward: { jvp_readings(p: p, dp: $0).1 }
    ) {
      readings(p: $0)
    }
    let q: [Float] = [2, 0.5, 1.25]
    var dq: [Float] = [0, 0, 0]
    _ = d_single(p: q, dp: &dq, seed: 1)
    check("single reverse", dq.map(Double.init), [3, 2, 3])
    check("single forward", Double(jvp_single(p: q, dp: [1, 0, 0]).1), 3)
    check("single forward, nil cap", Double(jvp_single(p: q, dp: [0, 1, 0]).1), 2)
    finish()
  }
}
