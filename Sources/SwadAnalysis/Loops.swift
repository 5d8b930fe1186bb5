// Natural loops: a header, the back edges into it, and the blocks of the body, nested.
import LLVMBinding

/// A natural loop: the blocks that reach a back edge `latch → header` without passing the header,
/// where the header dominates the latch.
public final class Loop {
  public let header: BasicBlock
  public private(set) var latches: [BasicBlock] = []
  public private(set) var blocks: Set<BasicBlock> = []
  public internal(set) weak var parent: Loop?
  public var depth: Int { (parent?.depth ?? 0) + 1 }

  init(header: BasicBlock) { self.header = header }

  public func contains(_ block: BasicBlock) -> Bool { blocks.contains(block) }

  /// The edges leaving the loop: (exiting block inside, exit block outside).
  public var exitEdges: [(from: BasicBlock, to: BasicBlock)] {
    blocks.flatMap { block in block.successors.filter { !blocks.contains($0) }.map { (block, $0) } }
  }

  fileprivate func add(latch: BasicBlock, predecessors: [BasicBlock: [BasicBlock]]) {
    latches.append(latch)
    blocks.insert(header)
    var work = [latch]
    while let block = work.popLast() {
      guard blocks.insert(block).inserted else { continue }
      work += predecessors[block] ?? []
    }
  }
}

/// The natural loops of a function and how they nest. Cycles without a dominating header
/// (irreducible control flow) are not loops here; code that needs to know about every cycle uses
/// `CycleInfo`.
public struct LoopInfo {
  public let loops: [Loop]
  private var innermost: [BasicBlock: Loop] = [:]

  public init(function: Function, dominators: DominatorTree) {
    var predecessors: [BasicBlock: [BasicBlock]] = [:]
    for block in dominators.order {
      for successor in block.successors { predecessors[successor, default: []].append(block) }
    }
    var byHeader: [BasicBlock: Loop] = [:]
    var found: [Loop] = []
    for block in dominators.order {
      for successor in block.successors where dominators.dominates(successor, block) {
        let loop = byHeader[successor] ?? {
          let made = Loop(header: successor)
          byHeader[successor] = made
          found.append(made)
          return made
        }()
        loop.add(latch: block, predecessors: predecessors)
      }
    }
    // Nesting: a loop's parent is the smallest other loop containing its header.
    for loop in found {
      loop.parent = found.filter { $0 !== loop && $0.contains(loop.header) }.min { $0.blocks.count < $1.blocks.count }
    }
    loops = found
    for loop in found.sorted(by: { $0.blocks.count > $1.blocks.count }) {
      for block in loop.blocks { innermost[block] = loop }
    }
  }

  /// The innermost loop containing `block`, if any.
  public func loop(containing block: BasicBlock) -> Loop? { innermost[block] }
}
