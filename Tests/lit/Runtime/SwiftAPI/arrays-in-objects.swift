// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: not --crash %t.O0 grown 2>&1 | FileCheck %s --check-prefix=GROWN
// CHECK: checks passed
// GROWN: d_grow: an array inside 'p' got new storage, moved
// Arrays owned by objects of classes inside an `inout` struct argument, whose shadow's arrays
// share storage with another variable (the shadow built from one array of zeros). Objects are
// shared by design, but the arrays they own are written by the derivative like any other: before,
// the gradient was written into the variable of zeros the shadow's object was built from. Objects
// held directly, as optionals, in arrays, through a superclass, and in a cycle (a layer that refers
// back to its model). An object's array grown past its capacity inside the derivative stops the
// program (before, the gradient was silently zeros), as a struct's array does.
import SwadAutodiff

class Base {
  var bias: [Double]
  init(bias: [Double]) { self.bias = bias }
}

final class Layer: Base {
  var w: [Double]
  weak var owner: Model?
  init(w: [Double], bias: [Double]) {
    self.w = w
    super.init(bias: bias)
  }
}

final class Model {
  var layers: [Layer]
  var head: Layer?
  init(layers: [Layer], head: Layer?) {
    self.layers = layers
    self.head = head
    for layer in layers { layer.owner = self }
  }
}

struct Parameters {
  var model: Model
  var first: Layer
  var scale: Double
}

// s Σ_k (w_k0 w_k1 + b_k0) over the layers, + head w0², + first w0 w1.
@autodiffReverse(name: "d_objective", .duplicated, .active)
@autodiffForward(name: "jvp_objective", .dual, .dual)
func objective(p: inout Parameters) -> Double {
  var total = 0.0
  for layer in p.model.layers { total += layer.w[0] * layer.w[1] + layer.bias[0] }
  if let head = p.model.head { total += head.w[0] * head.w[0] }
  return p.scale * total + p.first.w[0] * p.first.w[1]
}

// The first layer's weights extended by w_{i+2} = w_i s; their sum.
@autodiffReverse(name: "d_grow", .duplicated, .active)
func grow(p: inout Parameters) -> Double {
  for i in 0..<4 { p.first.w.append(p.first.w[i] * p.scale) }
  return p.first.w.reduce(0, +)
}

func parameters(_ w: [[Double]], bias: [Double], head: [Double], first: [Double], scale: Double) -> Parameters {
  let layers = w.map { Layer(w: $0, bias: bias) }
  return Parameters(
    model: Model(layers: layers, head: Layer(w: head, bias: bias)), first: Layer(w: first, bias: bias), scale: scale)
}

@main struct Main {
  static func main() {
    let zeros = [0.0, 0.0]
    if CommandLine.arguments.dropFirst().first == "grown" {
      var p = parameters([zeros], bias: zeros, head: zeros, first: [1, 2], scale: 0.5)
      var dp = parameters([zeros], bias: zeros, head: zeros, first: zeros, scale: 0)
      _ = d_grow(p: &p, dp: &dp, seed: 1)
      print("unreachable: the grown array was not refused")
      return
    }
    let w = [[2.0, 3.0], [-1.0, 0.5]]
    let (bias, head, first, s) = ([0.25, 0.0], [1.5, 0.0], [4.0, -2.0], 0.75)
    var p = parameters(w, bias: bias, head: head, first: first, scale: s)
    var dp = parameters([zeros, zeros], bias: zeros, head: zeros, first: zeros, scale: 0)
    let value = d_objective(p: &p, dp: &dp, seed: 1)
    let sum = w.reduce(0) { $0 + $1[0] * $1[1] + bias[0] } + head[0] * head[0]
    check("value", value, s * sum + first[0] * first[1])
    for k in 0..<2 {
      check("layer \(k) weights", dp.model.layers[k].w, [s * w[k][1], s * w[k][0]])
      check("layer \(k) bias (superclass)", dp.model.layers[k].bias, [s, 0])
    }
    check("head weights (optional)", dp.model.head?.w ?? [], [2 * s * head[0], 0])
    check("first weights", dp.first.w, [first[1], first[0]])
    check("scale", dp.scale, sum)

    // The tangent along the first layer's w0, the direction's arrays shared the same way.
    let unit = [1.0, 0.0]
    var q = parameters(w, bias: bias, head: head, first: first, scale: s)
    var direction = parameters([unit, zeros], bias: zeros, head: zeros, first: zeros, scale: 0)
    check("tangent", jvp_objective(p: &q, dp: &direction).1, s * w[0][1])
    check("unit kept", unit, [1, 0])
    check("zeros kept", zeros, [0, 0])
    check("weights kept", p.model.layers.flatMap(\.w), w.flatMap { $0 })
    finish()
  }
}
