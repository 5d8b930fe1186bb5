// RUN: %swad-api -Rswad %s %S/Inputs/Check.swift -o %t 2>%t.remarks
// RUN: %t | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Scratch arrays: one loop fills `centered[i] = x[i] - mu[i]`, later loops read it, and the next
// sample overwrites it. The reverse sweep computes the reads again from x and mu (memory nothing
// writes afterwards) instead of keeping them: the reads are in bounds-checked loops over a Swift
// array whose elements follow its header, so the pre-AD rewrite of C's scratch arrays leaves them
// alone (it would change the primal: Gradient+ScratchArrays). A read indexed by an outer loop's
// counter (`triangle`'s centered[i] inside the loop over j) too. When the fill's inputs are written
// after it (`overwritten`), the reads stay on the tape. Gradients against central differences and
// forward mode, -O and -O0.
// REMARK: triangle{{.*}}: computed again by the reverse sweep from what the loop that filled its array read, instead of kept: %{{[0-9]+}} (load), %{{[0-9]+}} (load)
// REMARK-NOT: overwritten{{.*}}computed again by the reverse sweep from what the loop that filled
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

/// Per sample s and component c: (L_c (x_s - mu_c))^2 with L_c lower triangular (diagonal q_c,
/// below it the entries of l_c, column by column), weighted by w_c.
@autodiffReverse(name: "d_triangle", .const, .const, .duplicated, .duplicated, .duplicated, .active)
@autodiffForward(name: "fwd_triangle", .const, .const, .dual, .dual, .dual, .dual)
func triangle(d: Int, x: [Double], mu: [Double], q: [Double], l: [Double]) -> Double {
  let samples = x.count / d
  let components = mu.count / d
  var centered = [Double](repeating: 0, count: d)
  var lx = [Double](repeating: 0, count: d)
  var total = 0.0
  for s in 0..<samples {
    for c in 0..<components {
      for i in 0..<d { centered[i] = x[s * d + i] - mu[c * d + i] }
      for i in 0..<d { lx[i] = q[c * d + i] * centered[i] }
      var index = c * (d * (d - 1) / 2)
      for i in 0..<d {
        for j in (i + 1)..<max(d, i + 1) {
          lx[j] += l[index] * centered[i]
          index += 1
        }
      }
      var norm = 0.0
      for i in 0..<d { norm += lx[i] * lx[i] }
      total += sin(Double(c + 1)) * norm
    }
  }
  return total
}

/// The fill reads `y`, which the loop after the reads scales: the reads cannot be computed again
/// from it, and stay on the tape.
@autodiffReverse(name: "d_overwritten", .duplicated, .active)
@autodiffForward(name: "fwd_overwritten", .dual, .dual)
func overwritten(p: [Double]) -> Double {
  let n = p.count
  var y = p
  var scratch = [Double](repeating: 0, count: n)
  var total = 0.0
  for round in 0..<3 {
    for i in 0..<n { scratch[i] = y[i] * y[(i + 1) % n] }
    for i in 0..<n { total += scratch[i] * exp(scratch[i] * 0.1) }
    for i in 0..<n { y[i] *= 1.0 + 0.25 * Double(round) }
  }
  return total
}

@main
struct Main {
  static func main() {
    let d = 4
    let samples = 3
    let components = 2
    let x = (0..<(samples * d)).map { 0.3 * sin(Double($0) + 0.5) }
    let mu = (0..<(components * d)).map { 0.2 * cos(Double($0)) }
    let q = (0..<(components * d)).map { 1.0 + 0.1 * Double($0 % 3) }
    let l = (0..<(components * d * (d - 1) / 2)).map { 0.05 * Double($0 % 5) - 0.1 }
    // The gradient with respect to mu, q and l, one vector.
    let sizes = [mu.count, q.count, l.count]
    func split(_ v: [Double]) -> ([Double], [Double], [Double]) {
      (Array(v[0..<sizes[0]]), Array(v[sizes[0]..<(sizes[0] + sizes[1])]), Array(v[(sizes[0] + sizes[1])...]))
    }
    var dmu = [Double](repeating: 0, count: mu.count)
    var dq = [Double](repeating: 0, count: q.count)
    var dl = [Double](repeating: 0, count: l.count)
    _ = d_triangle(d: d, x: x, mu: mu, dmu: &dmu, q: q, dq: &dq, l: l, dl: &dl, seed: 1)
    checkGradient(
      "triangle", dmu + dq + dl,
      of: { v in
        let (m, qq, ll) = split(v)
        return triangle(d: d, x: x, mu: m, q: qq, l: ll)
      }, at: mu + q + l,
      forward: { direction in
        let (dm, dqq, dll) = split(direction)
        return fwd_triangle(d: d, x: x, mu: mu, dmu: dm, q: q, dq: dqq, l: l, dl: dll).1
      })

    for p in [[0.3, -0.7, 1.1], [1.5, 2.0, -0.25, 0.5]] {
      var g = [Double](repeating: 0, count: p.count)
      _ = d_overwritten(p: p, dp: &g, seed: 1)
      checkGradient(
        "overwritten", g, of: { overwritten(p: $0) }, at: p, forward: { fwd_overwritten(p: p, dp: $0).1 })
    }
    finish()
  }
}
