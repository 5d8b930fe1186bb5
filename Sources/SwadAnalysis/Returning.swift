// The blocks from which a function can return.
import CLLVM
import LLVMBinding

extension Function {
  /// The blocks from which control can leave the function, by `ret` or by `resume` of an exception.
  /// From the others it can only reach a trap (or loop forever): an exit into them ends the program,
  /// not the loop it leaves.
  public var blocksThatMayReturn: Set<BasicBlock> {
    var predecessors: [BasicBlock: [BasicBlock]] = [:]
    for block in blocks {
      for successor in block.successors { predecessors[successor, default: []].append(block) }
    }
    var found = Set(blocks.filter { [LLVMRet, LLVMResume].contains($0.terminator?.opcode) })
    var work = Array(found)
    while let block = work.popLast() {
      for predecessor in predecessors[block] ?? [] where found.insert(predecessor).inserted {
        work.append(predecessor)
      }
    }
    return found
  }
}
