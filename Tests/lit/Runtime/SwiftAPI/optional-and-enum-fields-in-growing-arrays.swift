// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Arrays of structs with a `Double?` field or an enum field whose payload holds a `Double`, grown
// by `append` or made by `filter`. Swift lays such fields out as the payload's bytes and a tag byte,
// and its array helpers move the records with copies typed by the struct: the bytes were no double
// to reverse mode, and the payloads' adjoints stayed in the new storage (the gradient silently 0
// for every element but the last; forward mode was right). `Double?` and `Float?` payloads are now
// doubles and floats by their types' names (Support/MemoryTypes.swift); other enum payloads' words
// are told apart when the reverse sweep runs (Types/CopiedStructs+SwiftPayloads.swift). Both modes,
// against central differences.
import SwadAutodiff

struct Reading { var value: Double?; var weight: Double }

enum Phase {
  case idle
  case ramp(Double)
  case hold(Double, Int)
}

struct Channel { var phase: Phase; var value: Double }

@autodiffReverse(name: "d_grown", .duplicated, .active)
@autodiffForward(name: "fwd_grown", .dual, .dual)
func grown(p: [Double]) -> Double {
  var readings = [Reading(value: p[0], weight: 2)]
  readings.append(Reading(value: nil, weight: 1))
  readings.append(Reading(value: p[1] * p[2], weight: p[2]))
  var s = 0.0
  for r in readings { s += (r.value ?? 1) * (r.value ?? 1) * r.weight }
  return s
}

@autodiffReverse(name: "d_filtered", .duplicated, .active)
@autodiffForward(name: "fwd_filtered", .dual, .dual)
func filtered(p: [Double]) -> Double {
  let readings = p.map { Reading(value: $0 > 0 ? $0 : nil, weight: 1 + $0 * $0) }
  let kept = readings.filter { $0.weight > 1.2 }
  var s = 0.0
  for r in kept { s += (r.value ?? 0.5) * r.weight }
  return s
}

@autodiffReverse(name: "d_machine", .duplicated, .active)
@autodiffForward(name: "fwd_machine", .dual, .dual)
func machine(p: [Double]) -> Double {
  var channels = p.map { Channel(phase: .ramp($0), value: 0) }
  channels.append(Channel(phase: .idle, value: p[0]))
  for step in 0..<6 {
    for i in channels.indices {
      switch channels[i].phase {
      case .idle: channels[i].value *= 0.9
      case .ramp(let r):
        channels[i].value += r
        if step == 2 { channels[i].phase = .hold(r * 0.5, 2) }
      case let .hold(h, n):
        channels[i].value += h
        channels[i].phase = n > 0 ? .hold(h, n - 1) : .idle
      }
    }
  }
  return channels.reduce(0) { $0 + $1.value * $1.value }
}

@main
struct Main {
  static func main() {
    let p = [0.7, -1.1, 0.9, 0.35]
    checkBoth(
      "grown", p, reverse: { _ = d_grown(p: p, dp: &$0, seed: 1) }, forward: { fwd_grown(p: p, dp: $0).1 }
    ) { grown(p: $0) }
    checkBoth(
      "filtered", p, reverse: { _ = d_filtered(p: p, dp: &$0, seed: 1) },
      forward: { fwd_filtered(p: p, dp: $0).1 }
    ) { filtered(p: $0) }
    checkBoth(
      "machine", p, reverse: { _ = d_machine(p: p, dp: &$0, seed: 1) },
      forward: { fwd_machine(p: p, dp: $0).1 }
    ) { machine(p: $0) }
    finish()
  }
}
