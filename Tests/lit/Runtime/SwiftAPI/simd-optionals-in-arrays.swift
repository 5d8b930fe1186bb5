// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: 20 checks passed
// Arrays of `SIMD2<Double>?` and `SIMD4<Double>?`, made by `map` and by `append`, read back with
// `??`. Swift copies each element's words from the `[Double]` as integers and reads an optional's
// payload back as words assembled in an `i128` and cast to a vector; the gradient and the tangent
// were 0 in both modes, without an error. Both modes against central differences.
// (`SIMD2<Float>?` and `SIMD4<Float>?` payloads, made in integer words from the floats, are
// refused with an error naming the function.)
import SwadAutodiff

// Σ (v ?? (3, 4)) · (1, 2) over SIMD2<Double>? made by map, nil above 1.
@autodiffReverse(name: "d_pairs", .duplicated, .active)
@autodiffForward(name: "jvp_pairs", .dual, .dual)
func pairs(p: [Double]) -> Double {
  let vs: [SIMD2<Double>?] = p.map { $0 > 1 ? nil : SIMD2($0, $0 * $0) }
  var total = 0.0
  for v in vs {
    let u = v ?? SIMD2(3.0, 4.0)
    total += u.x + 2 * u.y
  }
  return total
}

// SIMD4<Double>? appended in a loop and read at a variable index.
@autodiffReverse(name: "d_quads", .duplicated, .active)
@autodiffForward(name: "jvp_quads", .dual, .dual)
func quads(p: [Double]) -> Double {
  var vs: [SIMD4<Double>?] = []
  for i in p.indices { vs.append(i % 3 == 2 ? nil : SIMD4(p[i], 1, p[i] * 2, -p[i])) }
  var total = 0.0
  for i in stride(from: vs.count - 1, through: 0, by: -1) {
    let u = vs[i] ?? SIMD4(1, 1, 1, 1)
    total += (u * u).sum() * Double(i + 1)
  }
  return total
}

@main struct Main {
  static func main() {
    let p = [0.5, 2.0, -1.5, 0.75, -0.25]
    checkBoth(
      "pairs", p, reverse: { _ = d_pairs(p: p, dp: &$0, seed: 1) }, forward: { jvp_pairs(p: p, dp: $0).1 }
    ) {
      pairs(p: $0)
    }
    checkBoth(
      "quads", p, reverse: { _ = d_quads(p: p, dp: &$0, seed: 1) }, forward: { jvp_quads(p: p, dp: $0).1 }
    ) {
      quads(p: $0)
    }
    finish()
  }
}
