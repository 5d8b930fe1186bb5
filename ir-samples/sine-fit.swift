// The talk's sine fit in Swift: two years of daily temperatures in a St Petersburg-like climate,
//
//   t_i = a · sin(2π (i + c) / p) + b + noise_i,   i = 0 ..< 730,
//
// synthesized with known parameters (amplitude a = 12 °C, mean b = 5 °C, period p = 365 days,
// phase c = -100 days) and deterministic noise of about ±0.5 °C, then fitted by minimizing the mean
// squared error with Adam. The gradient with respect to all four parameters comes from one
// __enzyme_autodiff call per step, declared through @_silgen_name: the four Doubles are active and
// their adjoints come back as a tuple. The data pointer is duplicated (the default for pointers), so
// it is followed by a scratch shadow that receives the gradient with respect to the data, unused.
// The program prints the recovered parameters next to the true ones and exits non-zero if any is
// off by more than 1%.
//
// Build and run (from the repository root):
//   swad ir-samples/sine-fit.swift -o sine-fit-swift && ./sine-fit-swift
import Foundation

typealias Loss = @convention(c) (Double, Double, Double, Double, UnsafePointer<Double>, Int) -> Double

@_silgen_name("__enzyme_autodiff_mse")
func gradientOfLoss(_ f: Loss, _ a: Double, _ b: Double, _ c: Double, _ p: Double,
                    _ t: UnsafePointer<Double>, _ dt: UnsafeMutablePointer<Double>, _ n: Int)
  -> (Double, Double, Double, Double)

/// The mean squared error of the model with parameters (a, b, c, p) against n temperatures.
func mse(_ a: Double, _ b: Double, _ c: Double, _ p: Double, _ t: UnsafePointer<Double>, _ n: Int) -> Double {
  var sum = 0.0
  for i in 0..<n {
    let r = a * sin(2 * Double.pi * (Double(i) + c) / p) + b - t[i]
    sum += r * r
  }
  return sum / Double(n)
}

let days = 730
let truth = [12.0, 5.0, -100.0, 365.0]
let names = ["a, amplitude (C)", "b, mean (C)", "c, phase (days)", "p, period (days)"]
let t = (0..<days).map { i -> Double in
  let noise = 0.35 * sin(12.9898 * Double(i)) + 0.15 * cos(78.233 * Double(i) + 0.5)
  return truth[0] * sin(2 * Double.pi * (Double(i) + truth[2]) / truth[3]) + truth[1] + noise
}
var scratch = [Double](repeating: 0, count: days)

// Adam (β1 = 0.9, β2 = 0.999) from a rough first guess, the step size decaying from 0.1 to 1e-4;
// Adam's per-parameter scaling copes with the parameters' different scales.
let start = [9.0, 3.5, -88.0, 355.0]
let steps = 6000
var x = start
var m = [Double](repeating: 0, count: 4)
var v = [Double](repeating: 0, count: 4)
t.withUnsafeBufferPointer { tp in
  scratch.withUnsafeMutableBufferPointer { sp in
    for k in 1...steps {
      let g = gradientOfLoss({ mse($0, $1, $2, $3, $4, $5) }, x[0], x[1], x[2], x[3], tp.baseAddress!,
                             sp.baseAddress!, days)
      let grad = [g.0, g.1, g.2, g.3]
      let lr = 0.1 * pow(1e-3, Double(k) / Double(steps))
      for j in 0..<4 {
        m[j] = 0.9 * m[j] + 0.1 * grad[j]
        v[j] = 0.999 * v[j] + 0.001 * grad[j] * grad[j]
        let mh = m[j] / (1 - pow(0.9, Double(k))), vh = v[j] / (1 - pow(0.999, Double(k)))
        x[j] -= lr * mh / (vh.squareRoot() + 1e-12)
      }
      if k == 1 || k % 1000 == 0 {
        print(String(format: "step %5d: mse %9.4f  a %8.4f  b %8.4f  c %9.4f  p %9.4f", k,
                     mse(x[0], x[1], x[2], x[3], tp.baseAddress!, days), x[0], x[1], x[2], x[3]))
      }
    }
  }
}

var failures = 0
print("\n  " + "parameter".padding(toLength: 20, withPad: " ", startingAt: 0)
  + ["true", "start", "fitted"].map { String(repeating: " ", count: 11 - $0.count) + $0 }.joined())
for j in 0..<4 {
  let ok = abs(x[j] - truth[j]) <= 1e-2 * abs(truth[j])
  print("  " + names[j].padding(toLength: 20, withPad: " ", startingAt: 0)
    + String(format: " %10.3f %10.3f %10.3f  ", truth[j], start[j], x[j]) + (ok ? "ok" : "OFF BY > 1%"))
  if !ok { failures += 1 }
}
let fitted = t.withUnsafeBufferPointer { mse(x[0], x[1], x[2], x[3], $0.baseAddress!, days) }
let noiseOnly = t.withUnsafeBufferPointer { mse(truth[0], truth[1], truth[2], truth[3], $0.baseAddress!, days) }
print(String(format: "mean squared error %.4f (the noise alone gives %.4f)", fitted, noiseOnly))
exit(failures == 0 ? 0 : 1)
