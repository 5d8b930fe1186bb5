// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// CHECK: checks passed
// RUN: %swad-api -D SEEDS_INTO_NEW_STORAGE %s %S/Inputs/Check.swift -o %t.seeds
// RUN: not --crash %t.seeds 2>&1 | FileCheck --check-prefix=SEEDS %s
// RUN: %swad-api -D ARRAY_IN_STRUCT %s %S/Inputs/Check.swift -o %t.struct
// RUN: not --crash %t.struct 2>&1 | FileCheck --check-prefix=STRUCT %s
// STRUCT: d_growModel: an array inside 'm' got new storage, moved, or was removed or inserted before others inside the derivative (it grew past its capacity, was replaced, swapped or sorted), so the adjoints of its elements cannot reach 'dm'
// SEEDS: d_mixed: 'v' got new storage inside the derivative (it grew past its capacity), so the seeds in 'dv' cannot follow its elements; pass 'dv' zeroed, or reserve 'v''s capacity before the call
// Arrays that grow inside functions differentiated through the macros, built by the driver: inout
// arrays that get new storage (append in a loop, +=, insert, reserveCapacity) or keep it
// (removeAll(keepingCapacity:)), and local arrays, in both modes, against central differences.
// Forward mode: the tangent array ends as long as the array, holding the tangents of all its final
// elements. Reverse mode: the shadow holds the adjoints of the elements the array had at the call;
// seeds (the adjoints of the final elements) work while the storage stays, and are a runtime error
// when the array got new storage (they cannot follow it).
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// v ← v ++ [v[i]²]; Σ (i + 1) v[i] over the grown array.
@autodiffReverse(name: "d_appendSquares", .duplicated, .active)
@autodiffForward(name: "fwd_appendSquares", .dual, .dual)
func appendSquares(v: inout [Double]) -> Double {
  let n = v.count
  for i in 0..<n { v.append(v[i] * v[i]) }
  var s = 0.0
  for (i, x) in v.enumerated() { s += x * Double(i + 1) }
  return s
}

/// v += sin(v) (one append(contentsOf:)), then v.insert(v[0]·v[1], at: 1); Σ (i + 1) v[i]².
@autodiffReverse(name: "d_extend", .duplicated, .active)
@autodiffForward(name: "fwd_extend", .dual, .dual)
func extend(v: inout [Double]) -> Double {
  var sines: [Double] = []
  for x in v { sines.append(sin(x)) }
  v += sines
  v.insert(v[0] * v[1], at: 1)
  var s = 0.0
  for (i, x) in v.enumerated() { s += x * x * Double(i + 1) }
  return s
}

/// reserveCapacity, then appends exp(v[i]) and the running product.
@autodiffReverse(name: "d_reserved", .duplicated, .active)
@autodiffForward(name: "fwd_reserved", .dual, .dual)
func reserved(v: inout [Double]) -> Double {
  let n = v.count
  v.reserveCapacity(3 * n)
  var p = 1.0
  for i in 0..<n {
    p *= v[i]
    v.append(exp(v[i]))
    v.append(p)
  }
  var s = 0.0
  for (i, x) in v.enumerated() { s += x / Double(i + 1) }
  return s
}

/// Keeps the storage: removeAll(keepingCapacity:), then refills with 2·x.
@autodiffReverse(name: "d_refill", .duplicated, .duplicated, .active)
@autodiffForward(name: "fwd_refill", .dual, .dual, .dual)
func refill(v: inout [Double], x: [Double]) -> Double {
  let first = v[0]
  v.removeAll(keepingCapacity: true)
  for a in x { v.append(2 * a * first) }
  var s = 0.0
  for a in v { s += a * a }
  return s
}

/// A local array built by appending, extended with +=, scanned with map/filter/reduce.
@autodiffReverse(name: "d_local", .duplicated, .active)
@autodiffForward(name: "fwd_local", .dual, .dual)
func local(x: [Double]) -> Double {
  var a: [Double] = []
  for v in x { a.append(v * v) }
  a += x
  var b = Array(repeating: 1.0, count: 2)
  b.append(contentsOf: a[1...])
  let big = b.map { $0 * 3 }.filter { $0 > 1 }
  return big.reduce(0, +) + a.reduce(0) { $0 + $1 * $1 }
}

