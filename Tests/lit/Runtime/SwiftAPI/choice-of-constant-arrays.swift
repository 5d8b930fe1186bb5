// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A network's architecture chosen between two constant arrays of layer descriptions
// (`arch == 0 ? specsA : specsB`), and its output scales between two constant [Double] literals:
// Swift lays each literal out as a static object and, after the pre-AD simplification, initializes
// the chosen one through one swift_initStaticObject of a select, which was refused. Each object is
// initialized and the results chosen (StaticObjectChoices), the shadows as the primals. Both
// architectures, both modes, against central differences, at the default level and at -O0.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

enum Activation {
  case relu, tanh
  func apply(_ x: Double) -> Double {
    switch self {
    case .relu: return max(0, x)
    case .tanh: return Glibc.tanh(x)
    }
  }
}

struct LayerSpec {
  let inputs: Int
  let outputs: Int
  let activation: Activation
}

let specsA = [
  LayerSpec(inputs: 2, outputs: 2, activation: .tanh), LayerSpec(inputs: 2, outputs: 1, activation: .tanh),
]
let specsB = [
  LayerSpec(inputs: 2, outputs: 2, activation: .relu), LayerSpec(inputs: 2, outputs: 1, activation: .tanh),
]

func forward(_ p: [Double], _ specs: [LayerSpec], _ x: [Double]) -> [Double] {
  var h = x
  var offset = 0
  for spec in specs {
    var out = [Double](repeating: 0, count: spec.outputs)
    for o in 0..<spec.outputs {
      var z = 0.0
      for i in 0..<spec.inputs { z += p[offset + o * spec.inputs + i] * h[i] }
      out[o] = spec.activation.apply(z)
    }
    offset += spec.inputs * spec.outputs
    h = out
  }
  return h
}

@autodiffReverse(name: "d_net", .duplicated, .const, .active)
@autodiffForward(name: "fwd_net", .dual, .const, .dual)
func net(p: [Double], arch: Int) -> Double {
  let specs = arch == 0 ? specsA : specsB
  let scales = arch == 0 ? [2.0, -0.5] : [0.75, 3.0]
  let y = forward(p, specs, [0.3, -0.7])[0]
  return scales[0] * y + scales[1] * y * y
}

@main struct Main {
  static func main() {
    let p = [0.5, 1.0, -0.3, 0.8, 0.6, -0.4]
    for arch in 0..<2 {
      var gradient = [Double](repeating: 0, count: p.count)
      _ = d_net(p: p, dp: &gradient, arch: arch, seed: 1)
      checkGradient(
        "net \(arch)", gradient, of: { net(p: $0, arch: arch) }, at: p,
        forward: { fwd_net(p: p, dp: $0, arch: arch).1 })
    }
    finish()
  }
}
