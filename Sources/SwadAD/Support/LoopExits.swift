// Dedicated loop exits: every edge that leaves a loop ends in a block with that single predecessor,
// so the reverse sweep has a place where it knows which loop it enters and from where.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// Splits each loop exit edge `exiting → exit` whose exit block has several predecessors by a new
/// block that branches to the exit. Phis of the exit take their value for the edge from the new
/// block. Semantics are unchanged; the optimizer folds the blocks away again after AD. Idempotent.
func splitLoopExitEdges(of function: Function, context: Context) {
  let dominators = DominatorTree(function: function)
  let loops = LoopInfo(function: function, dominators: dominators)
  var predecessorCount: [BasicBlock: Int] = [:]
  for block in dominators.order {
    for successor in Set(block.successors) { predecessorCount[successor, default: 0] += 1 }
  }
  var edges: [(BasicBlock, BasicBlock)] = []
  for loop in loops.loops {
    for (from, to) in loop.exitEdges where (predecessorCount[to] ?? 0) > 1 {
      if !edges.contains(where: { $0 == (from, to) }) { edges.append((from, to)) }
    }
  }
  let builder = Builder(context: context)
  for (from, to) in edges {
    let split = function.appendBlock(named: (to.name.isEmpty ? "loopexit" : to.name) + ".split")
    split.moveAfter(from)
    builder.position(atEndOf: split)
    builder.br(to)
    let terminator = from.terminator!
    for index in 0..<terminator.successorCount where terminator.successor(index) == to {
      terminator.setSuccessor(index, split)
    }
    for phi in to.instructions where phi.isPhi {
      // Rebuild the phi: its entries for `from` (one per former edge) become one entry for `split`.
      builder.position(before: phi)
      let name = phi.value.name
      let rebuilt = builder.phi(phi.type)
      var movedFrom = false
      for (value, block) in phi.incoming {
        if block == from {
          if !movedFrom { rebuilt.addIncoming([(value, split)]) }
          movedFrom = true
        } else {
          rebuilt.addIncoming([(value, block)])
        }
      }
      phi.value.replaceAllUses(with: rebuilt.value)
      phi.eraseFromParent()
      rebuilt.value.name = name
    }
  }
}