/// Appends, then changes an element the caller seeds: v[1] ← v[1]·v[0].
@autodiffReverse(name: "d_mixed", .duplicated, .active)
func mixed(v: inout [Double]) -> Double {
  let n = v.count
  for i in 0..<n { v.append(v[i] * v[i]) }
  v[1] *= v[0]
  return v.reduce(0, +)
}

struct Model {
  var w: [Double]
  var b: Double
}

/// An array inside an inout struct: growing it in place works; new storage is a runtime error.
@autodiffReverse(name: "d_growModel", .duplicated, .active)
@autodiffForward(name: "jvp_growModel", .dual, .dual)
func growModel(m: inout Model) -> Double {
  let n = m.w.count
  for i in 0..<n { m.w.append(m.w[i] * m.b) }
  var s = 0.0
  for (i, x) in m.w.enumerated() { s += x * Double(i + 1) }
  return s
}

/// Central differences of `f` (of an inout array's entry values, or of an array) at `x`.
func centralDifferences(_ f: ([Double]) -> Double, at x: [Double]) -> [Double] {
  x.indices.map { i in
    var xp = x, xm = x
    xp[i] += 1e-6
    xm[i] -= 1e-6
    return (f(xp) - f(xm)) / 2e-6
  }
}

func checkInout(
  _ name: String, _ x: [Double], _ f: (inout [Double]) -> Double,
  reverse: (inout [Double], inout [Double]) -> Double,
  forward: (inout [Double], inout [Double]) -> (Double, Double)
) {
  let want = centralDifferences({ var v = $0; return f(&v) }, at: x)
  var v = x
  let primal = f(&v)  // the grown array
  var gv = x, dv = [Double](repeating: 0, count: x.count)
  check("\(name) reverse value", reverse(&gv, &dv), primal)
  check("\(name) reverse array", gv, v)
  check("\(name) gradient", dv, want, tolerance: 1e-6)
  for i in x.indices {
    var fv = x, tv = [Double](repeating: 0, count: x.count)
    tv[i] = 1
    let (value, tangent) = forward(&fv, &tv)
    check("\(name) forward value", value, primal)
    check("\(name) forward tangent [\(i)]", tangent, want[i], tolerance: 1e-6)
    check("\(name) tangent array count [\(i)]", Double(tv.count), Double(v.count))
    // The tangent of each final element, against central differences of the element.
    let elements = v.indices.map { k in centralDifferences({ var w = $0; _ = f(&w); return w[k] }, at: x)[i] }
    check("\(name) tangent array [\(i)]", tv, elements, tolerance: 1e-6)
  }
}

