// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Enums whose payload word is a `Double` in one case and an `Int` in another, moved through a
// growing stack (`append`, `last`, `removeLast()`) into a second array: the storage of a Swift
// array through its reallocations is one (StorageFamilies), where doubles are read, so the words are
// carried as doubles. An `Int` payload whose bits are those of 2.0 (4611686018427387904) must stay
// an integer to the derivative: mirrored, its bits taken for an adjoint would add 2.0 to the
// gradient. Both modes against central differences and by hand.
import SwadAutodiff

enum Item { case real(Double), count(Int), marker }

@inline(never)
func unwind(_ items: [Item]) -> [Item] {
  var stack: [Item] = []
  var out: [Item] = []
  for item in items {
    switch item {
    case .marker:
      while let top = stack.last {
        out.append(top)
        stack.removeLast()
      }
    default: stack.append(item)
    }
  }
  while !stack.isEmpty { out.append(stack.removeLast()) }
  return out
}

@inline(never)
func total(_ items: [Item]) -> Double {
  var sum = 0.0
  var weight = 1.0
  for item in items {
    switch item {
    case .real(let v): sum += weight * v * v
    case .count(let n): weight = n > 1000 ? 0.5 : Double(n)
    case .marker: break
    }
  }
  return sum
}

func model(_ x: Double, _ y: Double) -> Double {
  total(
    unwind([
      .real(x), .count(4_611_686_018_427_387_904), .real(y), .marker, .count(3), .real(x * y), .count(2),
      .marker,
    ]))
}

@autodiffForward(name: "fwd_f", .dual, .dual, .dual)
@autodiffReverse(name: "rev_f", .active, .active, .active)
func f(x: Double, y: Double) -> Double { model(x, y) }

@main
struct Main {
  static func main() {
    for (x, y) in [(1.5, -0.7), (0.3, 2.0), (-1.1, 0.4)] {
      // After unwinding: y, count(2^62), x, count(2), x·y, count(3): y² + 0.5 x² + 2 (x y)².
      let r = rev_f(x: x, y: y, seed: 1)
      check("value at \(x), \(y)", r.0, y * y + 0.5 * x * x + 2 * x * x * y * y)
      check("reverse d/dx at \(x), \(y)", r.1, x + 4 * x * y * y)
      check("reverse d/dy at \(x), \(y)", r.2, 2 * y + 4 * x * x * y)
      check("forward d/dx at \(x), \(y)", fwd_f(x: x, dx: 1, y: y, dy: 0).1, r.1)
      check("forward d/dy at \(x), \(y)", fwd_f(x: x, dx: 0, y: y, dy: 1).1, r.2)
      check("d/dx by differences at \(x), \(y)", r.1, centralDifference({ model($0, y) }, at: x), tolerance: 1e-7)
    }
    finish()
  }
}
