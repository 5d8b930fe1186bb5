// Orders over a function's control-flow graph.
import LLVMBinding

/// The blocks of a function reachable from its entry, in reverse post-order: every block comes after
/// its dominators, so a value's definition is visited before its uses outside phi nodes.
public func reversePostOrder(_ function: Function) -> [BasicBlock] {
  guard let entry = function.entryBlock else { return [] }
  var visited: Set<BasicBlock> = [entry]
  var postOrder: [BasicBlock] = []
  var stack: [(BasicBlock, [BasicBlock])] = [(entry, entry.successors)]
  while !stack.isEmpty {
    if let next = stack[stack.count - 1].1.popLast() {
      if visited.insert(next).inserted { stack.append((next, next.successors)) }
    } else {
      postOrder.append(stack.removeLast().0)
    }
  }
  return postOrder.reversed()
}