@main
struct ArrayGrowth {
  static func main() {
    let x = [0.5, 1.25, -0.75, 2.0]
    checkInout(
      "appendSquares", x, { appendSquares(v: &$0) },
      reverse: { d_appendSquares(v: &$0, dv: &$1, seed: 1) }, forward: { fwd_appendSquares(v: &$0, dv: &$1) })
    checkInout(
      "extend", x, { extend(v: &$0) }, reverse: { d_extend(v: &$0, dv: &$1, seed: 1) },
      forward: { fwd_extend(v: &$0, dv: &$1) })
    checkInout(
      "reserved", x, { reserved(v: &$0) }, reverse: { d_reserved(v: &$0, dv: &$1, seed: 1) },
      forward: { fwd_reserved(v: &$0, dv: &$1) })

    // refill: the gradient with respect to v (only v[0] matters) and to x.
    let y = [0.3, -1.1, 0.7]
    do {
      let wantV = centralDifferences({ var v = $0; return refill(v: &v, x: y) }, at: x)
      let wantX = centralDifferences({ var v = x; return refill(v: &v, x: $0) }, at: y)
      var v = x, dv = [Double](repeating: 0, count: x.count), dy = [Double](repeating: 0, count: y.count)
      _ = d_refill(v: &v, dv: &dv, x: y, dx: &dy, seed: 1)
      check("refill gradient v", dv, wantV, tolerance: 1e-6)
      check("refill gradient x", dy, wantX, tolerance: 1e-6)
      check("refill array", v, y.map { 2 * $0 * x[0] })
      var fv = x, tv = [Double](repeating: 0, count: x.count)
      tv[0] = 1
      let (_, t) = fwd_refill(v: &fv, dv: &tv, x: y, dx: [0, 0, 0])
      check("refill forward", t, wantV[0], tolerance: 1e-6)
      check("refill tangent array", tv, y.map { 2 * $0 })
    }

    // local: a [Double] parameter, the arrays inside.
    do {
      let want = centralDifferences({ local(x: $0) }, at: x)
      var dx = [Double](repeating: 0, count: x.count)
      check("local value", d_local(x: x, dx: &dx, seed: 1), local(x: x))
      check("local gradient", dx, want, tolerance: 1e-6)
      for i in x.indices {
        var e = [Double](repeating: 0, count: x.count)
        e[i] = 1
        check("local forward [\(i)]", fwd_local(x: x, dx: e).1, want[i], tolerance: 1e-6)
      }
    }
    // Growing in place (capacity reserved by the caller), with stale values in the shadow's spare
    // capacity: they must not be read as seeds of the new elements.
    do {
      let want = centralDifferences({ var w = $0; return appendSquares(v: &w) }, at: x)
      var v = x
      v.reserveCapacity(4 * x.count)
      var dv = [Double](repeating: 9, count: 3 * x.count)
      dv.removeLast(2 * x.count)
      dv = dv.map { _ in 0 } + []
      dv.reserveCapacity(4 * x.count)
      dv.append(contentsOf: [Double](repeating: 9, count: 2 * x.count))
      dv.removeLast(2 * x.count)
      _ = d_appendSquares(v: &v, dv: &dv, seed: 1)
      check("in place gradient", dv, want, tolerance: 1e-6)
    }

    // An array in a struct: forward mode always; reverse mode when it grows in place.
    do {
      // s = w0 + 2 w1 + 3 b w0 + 4 b w1
      let w = [0.5, 1.5], b = 2.0
      var m = Model(w: w, b: b), t = Model(w: [0, 0], b: 1)
      check("model forward", jvp_growModel(m: &m, dm: &t).1, 3 * w[0] + 4 * w[1])
      check("model tangent array", t.w, [0, 0, w[0], w[1]])
      var r = Model(w: w, b: b), dr = Model(w: [0, 0], b: 0)
      r.w.reserveCapacity(8)
      dr.w.reserveCapacity(8)
      _ = d_growModel(m: &r, dm: &dr, seed: 1)
      check("model gradient w", Array(dr.w[0..<2]), [1 + 3 * b, 2 + 4 * b])
      check("model gradient b", dr.b, 3 * w[0] + 4 * w[1])
      #if ARRAY_IN_STRUCT
        var g = Model(w: w, b: b), dg = Model(w: [0, 0], b: 0)
        _ = d_growModel(m: &g, dm: &dg, seed: 1)
      #endif
    }

    // Seeds: d/dv of (Σ v_final + 3·v_final[1]), with storage reserved by the caller (it stays).
    do {
      var v = x
      v.reserveCapacity(4 * x.count)
      var dv = [Double](repeating: 0, count: x.count)
      dv[1] = 3
      _ = d_mixed(v: &v, dv: &dv, seed: 1)
      let want = centralDifferences({ var w = $0; let s = mixed(v: &w); return s + 3 * w[1] }, at: x)
      check("mixed seeded gradient", dv, want, tolerance: 1e-6)
      #if SEEDS_INTO_NEW_STORAGE
        var u = x
        var du = [Double](repeating: 0, count: x.count)
        du[1] = 3
        _ = d_mixed(v: &u, dv: &du, seed: 1)
      #endif
    }
    finish()
  }
}
