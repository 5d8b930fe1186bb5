// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: not --crash %t tagged 2>&1 | FileCheck %s --check-prefix=TAGGED
// RUN: not --crash %t.O0 boxed 2>&1 | FileCheck %s --check-prefix=BOXED
// CHECK: checks passed
// Arrays in the payload of an enum or an optional inside an `inout` struct, whose shadow shares
// storage with another variable. Before, only structs' and tuples' stored properties were made
// unique: the gradient of an enum payload's array was written into the array the shadow was copied
// from. An array the value's own bytes do not hold as a plain storage word (the second case of an
// enum with two array payloads, whose tag lies in the word's spare bits; an `indirect` case's box)
// cannot be made unique from outside: the program stops with a message instead of writing the
// gradient into shared storage.
// TAGGED: swad: an array of type Array<Double> inside a value of type Tagged cannot be given storage of its own
// BOXED: swad: an array of type Array<Double> inside a value of type Boxed cannot be given storage of its own
import SwadAutodiff

enum Weights {
  case dense([Double])
  case absent
}

struct Model {
  var weights: Weights
  var scale: Double
}

struct Linear {
  var w: [Double]
  var b: Double
}

struct Stack {
  var hidden: Linear?
  var scale: Double
}

enum TwoKinds {
  case first([Double])
  case second([Double])
}

struct Tagged {
  var kind: TwoKinds
  var scale: Double
}

indirect enum Tree {
  case leaf([Double])
}

struct Boxed {
  var tree: Tree
  var scale: Double
}

// w0² s + w1, s alone without weights.
@autodiffReverse(name: "d_model", .duplicated, .active)
@autodiffForward(name: "jvp_model", .dual, .dual)
func model(m: inout Model) -> Double {
  switch m.weights {
  case .dense(let w): return w[0] * w[0] * m.scale + w[1]
  case .absent: return m.scale
  }
}

// (w0 w1 + b) s, the weights updated in place first (w ← 2w).
@autodiffReverse(name: "d_stack", .duplicated, .active)
func stack(s: inout Stack) -> Double {
  guard s.hidden != nil else { return s.scale }
  for i in 0..<2 { s.hidden!.w[i] *= 2 }
  let hidden = s.hidden!
  return (hidden.w[0] * hidden.w[1] + hidden.b) * s.scale
}

// w0 w1 s, whichever case holds the weights.
@autodiffReverse(name: "d_tagged", .duplicated, .active)
func tagged(t: inout Tagged) -> Double {
  switch t.kind {
  case .first(let w), .second(let w): return w[0] * w[1] * t.scale
  }
}

@autodiffReverse(name: "d_boxed", .duplicated, .active)
func boxed(b: inout Boxed) -> Double {
  switch b.tree {
  case .leaf(let w): return w[0] * w[1] * b.scale
  }
}

func weights(_ value: Weights) -> [Double] {
  if case .dense(let w) = value { return w }
  return []
}

@main struct Main {
  static func main() {
    let zeros = [0.0, 0.0]
    let arguments = CommandLine.arguments.dropFirst()
    if arguments.first == "tagged" {
      var t = Tagged(kind: .second([2, 3]), scale: 1.5)
      var dt = Tagged(kind: .second(zeros), scale: 0)
      _ = d_tagged(t: &t, dt: &dt, seed: 1)
      print("unreachable: the tagged payload was not refused", zeros)
      return
    }
    if arguments.first == "boxed" {
      var b = Boxed(tree: .leaf([2, 3]), scale: 1.5)
      var db = Boxed(tree: .leaf(zeros), scale: 0)
      _ = d_boxed(b: &b, db: &db, seed: 1)
      print("unreachable: the boxed payload was not refused", zeros)
      return
    }

    for (w0, w1, s) in [(2.0, 3.0, 1.5), (-0.5, 4.0, 0.25)] {
      var m = Model(weights: .dense([w0, w1]), scale: s)
      var dm = Model(weights: .dense(zeros), scale: 0)
      let value = d_model(m: &m, dm: &dm, seed: 1)
      check("enum payload value", value, w0 * w0 * s + w1)
      check("enum payload gradient", weights(dm.weights), [2 * w0 * s, 1])
      check("enum payload gradient of scale", dm.scale, w0 * w0)

      var tm = Model(weights: .dense([w0, w1]), scale: s)
      var direction = Model(weights: .dense(zeros), scale: 1)
      check("enum payload tangent", jvp_model(m: &tm, dm: &direction).1, w0 * w0)

      var st = Stack(hidden: Linear(w: [w0, w1], b: 0.5), scale: s)
      var dst = Stack(hidden: Linear(w: zeros, b: 0), scale: 0)
      _ = d_stack(s: &st, ds: &dst, seed: 1)
      // f = (4 w0 w1 + b) s
      check("optional struct gradient", dst.hidden?.w ?? [], [4 * w1 * s, 4 * w0 * s])
      check("optional struct gradient of b", dst.hidden?.b ?? .nan, s)
      check("optional struct updated", st.hidden?.w ?? [], [2 * w0, 2 * w1])

      var t = Tagged(kind: .first([w0, w1]), scale: s)
      var dt = Tagged(kind: .first(zeros), scale: 0)
      _ = d_tagged(t: &t, dt: &dt, seed: 1)
      if case .first(let g) = dt.kind { check("first payload gradient", g, [w1 * s, w0 * s]) }
      check("first payload gradient of scale", dt.scale, w0 * w1)
    }
    check("zeros kept", zeros, [0, 0])
    finish()
  }
}
