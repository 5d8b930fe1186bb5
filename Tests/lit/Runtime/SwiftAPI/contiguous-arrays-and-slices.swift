// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: not --crash %t grown 2>&1 | FileCheck %s --check-prefix=GROWN
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: not --crash %t.O0 grown 2>&1 | FileCheck %s --check-prefix=GROWN
// CHECK: checks passed
// `ContiguousArray` and `ArraySlice` fields of an `inout` struct, watched as `Array` fields are.
// Before, a shadow's ContiguousArray kept sharing storage with the variable it was copied from (the
// gradient, then the tangent, written into it), and one grown past its capacity inside the
// derivative gave a gradient of zeros, silently. Now they are made unique first, and growth past the
// capacity stops the program with a message (with capacity reserved, the gradient is right).
// GROWN: d_grow: an array inside 'p' got new storage, moved
import SwadAutodiff

struct Parameters {
  var weights: ContiguousArray<Double>
  var window: ArraySlice<Double>
  var scale: Double
}

// w0 w1 s + Σ window², the window a slice of a longer array.
@autodiffReverse(name: "d_objective", .duplicated, .active)
@autodiffForward(name: "jvp_objective", .dual, .dual)
func objective(p: inout Parameters) -> Double {
  var total = p.weights[0] * p.weights[1] * p.scale
  for i in p.window.indices { total += p.window[i] * p.window[i] }
  return total
}

// The weights extended by w_{i+2} = w_i s four times; their sum: (w0 + w1)(1 + s + s²).
@autodiffReverse(name: "d_grow", .duplicated, .active)
func grow(p: inout Parameters) -> Double {
  for i in 0..<4 { p.weights.append(p.weights[i] * p.scale) }
  return p.weights.reduce(0, +)
}

@main struct Main {
  static func main() {
    let zeros: ContiguousArray<Double> = [0, 0]
    let long = [0.0, 0.0, 0.0, 0.0]
    if CommandLine.arguments.dropFirst().first == "grown" {
      var p = Parameters(weights: [1, 2], window: [], scale: 0.5)
      var dp = Parameters(weights: zeros, window: [], scale: 0)
      _ = d_grow(p: &p, dp: &dp, seed: 1)
      print("unreachable: the grown array was not refused")
      return
    }
    let data = [5.0, 1.5, -2.0, 7.0]
    for (w0, w1, s) in [(2.0, 3.0, 1.5), (-0.5, 4.0, 0.25)] {
      var p = Parameters(weights: [w0, w1], window: data[1..<3], scale: s)
      var dp = Parameters(weights: zeros, window: long[1..<3], scale: 0)
      let value = d_objective(p: &p, dp: &dp, seed: 1)
      check("value", value, w0 * w1 * s + 1.5 * 1.5 + 4)
      check("weights", Array(dp.weights), [w1 * s, w0 * s])
      check("window", Array(dp.window), [3, -4])
      check("scale", dp.scale, w0 * w1)

      var q = Parameters(weights: [w0, w1], window: data[1..<3], scale: s)
      var direction = Parameters(weights: [1, 0], window: long[1..<3], scale: 0)
      check("tangent", jvp_objective(p: &q, dp: &direction).1, w1 * s)

      var g = Parameters(weights: [w0, w1], window: [], scale: s)
      var dg = Parameters(weights: zeros, window: [], scale: 0)
      g.weights.reserveCapacity(6)
      dg.weights.reserveCapacity(6)
      check("grown value", d_grow(p: &g, dp: &dg, seed: 1), (w0 + w1) * (1 + s + s * s))
      check("grown gradient", Array(dg.weights.prefix(2)), [1 + s + s * s, 1 + s + s * s])
      check("grown gradient of scale", dg.scale, (w0 + w1) * (1 + 2 * s))
    }
    check("zeros kept", Array(zeros), [0, 0])
    check("long kept", long, [0, 0, 0, 0])
    finish()
  }
}
