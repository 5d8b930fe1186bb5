// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A shunting-yard parser and a stack evaluator over an array of enums whose payload is a `Double`
// in one case: tokens move between arrays through `append`, `last` and `removeLast()`, and the
// evaluator pushes a token it read as an integer word and pops it as a double. Every append may
// reallocate, so the stack is a different SSA value after each (`_consumeAndCreateNew`) and no
// access shared the word's place: the words were taken for integers, their bits mirrored into the
// shadow, and the derivative was silently wrong in both modes (reverse 0, forward the primal's
// value). The buffer and its reallocations are one storage (`StorageFamilies`), where the
// evaluator reads doubles, so the word is a double moved whole.
import SwadAutodiff

enum Token { case number(Double), plus, times, open, close }

@inline(never)
func toPostfix(_ tokens: [Token]) -> [Token] {
  var output: [Token] = []
  var operators: [Token] = []
  func precedence(_ token: Token) -> Int {
    switch token {
    case .plus: return 1
    case .times: return 2
    default: return 0
    }
  }
  for token in tokens {
    switch token {
    case .number: output.append(token)
    case .plus, .times:
      while let top = operators.last, precedence(top) >= precedence(token) { output.append(operators.removeLast()) }
      operators.append(token)
    case .open: operators.append(token)
    case .close:
      while let top = operators.last {
        if case .open = top { break }
        output.append(operators.removeLast())
      }
      _ = operators.removeLast()
    }
  }
  while !operators.isEmpty { output.append(operators.removeLast()) }
  return output
}

@inline(never)
func evaluate(_ postfix: [Token]) -> Double {
  var stack: [Token] = []
  for token in postfix {
    switch token {
    case .number: stack.append(token)
    case .plus, .times:
      guard case .number(let b) = stack.removeLast(), case .number(let a) = stack.removeLast() else { return .nan }
      if case .plus = token { stack.append(.number(a + b)) } else { stack.append(.number(a * b)) }
    default: return .nan
    }
  }
  guard case .number(let result) = stack.last! else { return .nan }
  return result
}

// (x + 2) * y + x * x * (y + 0.5)
@autodiffForward(name: "fwd_f", .dual, .dual, .dual)
@autodiffReverse(name: "rev_f", .active, .active, .active)
func f(x: Double, y: Double) -> Double {
  evaluate(
    toPostfix([
      .open, .number(x), .plus, .number(2), .close, .times, .number(y), .plus, .number(x), .times, .number(x),
      .times, .open, .number(y), .plus, .number(0.5), .close,
    ]))
}

@main
struct Main {
  static func main() {
    for (x, y) in [(1.5, -0.7), (-0.3, 2.25), (4.0, 0.125)] {
      let value = (x + 2) * y + x * x * (y + 0.5)
      let dx = y + 2 * x * (y + 0.5)
      let dy = x + 2 + x * x
      let r = rev_f(x: x, y: y, seed: 1)
      check("value at \(x), \(y)", r.0, value)
      check("reverse d/dx at \(x), \(y)", r.1, dx)
      check("reverse d/dy at \(x), \(y)", r.2, dy)
      check("forward d/dx at \(x), \(y)", fwd_f(x: x, dx: 1, y: y, dy: 0).1, dx)
      check("forward d/dy at \(x), \(y)", fwd_f(x: x, dx: 0, y: y, dy: 1).1, dy)
      check("d/dx by differences at \(x), \(y)", dx, centralDifference({ f(x: $0, y: y) }, at: x), tolerance: 1e-7)
    }
    finish()
  }
}
