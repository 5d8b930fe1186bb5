// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Values of protocol type (`any Activation`) made by a function that is not inlined from an index
// alone hold nothing with a derivative: their boxes need no shadow (ConstantSlots), so reverse mode
// opens them (it refused, 'any P'), and forward mode no longer stops at run time destroying a
// shadow box through a witness of the Swift runtime. Three conforming types, one with stored
// properties; the method gets an active argument. Both modes, against central differences and
// each other, from -O and -O0 builds. (Boxes holding active data are still refused:
// existential-refused.swift.)
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

protocol Activation { func apply(_ v: Double) -> Double }
struct Tanh: Activation { func apply(_ v: Double) -> Double { tanh(v) } }
struct Softplus: Activation { func apply(_ v: Double) -> Double { log(1 + exp(v)) } }
struct Quadratic: Activation {
  var a: Double, b: Double
  func apply(_ v: Double) -> Double { a * v * v + b * v }
}

@inline(never) func activation(_ layer: Int) -> any Activation {
  switch layer % 4 {
  case 0: return Tanh()
  case 1: return Softplus()
  case 2: return Quadratic(a: 0.75, b: Double(layer))
  default: return Quadratic(a: -0.5, b: 1)
  }
}

/// Σ (i + 1) act_i(1.3 x_i - 0.2 + 0.1 x_{i+1}), act_i chosen by i.
@autodiffReverse(name: "d_net", .duplicated, .active)
@autodiffForward(name: "jvp_net", .dual, .dual)
func net(x: [Double]) -> Double {
  var s = 0.0
  for i in 0..<x.count {
    let act = activation(i)
    s += act.apply(x[i] * 1.3 - 0.2 + 0.1 * x[(i + 1) % x.count]) * Double(i + 1)
  }
  return s
}

@main
struct Main {
  static func main() {
    let x = [0.3, -1.2, 2.5, 0.7, 1.1, -0.4]
    checkBoth(
      "net", x,
      reverse: { gradient in _ = d_net(x: x, dx: &gradient, seed: 1) },
      forward: { direction in jvp_net(x: x, dx: direction).1 },
      { p in net(x: p) })
    finish()
  }
}
