// Which blocks lie on a cycle of the control-flow graph, and which cycle (strongly connected component).
import LLVMBinding

/// The strongly connected components of a function's reachable blocks (Tarjan's algorithm).
///
/// Two blocks are in the same component exactly when some execution can run each of them again after
/// the other: the test AD needs to decide whether a value computed in one block is still the same
/// when another block runs. Irreducible cycles are handled like natural loops.
public struct CycleInfo {
  private var component: [BasicBlock: Int] = [:]
  private var cyclic: Set<Int> = []

  public init(function: Function) {
    let blocks = reversePostOrder(function)
    var index: [BasicBlock: Int] = [:]
    var lowLink: [BasicBlock: Int] = [:]
    var onStack: Set<BasicBlock> = []
    var stack: [BasicBlock] = []
    var nextIndex = 0
    var nextComponent = 0

    // Iterative Tarjan: each frame is a block and the successors still to visit.
    for root in blocks where index[root] == nil {
      var frames: [(BasicBlock, [BasicBlock])] = []
      func open(_ block: BasicBlock) {
        index[block] = nextIndex
        lowLink[block] = nextIndex
        nextIndex += 1
        stack.append(block)
        onStack.insert(block)
        frames.append((block, block.successors))
      }
      open(root)
      while let (block, _) = frames.last {
        if let successor = frames[frames.count - 1].1.popLast() {
          if index[successor] == nil {
            open(successor)
          } else if onStack.contains(successor) {
            lowLink[block] = min(lowLink[block]!, index[successor]!)
          }
          continue
        }
        frames.removeLast()
        if let (parent, _) = frames.last { lowLink[parent] = min(lowLink[parent]!, lowLink[block]!) }
        if lowLink[block] == index[block] {
          var members: [BasicBlock] = []
          while true {
            let member = stack.removeLast()
            onStack.remove(member)
            component[member] = nextComponent
            members.append(member)
            if member == block { break }
          }
          if members.count > 1 || block.successors.contains(block) { cyclic.insert(nextComponent) }
          nextComponent += 1
        }
      }
    }
  }

  /// Whether `block` can execute more than once per call.
  public func isCyclic(_ block: BasicBlock) -> Bool {
    guard let c = component[block] else { return false }
    return cyclic.contains(c)
  }

  /// Whether some execution can run `a` again after `b` and `b` again after `a`.
  public func shareCycle(_ a: BasicBlock, _ b: BasicBlock) -> Bool {
    guard let ca = component[a], let cb = component[b] else { return false }
    return ca == cb && cyclic.contains(ca)
  }
}
