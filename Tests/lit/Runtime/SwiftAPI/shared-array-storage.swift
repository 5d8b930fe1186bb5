// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Arrays nested in arguments whose storage is shared, as Swift values often are: the rows of
// `Array(repeating: row, count: n)`, an array literal's static storage, a struct field set from
// another variable. A derivative writes into its shadows, and an `inout` argument's primal code
// into its arrays, behind copy-on-write's back. Before, a `[[Double]]` shadow built with
// `Array(repeating:)` summed every row's adjoints into one buffer; an `inout` matrix with shared
// rows got new row storage when the primal wrote to them, and its gradient was silently 0; a
// shadow struct's field wrote the gradient (or the tangent) into the variable it was copied from;
// an `inout` struct whose array was shared stopped with "got new storage". The generated code now
// makes every nested array unique first (`SwadStorage`). Against hand derivatives and central
// differences; the variables the shadows were copied from keep their zeros.
import SwadAutodiff

// m00 m11 + 3 m10 + m01²
@autodiffReverse(name: "d_readRows", .duplicated, .active)
func readRows(m: [[Double]]) -> Double { m[0][0] * m[1][1] + 3 * m[1][0] + m[0][1] * m[0][1] }

// Each element squared and scaled by its row's number, in place; the sum.
@autodiffReverse(name: "d_squareRows", .duplicated, .active)
func squareRows(m: inout [[Double]]) -> Double {
  for i in m.indices { for j in m[i].indices { m[i][j] = m[i][j] * m[i][j] * Double(i + 1) } }
  return m.reduce(0) { $0 + $1.reduce(0, +) }
}

struct Linear {
  var w: [Double]
  var b: Double
}

struct Network {
  var first: Linear
  var layers: [Linear]
}

// w0 w1 + b w0, the weights updated in place first (w ← w² + b).
@autodiffReverse(name: "d_update", .duplicated, .active)
@autodiffForward(name: "jvp_update", .dual, .dual)
func update(model: inout Linear) -> Double {
  for i in model.w.indices { model.w[i] = model.w[i] * model.w[i] + model.b }
  return model.w[0] * model.w[1] + model.b * model.w[0]
}

// A struct holding a struct and an array of structs, each holding an array.
@autodiffReverse(name: "d_network", .duplicated, .active)
func network(net: inout Network) -> Double {
  var total = net.first.w.reduce(0, +) * net.first.b
  for k in net.layers.indices {
    net.layers[k].w[0] *= net.layers[k].b
    total += net.layers[k].w[0] * net.layers[k].w[1]
  }
  return total
}

@main struct Main {
  static func main() {
    // A read-only matrix whose gradient's rows share storage.
    let m = [[2.0, 3.0], [5.0, 7.0]]
    var g = Array(repeating: Array(repeating: 0.0, count: 2), count: 2)
    _ = d_readRows(m: m, dm: &g, seed: 1)
    check("[[Double]] gradient with shared rows", g.flatMap { $0 }, [7, 6, 3, 2])

    // An inout matrix whose rows share storage, and one from a literal.
    for (what, start) in [("shared rows", Array(repeating: [2.0, 3.0], count: 2)), ("literal", [[2.0, 3.0], [5.0, 7.0]])] {
      var x = start
      var dx = (0..<2).map { _ in [Double](repeating: 0, count: 2) }
      let value = d_squareRows(m: &x, dm: &dx, seed: 1)
      var plain = start
      check("inout [[Double]] (\(what)) value", value, squareRows(m: &plain))
      check("inout [[Double]] (\(what)) updated", x.flatMap { $0 }, plain.flatMap { $0 })
      let want = start.enumerated().flatMap { i, row in row.map { 2 * $0 * Double(i + 1) } }
      check("inout [[Double]] (\(what)) gradient", dx.flatMap { $0 }, want)
    }

    // Shadows copied from one variable of zeros, twice; primals from a literal and a shared array.
    let zeros = [Double](repeating: 0, count: 2)
    let w0 = [1.5, -0.5]
    for round in 0..<2 {
      for model in [Linear(w: [1.5, -0.5], b: 0.25), Linear(w: w0, b: 0.25)] {
        var primal = model
        var shadow = Linear(w: zeros, b: 0)
        _ = d_update(model: &primal, dmodel: &shadow, seed: 1)
        // f = (w0² + b)(w1² + b) + b (w0² + b)
        let (a, c, b) = (model.w[0], model.w[1], model.b)
        let want = [2 * a * (c * c + b) + 2 * a * b, 2 * c * (a * a + b)]
        check("inout struct gradient, round \(round)", shadow.w, want)
        check("inout struct gradient of b, round \(round)", shadow.b, (c * c + b) + (a * a + b) + (a * a + b) + b)
        var direction = Linear(w: [1, 0], b: 0)
        let directionCopy = direction.w
        var tangentPrimal = model
        var tangentShadow = Linear(w: direction.w, b: 0)
        let tangent = jvp_update(model: &tangentPrimal, dmodel: &tangentShadow).1
        check("inout struct tangent, round \(round)", tangent, want[0])
        direction.w = directionCopy
        check("direction kept", direction.w, [1, 0])
      }
    }
    check("zeros kept", zeros, [0, 0])
    check("w0 kept", w0, [1.5, -0.5])

    // Nested: every layer's weights shared with one array, and the shadow's with another.
    let weights = [0.5, 2.0]
    var net = Network(first: Linear(w: weights, b: 1.5), layers: Array(repeating: Linear(w: weights, b: 3), count: 3))
    var dnet = Network(first: Linear(w: zeros, b: 0), layers: Array(repeating: Linear(w: zeros, b: 0), count: 3))
    _ = d_network(net: &net, dnet: &dnet, seed: 1)
    check("nested first", dnet.first.w, [1.5, 1.5])
    check("nested first b", dnet.first.b, 2.5)
    for k in 0..<3 {
      // w0 b w1: d/dw0 = b w1, d/dw1 = w0 b, d/db = w0 w1
      check("nested layer \(k)", dnet.layers[k].w, [3 * 2.0, 0.5 * 3])
      check("nested layer \(k) b", dnet.layers[k].b, 0.5 * 2.0)
      check("nested layer \(k) updated", net.layers[k].w, [1.5, 2.0])
    }
    check("weights kept", weights, [0.5, 2.0])
    check("zeros kept after nesting", zeros, [0, 0])
    finish()
  }
}
