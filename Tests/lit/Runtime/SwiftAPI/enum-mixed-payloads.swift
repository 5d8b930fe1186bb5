// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Enums whose cases carry a `Double` beside other kinds of payload, and optionals of `Double`,
// handed to functions that are not inlined. Swift passes such an enum as its payload's `i64` and a
// tag, and stores a constant payload as its bits; each of these derivatives was silently wrong
// (found by a corpus of Swift code nobody here wrote), now right in both modes against central
// differences:
//  - `.value(Double)` beside `.count(Int)` (or an array, or a class): the callee reads the integer
//    as a double in one case and as an integer in another; the body gets the integer and, beside it,
//    the double it is read as (Types/FloatCarriers.swift, reinterpretedAs). Gradient 0 before;
//  - `[Double?]` and `[Coefficient]` with constant elements (`a[1] = 2.0`, `.fixed(2)`) read in a
//    helper: a constant's bits stored as an integer get a zero tangent when a callee reads them as
//    a double (ActivityAnalysis.storesFloatBits, through calls). The tangent was the constant;
//  - a JSON-like value, `.number(Double)` or `.list([Value])`, evaluated recursively: the list's
//    buffer reaches the callee as an integer made a pointer again, where the constant's bits are
//    read (both of the above);
//  - a state machine whose mode, `.ramp(Double)` or `.hold(Int)`, is kept across a loop's
//    iterations in integer phis (refused before).
import SwadAutodiff

enum Item {
  case value(Double)
  case count(Int)
}

@inline(never) func size(_ item: Item) -> Double {
  switch item {
  case .value(let d): return d * d
  case .count(let n): return Double(n)
  }
}

@autodiffReverse(name: "d_items", .duplicated, .active)
@autodiffForward(name: "fwd_items", .dual, .dual)
func items(p: [Double]) -> Double { size(.value(p[0])) * p[1] + size(.count(3)) + size(.value(p[1] - p[0])) }

enum Coefficient {
  case fixed(Double)
  case free(Int)
  case scaled(Double, [Double])
}

@inline(never) func evaluate(_ coefficients: [Coefficient], at x: Double, _ p: [Double]) -> Double {
  var sum = 0.0
  var power = 1.0
  for c in coefficients {
    switch c {
    case .fixed(let v): sum += v * power
    case .free(let i): sum += p[i] * power
    case .scaled(let s, let w): sum += s * w.reduce(0, +) * power
    }
    power *= x
  }
  return sum
}

@autodiffReverse(name: "d_series", .duplicated, .active)
@autodiffForward(name: "fwd_series", .dual, .dual)
func series(p: [Double]) -> Double {
  let coefficients: [Coefficient] = [
    .fixed(2), .free(0), .scaled(p[1], [p[2], 0.5]), .fixed(-1.5), .free(2),
  ]
  var total = 0.0
  for x in stride(from: -1.0, through: 1.0, by: 0.5) { total += evaluate(coefficients, at: x, p) * x }
  return total
}

@inline(never) func firstTwo(_ a: [Double?]) -> Double { (a[0] ?? 0) * (a[1] ?? 1) + (a[2] ?? 0) }

@autodiffReverse(name: "d_optionals", .duplicated, .active)
@autodiffForward(name: "fwd_optionals", .dual, .dual)
func optionals(p: [Double]) -> Double {
  var a = [Double?](repeating: nil, count: 3)
  a[0] = p[0]
  a[1] = 2.0
  a[2] = p[1] * p[0]
  return firstTwo(a)
}

enum Value {
  case number(Double)
  case list([Value])
}

func total(_ v: Value) -> Double {
  switch v {
  case .number(let d): return d
  case .list(let l):
    var s = 0.0
    for e in l { s += total(e) }
    return s
  }
}

@autodiffReverse(name: "d_document", .duplicated, .active)
@autodiffForward(name: "fwd_document", .dual, .dual)
func document(p: [Double]) -> Double {
  total(.list([.number(p[0] * p[1]), .number(2), .list([.number(p[1]), .number(-0.5)])]))
}

// A state machine: the mode, `.ramp(Double)` or `.hold(Int)`, kept across the loop's iterations
// in integer phis (FloatCarriers.twinChosenFloats gives them a floating-point twin); refused before.
enum Mode {
  case ramp(Double)
  case hold(Int)
}

@autodiffReverse(name: "d_machine", .duplicated, .active)
@autodiffForward(name: "fwd_machine", .dual, .dual)
func machine(p: [Double]) -> Double {
  var mode = Mode.ramp(p[1])
  var s = 0.0
  for step in 0..<7 {
    switch mode {
    case .ramp(let t):
      s += p[0] * t * t
      mode = step % 3 == 0 ? .hold(step) : .ramp(t * 1.5 + p[2])
    case .hold(let n):
      s += Double(n) * p[2]
      mode = .ramp(p[1] - p[0])
    }
  }
  return s
}

@main
struct Main {
  static func main() {
    let p = [0.7, -1.3, 0.4]
    typealias Gradient = ([Double], inout [Double], Double) -> Double
    typealias Tangent = ([Double], [Double]) -> (Double, Double)
    let cases: [(String, ([Double]) -> Double, Gradient, Tangent)] = [
      ("items", { items(p: $0) }, { d_items(p: $0, dp: &$1, seed: $2) }, { fwd_items(p: $0, dp: $1) }),
      ("series", { series(p: $0) }, { d_series(p: $0, dp: &$1, seed: $2) }, { fwd_series(p: $0, dp: $1) }),
      (
        "optionals", { optionals(p: $0) }, { d_optionals(p: $0, dp: &$1, seed: $2) },
        { fwd_optionals(p: $0, dp: $1) }
      ),
      (
        "document", { document(p: $0) }, { d_document(p: $0, dp: &$1, seed: $2) },
        { fwd_document(p: $0, dp: $1) }
      ),
      (
        "machine", { machine(p: $0) }, { d_machine(p: $0, dp: &$1, seed: $2) }, { fwd_machine(p: $0, dp: $1) }
      ),
    ]
    for (name, f, gradient, tangent) in cases {
      var g = [Double](repeating: 0, count: 3)
      _ = gradient(p, &g, 1)
      checkGradient(name, g, of: f, at: p, forward: { tangent(p, $0).1 })
    }
    // The tangents along the zero direction: a constant payload contributes nothing.
    check("optionals: tangent along 0", fwd_optionals(p: p, dp: [0, 0, 0]).1, 0)
    check("document: tangent along 0", fwd_document(p: p, dp: [0, 0, 0]).1, 0)
    check("series: tangent along 0", fwd_series(p: p, dp: [0, 0, 0]).1, 0)
    finish()
  }
}
