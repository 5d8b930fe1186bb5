// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Helpers that throw, called with `try` inside the differentiated function and caught there: a
// throwing helper calling another (the error's box made with `swift_allocError`, which was refused
// with advice a Swift user cannot follow: register a gradient for a runtime function), and an error
// whose payload carries an active value into the `catch`. The error's box has no derivative
// (Rules/SwiftRuntime.swift); both modes, on both sides of the throw, against hand derivatives and
// central differences.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

enum FitError: Error {
  case negativeVariance(Double)
  case negative(Double)
}

func safeLog(_ x: Double) throws -> Double {
  guard x > 0 else { throw FitError.negativeVariance(x) }
  return log(x)
}

func negativeLogLikelihood(_ xs: [Double], mean: Double, variance: Double) throws -> Double {
  let logVariance = try safeLog(variance)
  return xs.reduce(0) { $0 + 0.5 * (($1 - mean) * ($1 - mean) / variance + logVariance) }
}

let data: [Double] = [0.3, 1.1, -0.4]

@autodiffReverse(name: "d_fit", .duplicated, .active)
@autodiffForward(name: "fwd_fit", .dual, .dual)
func fit(p: [Double]) -> Double {
  do {
    return try negativeLogLikelihood(data, mean: p[0], variance: p[1])
  } catch {
    return 0
  }
}

func squareOrThrow(_ x: Double) throws -> Double {
  guard x > 0 else { throw FitError.negative(x * 2) }
  return x * x
}

@autodiffReverse(name: "d_recovered", .duplicated, .active)
@autodiffForward(name: "fwd_recovered", .dual, .dual)
func recovered(p: [Double]) -> Double {
  do {
    return try squareOrThrow(p[0]) * p[1]
  } catch FitError.negative(let twice) {
    return twice * twice * 3 + p[1]
  } catch {
    return 0
  }
}

@main
struct Main {
  static func main() {
    for p in [[0.5, 2.0], [-0.25, 0.75]] {
      var g = [0.0, 0.0]
      _ = d_fit(p: p, dp: &g, seed: 1)
      let residuals = data.map { $0 - p[0] }
      let squares = residuals.reduce(0) { $0 + $1 * $1 }
      check("fit exactly", g, [-residuals.reduce(0, +) / p[1], 0.5 * (-squares / (p[1] * p[1]) + 3 / p[1])])
      checkGradient("fit", g, of: { fit(p: $0) }, at: p, forward: { fwd_fit(p: p, dp: $0).1 })
    }
    for p in [[1.5, 0.5], [-1.5, 0.5]] {
      var g = [0.0, 0.0]
      _ = d_recovered(p: p, dp: &g, seed: 1)
      let want = p[0] > 0 ? [2 * p[0] * p[1], p[0] * p[0]] : [24 * p[0], 1]
      check("recovered exactly", g, want)
      checkGradient("recovered", g, of: { recovered(p: $0) }, at: p, forward: { fwd_recovered(p: p, dp: $0).1 })
    }
    finish()
  }
}
