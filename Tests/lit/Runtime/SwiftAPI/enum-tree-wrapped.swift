// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A constant expression tree (an indirect enum passed `.const`) wrapped in a new node inside the
// differentiated function: `.binary("*", tree, .variable(1))`. The new node's shadow keeps the
// tree's own payload word, since the tree has no shadow, and the derivative of `eval` read the
// tree's `.num` constants through it as their own tangents (forward mode: 15 for 5); the words
// are now checked as pointers are (`ConstantShadows.isAddressWord`). The shadow node released the
// tree a second time when it ended (its retain was taken on the address, its store was of the
// word), so the next evaluation crashed; the retains are mirrored on the word's object
// (`SwiftRuntime.wordsNaming`). Trees of several shapes, evaluated many times, in both modes.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

indirect enum Expr {
  case num(Double)
  case variable(Int)
  case binary(Character, Expr, Expr)
  case sine(Expr)
}

func eval(_ e: Expr, _ x: [Double]) -> Double {
  switch e {
  case .num(let v): return v
  case .variable(let i): return x[i]
  case .sine(let a): return sin(eval(a, x))
  case .binary(let op, let a, let b):
    let l = eval(a, x)
    let r = eval(b, x)
    switch op {
    case "+": return l + r
    case "-": return l - r
    default: return l * r
    }
  }
}

@autodiffReverse(name: "gradient_wrapped", .const, .duplicated, .active)
@autodiffForward(name: "jvp_wrapped", .const, .dual, .dual)
func wrapped(tree: Expr, x: [Double]) -> Double {
  eval(.binary("*", tree, .binary("-", .variable(1), .num(0.5))), x)
}

@main struct Main {
  static func main() {
    let trees: [Expr] = [
      .binary("+", .variable(0), .num(2)),
      .binary("*", .num(3), .sine(.binary("*", .variable(0), .variable(2)))),
      .binary("-", .num(1.5), .binary("*", .variable(2), .binary("+", .variable(0), .num(-4)))),
      .num(7),
    ]
    let points = [[3.0, 5.0, -1.0], [0.25, -2.0, 1.75]]
    for (t, tree) in trees.enumerated() {
      for (p, x) in points.enumerated() {
        let what = "tree \(t) at point \(p)"
        let f = { (y: [Double]) in wrapped(tree: tree, x: y) }
        var gradient = [Double](repeating: 0, count: x.count)
        let value = gradient_wrapped(tree: tree, x: x, dx: &gradient, seed: 1)
        check("\(what) value", value, f(x))
        checkGradient(what, gradient, of: f, at: x) { direction in
          jvp_wrapped(tree: tree, x: x, dx: direction).1
        }
      }
    }
    // The tree is intact after all those derivatives: the shadows released only their own references.
    for _ in 0..<1000 {
      var gradient = [0.0, 0.0, 0.0]
      _ = gradient_wrapped(tree: trees[1], x: points[0], dx: &gradient, seed: 1)
      _ = jvp_wrapped(tree: trees[1], x: points[0], dx: [1, 0, 0])
    }
    check("tree 1 after 2000 derivatives", wrapped(tree: trees[1], x: points[0]), 3 * sin(-3.0) * 4.5)
    finish()
  }
}
