// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A helper that returns an array and a Double together (a k-means step's `(centroids, inertia)`):
// Swift returns the pair as `{ptr, double}`, a pointer for the array's storage and the Double. The
// reverse sweep must take the Double's adjoint while the forward sweep returns the array's shadow;
// before, a result with a pointer in it got only the shadow, and the gradient through the Double
// came out 0 without a word. Reverse mode against forward mode and central differences.
import SwadAutodiff

/// One assignment step of k-means in one dimension: each point to its nearest centre, the centres
/// moved to their points' means, and the inertia Σ (x - c)².
@inline(never)
func assign(_ points: [Double], _ centres: [Double]) -> (centres: [Double], inertia: Double) {
  var sums = [Double](repeating: 0, count: centres.count)
  var counts = [Double](repeating: 0, count: centres.count)
  var inertia = 0.0
  for x in points {
    var best = 0
    for j in 1..<centres.count where abs(x - centres[j]) < abs(x - centres[best]) { best = j }
    inertia += (x - centres[best]) * (x - centres[best])
    sums[best] += x
    counts[best] += 1
  }
  var moved = centres
  for j in moved.indices where counts[j] > 0 { moved[j] = sums[j] / counts[j] }
  return (moved, inertia)
}

/// The inertia after one step, plus a small pull of the moved centres towards 0.
@autodiffReverse(name: "d_objective", .duplicated, .active)
@autodiffForward(name: "fwd_objective", .dual, .dual)
func objective(points: [Double]) -> Double {
  let (moved, inertia) = assign(points, [-1.0, 0.5, 2.0])
  var pull = 0.0
  for c in moved { pull += 0.01 * c * c }
  return inertia + pull
}

@main
struct Main {
  static func main() {
      let points = [-1.3, -0.8, 0.2, 0.9, 0.4, 1.7, 2.6, 2.2]
      var gradient = [Double](repeating: 0, count: points.count)
      _ = d_objective(points: points, dpoints: &gradient, seed: 1)
      checkGradient(
        "d/dpoints", gradient, of: { objective(points: $0) }, at: points,
        forward: { fwd_objective(points: points, dpoints: $0).1 })
      check("some derivative is not 0", gradient.contains { $0 != 0 } ? 1.0 : 0.0, 1.0)
      finish()
  }
}
