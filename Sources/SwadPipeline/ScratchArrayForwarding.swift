// Loads from a scratch array that an earlier loop filled element by element read what that loop
// computed: before AD they compute it again from its inputs.
import CLLVM
import LLVMBinding
import SwadAD
import SwadAnalysis

/// The reads of a plain C scratch array (`ScratchArray.isPlain`) compute the filled value again
/// before AD: `t[i] = x[i] - mu[i]` read as `x[i] - mu[i]` (`ScratchArray` says when that is the
/// value read). The reverse sweep then redoes the arithmetic from memory it can read again
/// (`Gradient+Loops`, cheap floating-point arithmetic) and keeps none of it, and once no read of the
/// array is left its store goes too, so the derivative has no adjoint array for it either: 160 of
/// the 320 bytes GMM's gradient pushed per sample and component. The primal loses a load and gains
/// the loads and the subtraction, about even for C. Other scratch arrays (Swift's, behind a header
/// and bounds checks) are left to the reverse sweep (`Gradient+ScratchArrays`): rewritten here,
/// Swift's GMM primal ran 17% slower, its triangle loop vectorized with run-time checks per row.
///
/// A read is rewritten when its fill's loop dominates it and nothing between the fill and the read
/// may write what the filled value reads, nor free it or end its lifetime (the indices a helper left
/// in a heap block that is freed once they are copied out).
public enum ScratchArrayForwarding {
  /// Forwards the qualifying loads of `function`. Returns how many it replaced.
  @discardableResult
  public static func run(on function: Function, context: Context) -> Int {
    guard !function.isDeclaration else { return 0 }
    let dominators = DominatorTree(function: function)
    let loops = LoopInfo(function: function, dominators: dominators)
    let builder = Builder(context: context)
    // Gathered first, each array found only when the ones before it are done: forwarding erases
    // loads, which may be what another array's fill reads.
    let objects = function.blocks.flatMap(\.instructions).map(\.value).filter(MemoryWrites.isLocalAllocation)
    return objects.reduce(0) { count, object in
      guard let array = ScratchArray(object, loops: loops, dominators: dominators), array.isPlain else {
        return count
      }
      return count + forwardLoads(of: array, dominators: dominators, builder: builder)
    }
  }

  private static func forwardLoads(of array: ScratchArray, dominators: DominatorTree, builder: Builder) -> Int
  {
    let fill = array.fill
    let inputs = fill.recipeLoads  // what the stored value reads
    var forwarded = 0
    for read in array.reads {
      let load = read.load
      guard dominators.dominates(fill.loop.header, load.parent),
        isUnwritten(inputs, in: ScratchArray.blocksBetween(fill, and: load), except: fill.store)
      else { continue }
      builder.position(before: load)
      builder.debugLocation = load.debugLocation
      load.value.replaceAllUses(
        with: recompute(fill.store.operand(0), of: fill, at: read.index.value, builder: builder))
      load.eraseFromParent()
      forwarded += 1
    }
    if forwarded == array.elementLoads.count { fill.store.eraseFromParent() }
    return forwarded
  }

  /// Whether nothing in `region` (but `fill`) may write what `loads` read.
  private static func isUnwritten(
    _ loads: [Instruction]?, in region: Set<BasicBlock>, except fill: Instruction
  ) -> Bool {
    guard let loads else { return false }
    if loads.isEmpty { return true }
    let objects = loads.map { MemoryWrites.underlyingObject($0.operand(0)) }
    for block in region {
      for instruction in block.instructions where instruction != fill {
        switch instruction.opcode {
        case LLVMStore:
          let written = MemoryWrites.underlyingObject(instruction.operand(1))
          if objects.contains(where: { MemoryWrites.mayAlias($0, written) }) { return false }
        case LLVMCall, LLVMInvoke:
          guard let callee = instruction.calledFunction else { return false }
          // Memory that is released (or whose stack slot's lifetime ends or starts again) is no
          // longer there to be read: a load moved past it would read freed memory.
          if callee.name == "free" || callee.name.hasPrefix("llvm.lifetime.") {
            guard let released = instruction.arguments.last else { return false }
            let object = MemoryWrites.underlyingObject(released)
            if objects.contains(where: { MemoryWrites.mayAlias($0, object) }) { return false }
            continue
          }
          if callee.isIntrinsic, callee.memoryEffects == 0 { continue }
          if ["malloc", "calloc"].contains(callee.name) { continue }
          if callee.touchesProgramMemory(writesOnly: true) == false { continue }
          return false
        case LLVMAtomicRMW, LLVMAtomicCmpXchg, LLVMFence:
          return false
        default: continue
        }
      }
    }
    return true
  }

  /// `value` of `fill`'s loop computed again before the builder's position with `index` for the
  /// loop's counter.
  private static func recompute(_ value: Value, of fill: ScratchArray.Fill, at index: Value, builder: Builder)
    -> Value
  {
    var made: [Value: Value] = [fill.counter.value: index]
    func copy(_ value: Value) -> Value {
      if let known = made[value] { return known }
      guard let instruction = value.asInstruction, fill.loop.contains(instruction.parent) else {
        return value
      }
      let clone = instruction.clone()
      for operand in 0..<instruction.operandCount {
        clone.setOperand(operand, copy(instruction.operand(operand)))
      }
      builder.insert(clone, instruction.value.name.isEmpty ? "" : instruction.value.name + ".again")
      made[value] = clone.value
      return clone.value
    }
    return copy(value)
  }
}
