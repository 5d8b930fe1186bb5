// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A stack-machine interpreter: a program of `enum Op { push(Double), param(Int), ... }` built
// inside the loss from the parameters, run over a [Double] stack. The payload
// word is loaded once as an integer; .param uses it as an index, .push appends it to the stack
// whole. That store of the integer was taken for a constant's bits and the derivative through
// every pushed constant was silently 0 in both modes (FloatCarriers.loadFloatsAsFloats gives such
// stores the word as a double). Both modes against central differences.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

enum Op {
  case push(Double), param(Int), input, add, mul, sin, dup, swap
}

func run(_ program: [Op], _ p: [Double], _ x: Double) -> Double {
  var stack: [Double] = []
  for op in program {
    switch op {
    case .push(let c): stack.append(c)
    case .param(let i): stack.append(p[i])
    case .input: stack.append(x)
    case .add: let b = stack.removeLast(), a = stack.removeLast(); stack.append(a + b)
    case .mul: let b = stack.removeLast(), a = stack.removeLast(); stack.append(a * b)
    case .sin: stack.append(sin(stack.removeLast()))
    case .dup: stack.append(stack.last!)
    case .swap: let n = stack.count; stack.swapAt(n - 1, n - 2)
    }
  }
  return stack.reduce(0, +)
}

// a·sin(x·w) + b·x², the constants made from the parameters.
@autodiffReverse(name: "d_f", .duplicated, .active)
@autodiffForward(name: "fwd_f", .dual, .dualOnly)
func f(p: [Double]) -> Double {
  let program: [Op] = [
    .param(0), .input, .push(p[1] * 2), .mul, .sin, .mul,
    .input, .dup, .mul, .push(p[2] * 0.5), .mul, .swap,
  ]
  var loss = 0.0
  for x in stride(from: -1.0, through: 1.0, by: 0.25) { loss += run(program, p, x) }
  return loss
}

@main struct Main {
  static func main() {
    for p in [[0.4, -0.9, 1.3], [-1.1, 0.3, 0.05]] {
      var dp = [Double](repeating: 0, count: p.count)
      _ = d_f(p: p, dp: &dp, seed: 1)
      checkGradient("interpreter", dp, of: { f(p: $0) }, at: p, forward: { fwd_f(p: p, dp: $0) })
    }
    finish()
  }
}
