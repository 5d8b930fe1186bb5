// The dominator tree of a function's reachable blocks.
import LLVMBinding

/// Dominators by the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast Dominance
/// Algorithm"): immediate dominators refined over the reverse post-order until nothing changes.
public struct DominatorTree {
  public let order: [BasicBlock]
  private let index: [BasicBlock: Int]
  private var idom: [Int]

  public init(function: Function) {
    order = reversePostOrder(function)
    index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    var predecessors = [[Int]](repeating: [], count: order.count)
    for (i, block) in order.enumerated() {
      for successor in block.successors { if let s = index[successor] { predecessors[s].append(i) } }
    }
    idom = [Int](repeating: -1, count: order.count)
    guard !order.isEmpty else { return }
    idom[0] = 0
    var changed = true
    while changed {
      changed = false
      for b in 1..<order.count {
        var candidate = -1
        for p in predecessors[b] where idom[p] != -1 {
          candidate = candidate == -1 ? p : intersect(p, candidate)
        }
        if candidate != idom[b] {
          idom[b] = candidate
          changed = true
        }
      }
    }
  }

  private func intersect(_ a: Int, _ b: Int) -> Int {
    var a = a, b = b
    while a != b {
      while a > b { a = idom[a] }
      while b > a { b = idom[b] }
    }
    return a
  }

  /// Whether every path from the entry to `b` passes through `a` (a block dominates itself).
  public func dominates(_ a: BasicBlock, _ b: BasicBlock) -> Bool {
    guard let ia = index[a], var ib = index[b] else { return false }
    while ib > ia { ib = idom[ib] }
    return ib == ia
  }

  /// The immediate dominator of `block` (nil for the entry and unreachable blocks).
  public func immediateDominator(of block: BasicBlock) -> BasicBlock? {
    guard let i = index[block], i != 0 else { return nil }
    return order[idom[i]]
  }
}
