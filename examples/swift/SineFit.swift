// The talk's example in Swift: daily temperatures of a St Petersburg-like year, modelled as
//   t_i = a · sin(2π (i + c) / p) + b,
// fitted by minimizing the sum of squared errors, whose gradient @autodiffReverse generates exactly
// as Rust's #[autodiff_reverse(d_sse, Const, Active, Active, Active, Active, Active)] does:
//   d_sse(temps, a, b, p, c, 1.0) -> (loss, da, db, dp, dc)
// The data are synthetic: two years from known (a, b, p, c) = (12, 5, 365, -100) plus deterministic
// noise. Adam and L-BFGS (both in SwadAutodiff) recover the parameters.
//
// Run: examples/swift/run SineFit
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The model of the talk, in Float as there.
@inline(__always)
func model(_ i: Float, a: Float, b: Float, p: Float, c: Float) -> Float {
  let argument = 2 * Float.pi * (i + c) / p
  return a * sin(argument) + b
}

/// The sum of squared errors over the days.
@autodiffReverse(name: "d_sse", .const, .active, .active, .active, .active, .active)
func sse(temps: [Float], a: Float, b: Float, p: Float, c: Float) -> Float {
  var sum: Float = 0
  for i in temps.indices {
    let r = model(Float(i), a: a, b: b, p: p, c: c) - temps[i]
    sum += r * r
  }
  return sum
}

@main
struct SineFit {
  static func main() {
    let truth: (a: Float, b: Float, p: Float, c: Float) = (12, 5, 365, -100)
    let days = 730
    let temps = (0..<days).map { i -> Float in
      let noise = 0.35 * sin(12.9898 * Double(i)) + 0.15 * cos(78.233 * Double(i) + 0.5)
      return model(Float(i), a: truth.a, b: truth.b, p: truth.p, c: truth.c) + Float(noise)
    }
    let start: [Double] = [9, 3.5, 355, -88]
    print("data: \(days) days from a = \(truth.a), b = \(truth.b), p = \(truth.p), c = \(truth.c), plus noise")
    print("start: a = \(start[0]), b = \(start[1]), p = \(start[2]), c = \(start[3])")

    // The loss and its gradient in Double for the optimizers, from Float as the talk computes them.
    func lossAndGradient(_ x: [Double]) -> (Double, [Double]) {
      let (loss, da, db, dp, dc) = d_sse(
        temps: temps, a: Float(x[0]), b: Float(x[1]), p: Float(x[2]), c: Float(x[3]), seed: 1)
      return (Double(loss), [Double(da), Double(db), Double(dp), Double(dc)])
    }

    // Adam, its step size decaying from 0.1 to 1e-4.
    var x = start
    var adam = Adam(parameterCount: 4)
    let steps = 12000
    for k in 0..<steps {
      adam.learningRate = 0.1 * exp(log(1e-3) * Double(k) / Double(steps))
      adam.step(&x, gradient: lossAndGradient(x).1)
    }
    let adamLoss = lossAndGradient(x).0
    print("Adam (\(steps) steps):", format(x), "mse =", formatted(adamLoss / Double(days)))

    // L-BFGS from the same start.
    let fit = LBFGS(maxIterations: 500, gradientTolerance: 1e-3).minimize(from: start, lossAndGradient)
    print("L-BFGS (\(fit.iterations) iterations, \(fit.evaluations) evaluations):", format(fit.x),
          "mse =", formatted(fit.value / Double(days)))
  }

  static func format(_ x: [Double]) -> String {
    "a = \(formatted(x[0])), b = \(formatted(x[1])), p = \(formatted(x[2])), c = \(formatted(x[3]))"
  }

  /// Three decimals.
  static func formatted(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return "\(scaled)"
  }
}
