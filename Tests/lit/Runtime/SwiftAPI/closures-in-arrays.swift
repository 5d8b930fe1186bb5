// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Closures that capture nothing, called through a function value: activations kept in a global
// array `[(Double) -> Double]`, and one returned by a factory and applied with `map`. Swift calls
// a closure with its context as a last `swiftself` argument, which a closure that captures
// nothing does not take: the call's type was not the closures', no function was found for it, and
// the indirect call was refused. Such closures are now candidates of the call
// (Support/IndirectCallPromotion.swift). Both modes, against central differences.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

let activations: [(Double) -> Double] = [{ tanh($0) }, { $0 * $0 }, { 1 / (1 + exp(-$0)) }]

@autodiffReverse(name: "d_layered", .duplicated, .active)
@autodiffForward(name: "fwd_layered", .dual, .dual)
func layered(w: [Double]) -> Double {
  var sum = 0.0
  for (k, act) in activations.enumerated() { sum += act(w[k % w.count] * w[(k + 1) % w.count]) }
  return sum
}

func activation(_ k: Int) -> (Double) -> Double {
  switch k {
  case 0: return { tanh($0) }
  case 1: return { $0 * $0 }
  default: return { log(1 + exp($0)) }
  }
}

@autodiffReverse(name: "d_mapped", .duplicated, .active)
@autodiffForward(name: "fwd_mapped", .dual, .dual)
func mapped(w: [Double]) -> Double {
  var h = w
  for k in 0..<3 {
    let act = activation(k)
    h = h.map { act($0) }
  }
  return h.reduce(0, +)
}

@main
struct Main {
  static func main() {
    for w in [[0.5, 0.25, -0.75], [-1.25, 0.6, 0.3]] {
      var g = [0.0, 0.0, 0.0]
      _ = d_layered(w: w, dw: &g, seed: 1)
      checkGradient("layered", g, of: { layered(w: $0) }, at: w, forward: { fwd_layered(w: w, dw: $0).1 })
      g = [0.0, 0.0, 0.0]
      _ = d_mapped(w: w, dw: &g, seed: 1)
      checkGradient("mapped", g, of: { mapped(w: $0) }, at: w, forward: { fwd_mapped(w: w, dw: $0).1 })
    }
    finish()
  }
}
