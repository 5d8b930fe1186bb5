// Reverse mode: merge blocks whose reverse recomputes which way control came instead of reading it
// from the tape.
//
// The reverse of a block with two predecessors must know which one control came from. Normally each
// predecessor ends its record with its index. But when the block's immediate dominator ends in a
// conditional branch whose two sides lead to the two predecessors (an `if` without `else`, or an
// `if`/`else` diamond), the predecessor is the side the branch took, and when the branch's
// condition can be recomputed in the reverse sweep from values it has without the tape (loop
// counters, values saved once per call, constants, and cheap integer arithmetic on them), the
// reverse recomputes the condition instead: no index on the tape, and a reverse loop the optimizer
// can see through.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// The branch that decides which predecessor a merge block is entered from.
struct DecidingBranch {
  let condition: Value
  /// The predecessor control comes from when the condition is true, and when it is false.
  let fromTrue: BasicBlock
  let fromFalse: BasicBlock
}

extension GradientEmitter {
  /// The merge blocks whose reverse recomputes their deciding branch (see above).
  static func decidingBranches(
    blocks: [BasicBlock], predecessors: [BasicBlock: [BasicBlock]], dominators: DominatorTree,
    counters: [BasicBlock: Counter], cycles: CycleInfo, loops: LoopInfo
  ) -> [BasicBlock: DecidingBranch] {
    var found: [BasicBlock: DecidingBranch] = [:]
    for merge in blocks where counters[merge] == nil {
      guard let preds = predecessors[merge], preds.count == 2,
        let decider = dominators.immediateDominator(of: merge), let branch = decider.terminator,
        branch.opcode == LLVMBr, branch.operandCount == 3
      else { continue }
      let onTrue = branch.successor(0), onFalse = branch.successor(1)
      guard onTrue != onFalse else { continue }
      // The side of the branch a predecessor lies on: the branch itself when it jumps to the merge,
      // else the one successor it is reached from without passing the decider or the merge.
      func side(of predecessor: BasicBlock) -> Bool? {
        if predecessor == decider { return onTrue == merge ? true : (onFalse == merge ? false : nil) }
        let fromTrue = onTrue != merge && reaches(onTrue, predecessor, avoiding: [decider, merge])
        let fromFalse = onFalse != merge && reaches(onFalse, predecessor, avoiding: [decider, merge])
        return fromTrue == fromFalse ? nil : fromTrue
      }
      guard let first = side(of: preds[0]), let second = side(of: preds[1]), first != second,
        // Between the decider and the merge control passes the merge only once: the merge does not
        // lead back to a predecessor without running the decider again.
        !merge.successors.contains(where: { successor in
          preds.contains { $0 != decider && (successor == $0 || reaches(successor, $0, avoiding: [decider])) }
        }),
        recomputesWithoutTape(branch.operand(0), at: merge, counters: counters, cycles: cycles, loops: loops, depth: 0)
      else { continue }
      found[merge] = DecidingBranch(
        condition: branch.operand(0), fromTrue: first ? preds[0] : preds[1], fromFalse: first ? preds[1] : preds[0])
    }
    return found
  }

  /// Whether `target` is reachable from `start` by a path that does not pass `avoiding`.
  private static func reaches(_ start: BasicBlock, _ target: BasicBlock, avoiding: Set<BasicBlock>) -> Bool {
    if avoiding.contains(start) { return false }
    var seen: Set<BasicBlock> = [start]
    var work = [start]
    while let block = work.popLast() {
      if block == target { return true }
      for successor in block.successors where !avoiding.contains(successor) && seen.insert(successor).inserted {
        work.append(successor)
      }
    }
    return false
  }

  /// Whether the reverse of `block` gets `value` without the tape in `block`'s loop, by the paths
  /// `valueWithoutTape` takes: a constant or argument, a value of straight-line code (saved once per
  /// call), a value of a loop around `block`'s innermost loop (set into a slot once per run of that
  /// loop, where the reverse sweep enters it: a loop bound an outer loop loads), an induction
  /// variable of a counted loop around `block`, or cheap integer arithmetic on those.
  static func recomputesWithoutTape(
    _ value: Value, at block: BasicBlock, counters: [BasicBlock: Counter], cycles: CycleInfo, loops: LoopInfo,
    depth: Int
  ) -> Bool {
    if value.isConstant || value.isArgument { return true }
    guard depth < 5, let instruction = value.asInstruction else { return false }
    if !cycles.isCyclic(instruction.parent) { return true }
    // Defined outside `block`'s innermost natural loop (so before it: the definition dominates a use
    // in the loop, hence its header).
    if let loop = loops.loop(containing: block), !loop.contains(instruction.parent) { return true }
    if instruction.isPhi, let counter = counters[instruction.parent],
      counter.inductions.contains(where: { $0.phi == instruction }), counter.loop.contains(block)
    {
      return true
    }
    guard Self.isRecomputable(instruction) else { return false }
    return (0..<instruction.operandCount).allSatisfy {
      recomputesWithoutTape(
        instruction.operand($0), at: block, counters: counters, cycles: cycles, loops: loops, depth: depth + 1)
    }
  }
}
