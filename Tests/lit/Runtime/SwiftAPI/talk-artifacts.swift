// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// CHECK: checks passed
// The talk's "AD artifacts", through @autodiffForward(name, .dual, .dual) as there: at a kink the
// derivative is that of the branch the primal takes (f(x) = x written as x == 0 ? 0 : x has
// derivative 0 at 0, relu'(0) = 0, |x|'(0) = 1 for x >= 0 ? x : -x), and round, floor and ceil have
// derivative 0 everywhere.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@autodiffForward(name: "df", .dual, .dual)
func f(x: Float) -> Float { x }

@autodiffForward(name: "d_g", .dual, .dual)
func g(x: Float) -> Float { x == 0 ? 0 : x }

@autodiffForward(name: "d_relu", .dual, .dual)
func relu(x: Float) -> Float { x > 0 ? x : 0 }

@autodiffForward(name: "d_abs", .dual, .dual)
func abs(x: Float) -> Float { x >= 0 ? x : -x }

@autodiffForward(name: "d_round", .dual, .dual)
func round(x: Double) -> Double { x.rounded() }

@autodiffForward(name: "d_floor", .dual, .dual)
func floor(x: Double) -> Double { x.rounded(.down) }

@autodiffForward(name: "d_ceil", .dual, .dual)
func ceil(x: Double) -> Double { x.rounded(.up) }

@main
struct TalkArtifacts {
  static func main() {
    check("x at 0", df(x: 0, dx: 1).1, 1)
    check("x == 0 ? 0 : x at 0", d_g(x: 0, dx: 1).1, 0)
    check("x == 0 ? 0 : x at 1", d_g(x: 1, dx: 1).1, 1)
    check("relu at 0", d_relu(x: 0, dx: 1).1, 0)
    check("relu at 2", d_relu(x: 2, dx: 1).1, 1)
    check("abs at 0", d_abs(x: 0, dx: 1).1, 1)
    check("abs at -2", d_abs(x: -2, dx: 1).1, -1)
    for x in [1.51, 1.0] {
      check("round(\(x))", d_round(x: x, dx: 1).0, x.rounded())
      check("round'(\(x))", d_round(x: x, dx: 1).1, 0)
      check("floor'(\(x))", d_floor(x: x, dx: 1).1, 0)
      check("ceil'(\(x))", d_ceil(x: x, dx: 1).1, 0)
    }
    finish()
  }
}
