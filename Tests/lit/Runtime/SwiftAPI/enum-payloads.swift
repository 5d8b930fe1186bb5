// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Enums with associated values carrying active data, as Swift passes and stores them: a payload
// passed as an integer's bits to a function that is not inlined (Types/FloatCarriers.swift: the
// call sites of an `@inline(never)` function are noinline too), a payload that is a `Double` in
// one case and an `Int` in another (FloatCarriers.loadFloatsAsFloats), a constant payload stored as
// its bits (ActivityAnalysis.storesFloatBits: its tangent was the constant), class references
// tagged in their spare bits (ActivityAnalysis.addressOperand, `or`), an `indirect enum`'s boxes
// linked through integers (CopiedBytes.isMadePointer, into the callee), and a `Result` switched
// where the unexpected case ends the program. Every one of these derivatives was silently 0, or
// partly 0, in both modes (found by a corpus of Swift code nobody here wrote). Each against central
// differences and the other mode; the tree built in a loop also for resident memory.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

enum Term { case square(Double), triple(Double) }

@inline(never) func value(_ term: Term) -> Double {
  switch term {
  case .square(let x): return x * x
  case .triple(let y): return 3 * y
  }
}

@autodiffReverse(name: "d_terms", .duplicated, .active)
@autodiffForward(name: "fwd_terms", .dual, .dual)
func terms(p: [Double]) -> Double { value(.square(p[0])) + value(.triple(p[1])) * p[0] }

enum Op {
  case scale(Double), shift(Double), power(Int), blend(Double, Double)
  func apply(_ x: Double) -> Double {
    switch self {
    case .scale(let a): return a * x
    case .shift(let b): return x + b
    case .power(let n):
      var r = 1.0
      for _ in 0..<n { r *= x }
      return r
    case let .blend(w, c): return w * x + (1 - w) * sin(c * x)
    }
  }
}

@autodiffReverse(name: "d_pipeline", .duplicated, .active)
@autodiffForward(name: "fwd_pipeline", .dual, .dual)
func pipeline(p: [Double]) -> Double {
  let ops: [Op] = [.scale(p[0]), .shift(p[1]), .power(2), .blend(p[2], p[0]), .scale(1.5)]
  var sum = 0.0
  for x in stride(from: -1.0, through: 1.0, by: 0.25) {
    var y = x
    for op in ops { y = op.apply(y) }
    sum += y
  }
  return sum
}

final class Circle {
  var r: Double
  init(_ r: Double) { self.r = r }
}
final class Rectangle {
  var w, h: Double
  init(_ w: Double, _ h: Double) { (self.w, self.h) = (w, h) }
}
enum Shape { case circle(Circle), rectangle(Rectangle) }

@inline(never) func area(_ shape: Shape) -> Double {
  switch shape {
  case .circle(let c): return 3 * c.r * c.r
  case .rectangle(let r): return r.w * r.h
  }
}

@autodiffReverse(name: "d_shapes", .duplicated, .active)
@autodiffForward(name: "fwd_shapes", .dual, .dual)
func shapes(p: [Double]) -> Double {
  let all: [Shape] = [.circle(Circle(p[0])), .rectangle(Rectangle(p[1], p[2]))]
  var total = 0.0
  for shape in all { total += area(shape) }
  return total
}

indirect enum Expression {
  case constant(Double)
  case product(Expression, Expression)
  case sum(Expression, Expression)
  func evaluate() -> Double {
    switch self {
    case .constant(let c): return c
    case let .product(a, b): return a.evaluate() * b.evaluate()
    case let .sum(a, b): return a.evaluate() + b.evaluate()
    }
  }
}

@autodiffReverse(name: "d_tree", .duplicated, .active)
@autodiffForward(name: "fwd_tree", .dual, .dual)
func tree(p: [Double]) -> Double {
  var e: Expression = .constant(p[0])
  for k in 1..<p.count { e = k % 2 == 1 ? .product(e, .constant(p[k])) : .sum(e, .constant(p[k] * p[k])) }
  return e.evaluate()
}

@inline(never) func outcome(_ result: Result<Double, Never>) -> Double {
  switch result {
  case .success(let v): return sin(v)
  }
}

@autodiffReverse(name: "d_outcomes", .duplicated, .active)
@autodiffForward(name: "fwd_outcomes", .dual, .dual)
func outcomes(p: [Double]) -> Double { outcome(.success(p[0])) + p[1] * p[2] }

@main
struct Main {
  static func main() {
    let points: [[Double]] = [[0.5, -0.3, 0.8], [-1.2, 0.7, 0.35]]
    for p in points {
      var g = [Double](repeating: 0, count: 3)
      _ = d_terms(p: p, dp: &g, seed: 1)
      check("terms exactly", g, [2 * p[0] + 3 * p[1], 3 * p[0], 0])
      checkGradient("terms", g, of: { terms(p: $0) }, at: p, forward: { fwd_terms(p: p, dp: $0).1 })

      g = [Double](repeating: 0, count: 3)
      _ = d_pipeline(p: p, dp: &g, seed: 1)
      checkGradient("pipeline", g, of: { pipeline(p: $0) }, at: p, forward: { fwd_pipeline(p: p, dp: $0).1 })

      g = [Double](repeating: 0, count: 3)
      _ = d_shapes(p: p, dp: &g, seed: 1)
      check("shapes exactly", g, [6 * p[0], p[2], p[1]])
      checkGradient("shapes", g, of: { shapes(p: $0) }, at: p, forward: { fwd_shapes(p: p, dp: $0).1 })

      g = [Double](repeating: 0, count: 3)
      _ = d_outcomes(p: p, dp: &g, seed: 1)
      check("outcomes exactly", g, [cos(p[0]), p[2], p[1]])
      checkGradient("outcomes", g, of: { outcomes(p: $0) }, at: p, forward: { fwd_outcomes(p: p, dp: $0).1 })
    }
    let q = [1.5, -0.5, 2.0, 0.75]
    var gq = [Double](repeating: 0, count: q.count)
    _ = d_tree(p: q, dp: &gq, seed: 1)
    // (q0 q1 + q2^2) q3
    check("tree exactly", gq, [q[1] * q[3], q[0] * q[3], 2 * q[2] * q[3], q[0] * q[1] + q[2] * q[2]])
    checkGradient("tree", gq, of: { tree(p: $0) }, at: q, forward: { fwd_tree(p: q, dp: $0).1 })

    // The trees' shadow boxes are released with them: 20 000 more calls of each mode leave the
    // resident memory within 2 MiB (190 bytes a call leaked before).
    let before = residentBytes()
    var sink = 0.0
    for _ in 0..<20_000 {
      var again = [Double](repeating: 0, count: q.count)
      sink += d_tree(p: q, dp: &again, seed: 1)
      sink += fwd_tree(p: q, dp: [1, 0, 0, 0]).1
    }
    let grown = residentBytes() - before
    check("tree: resident memory growth over 20 000 calls below 2 MiB", grown < 2 << 20 ? 1.0 : 0.0, 1.0)
    print("resident memory grew by \(grown) bytes (\(sink != 0))")
    finish()
  }
}
