// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A micrograd-style expression graph of class instances (children arrays, a stored closure per
// node), put in topological order by a depth-first search that keeps the visited nodes in a
// Set<ObjectIdentifier>, then evaluated in that order. The set's copy on growth ran in libswiftCore
// and was refused; an ObjectIdentifier is an address taken as a number (compared and hashed), and
// such a set is a set of integers (Rules/SwiftIntegerContainers.swift). Both modes against central
// differences.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

final class Node {
  var value: Double = 0
  let children: [Node]
  let op: ([Double]) -> Double
  init(_ children: [Node], _ op: @escaping ([Double]) -> Double) {
    self.children = children
    self.op = op
  }
  convenience init(leaf v: Double) {
    self.init([], { _ in 0 })
    value = v
  }
}

func topologicalOrder(_ root: Node) -> [Node] {
  var seen = Set<ObjectIdentifier>()
  var order: [Node] = []
  func visit(_ n: Node) {
    guard !seen.contains(ObjectIdentifier(n)) else { return }
    seen.insert(ObjectIdentifier(n))
    n.children.forEach(visit)
    order.append(n)
  }
  visit(root)
  return order
}

@autodiffReverse(name: "d_f", .duplicated, .active)
@autodiffForward(name: "fwd_f", .dual, .dualOnly)
func f(p: [Double]) -> Double {
  let leaves = p.map { Node(leaf: $0) }
  let product = Node([leaves[0], leaves[1]]) { $0[0] * $0[1] }
  let squashed = Node([product]) { tanh($0[0]) }
  let sum = Node([squashed, leaves[2], product]) { $0.reduce(0, +) }
  let root = Node([sum, leaves[0]]) { $0[0] * $0[0] + exp($0[1]) }
  for n in topologicalOrder(root) where !n.children.isEmpty { n.value = n.op(n.children.map { $0.value }) }
  return root.value
}

@main struct Main {
  static func main() {
    for p in [[0.4, -0.9, 1.3], [-1.1, 0.3, 0.05]] {
      var dp = [Double](repeating: 0, count: p.count)
      _ = d_f(p: p, dp: &dp, seed: 1)
      checkGradient("graph", dp, of: { f(p: $0) }, at: p, forward: { fwd_f(p: p, dp: $0) })
    }
    finish()
  }
}
