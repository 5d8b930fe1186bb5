// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Classes that refer to instances of themselves through optionals (`next: Node?`, a tree's
// `left`/`right`), walked by recursion: Swift loads an `Optional` reference as an `i64` and makes
// it a pointer again (`inttoptr`). That integer carries the shadow object's address; before, it
// was taken for a plain integer, so everything below the first node had a derivative of 0 without a
// word, in both modes. Reverse mode against central differences and forward mode.
import Foundation
import SwadAutodiff

final class Node {
  var value: Double
  var next: Node?
  init(_ value: Double, _ next: Node? = nil) {
    self.value = value
    self.next = next
  }
  /// value + 3 · (the rest's total).
  func total() -> Double {
    guard let next else { return value }
    return value + 3 * next.total()
  }
}

final class Tree {
  var weight: Double
  var left: Tree?
  var right: Tree?
  init(_ weight: Double, _ left: Tree? = nil, _ right: Tree? = nil) {
    self.weight = weight
    self.left = left
    self.right = right
  }
  /// A product down the left side and a sum of squares down the right.
  func evaluate() -> Double {
    var result = weight * weight
    if let left { result += weight * left.evaluate() }
    if let right { result += sin(right.evaluate()) }
    return result
  }
}

@autodiffReverse(name: "d_list", .duplicated, .active)
@autodiffForward(name: "fwd_list", .dual, .dual)
func list(x: [Double]) -> Double {
  Node(x[0], Node(x[1], Node(x[2] * x[2]))).total()
}

@autodiffReverse(name: "d_tree", .duplicated, .active)
@autodiffForward(name: "fwd_tree", .dual, .dual)
func tree(x: [Double]) -> Double {
  Tree(x[0], Tree(x[1], Tree(x[2]), nil), Tree(x[3], nil, Tree(x[4]))).evaluate()
}

@main
struct Main {
  static func main() {
    let x = [0.7, 1.3, -0.4]
    var dx = [Double](repeating: 0, count: x.count)
    _ = d_list(x: x, dx: &dx, seed: 1)
    check("d list exactly", dx, [1, 3, 9 * 2 * -0.4])
    checkGradient("d list", dx, of: { list(x: $0) }, at: x, forward: { fwd_list(x: x, dx: $0).1 })

    let y = [0.9, -0.6, 1.1, 0.5, -1.2]
    var dy = [Double](repeating: 0, count: y.count)
    _ = d_tree(x: y, dx: &dy, seed: 1)
    checkGradient("d tree", dy, of: { tree(x: $0) }, at: y, forward: { fwd_tree(x: y, dx: $0).1 })
    check("every node has a derivative", dy.allSatisfy { $0 != 0 } ? 1.0 : 0.0, 1.0)
    finish()
  }
}
