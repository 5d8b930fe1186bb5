// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// An array of enums whose payload is a `Double` in some cases and absent in another, filtered into
// a new array (a loop that appends all but one case, and `filter`) by a function that is not
// inlined. Swift tests the payload word against zero (the case without payload) and stores it
// whole into the new array, as an integer: taken for a genuine integer, its bits were mirrored into
// the shadow (forward mode: the tangents were the primal payloads, 70 for both directions) and no
// adjoint moved back (reverse mode: 0). The caller reads those bytes as doubles, at the same
// places, so the word is a double moved whole (CopiedBytes.floatOverlap, through the caller).
import SwadAutodiff

enum Event { case deposit(Double), interest(Double), flush }

@inline(never)
func schedule(_ events: [Event]) -> [Event] {
  var queue: [Event] = []
  for event in events {
    switch event {
    case .flush: break
    default: queue.append(event)
    }
  }
  return queue
}

@inline(never)
func withoutFlushes(_ events: [Event]) -> [Event] {
  events.filter { if case .flush = $0 { return false } else { return true } }
}

func apply(_ events: [Event]) -> Double {
  var balance = 100.0
  for event in events {
    switch event {
    case .deposit(let amount): balance += amount
    case .interest(let rate): balance *= 1 + rate
    case .flush: break
    }
  }
  return balance
}

// (100 + salary) (1 + rate) + bonus (1 + rate)² after the two filters.
@autodiffForward(name: "fwd_f", .dual, .dual, .dual)
@autodiffReverse(name: "rev_f", .active, .active, .active)
func f(rate: Double, salary: Double) -> Double {
  let first = apply(schedule([.deposit(salary), .flush, .interest(rate), .flush]))
  let second = apply(withoutFlushes([.flush, .deposit(salary * 2), .interest(rate), .interest(rate)]))
  return first + second
}

@main
struct Main {
  static func main() {
    let rate = 0.1, salary = 50.0
    let value = (100 + salary) * (1 + rate) + (100 + 2 * salary) * (1 + rate) * (1 + rate)
    let dRate = (100 + salary) + 2 * (100 + 2 * salary) * (1 + rate)
    let dSalary = (1 + rate) + 2 * (1 + rate) * (1 + rate)
    let r = rev_f(rate: rate, salary: salary, seed: 1)
    check("value", r.0, value)
    check("reverse d/drate", r.1, dRate)
    check("reverse d/dsalary", r.2, dSalary)
    check("forward d/drate", fwd_f(rate: rate, drate: 1, salary: salary, dsalary: 0).1, dRate)
    check("forward d/dsalary", fwd_f(rate: rate, drate: 0, salary: salary, dsalary: 1).1, dSalary)
    finish()
  }
}
