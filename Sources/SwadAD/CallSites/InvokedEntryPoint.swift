// Entry points reached through `invoke`: clang emits `invoke @__enzyme_autodiff(...)` when the caller
// has cleanups to run should the call throw (a std::vector alive across it).
import CLLVM
import LLVMBinding

/// An entry-point invoke, made a call followed by a branch to its normal destination while the call
/// is rewritten; afterwards the call of the derivative becomes an invoke with the same unwind
/// destination, so that an exception thrown while the derivative runs (by the differentiated code)
/// still runs the caller's cleanups.
struct InvokedEntryPoint {
  /// The call that stands for the invoke.
  let call: Instruction
  private let block: BasicBlock
  private let unwind: BasicBlock

  /// Makes `invoke` a call and a branch; nil when it is not an invoke.
  init?(_ invoke: Instruction) {
    guard invoke.opcode == LLVMInvoke else { return nil }
    block = invoke.parent
    unwind = BasicBlock(LLVMGetUnwindDest(invoke.ref))
    let normal = BasicBlock(LLVMGetNormalDest(invoke.ref))
    call = invoke.rebuiltAsCall()
    let builder = LLVMCreateBuilderInContext(LLVMGetTypeContext(LLVMTypeOf(call.ref)))!
    LLVMPositionBuilderAtEnd(builder, block.ref)
    LLVMBuildBr(builder, normal.ref)
    LLVMDisposeBuilder(builder)
  }

  /// Makes the last call of `derivative` in the block an invoke that unwinds where the entry point's
  /// invoke did; what followed the call moves to a new block, its normal destination.
  func finish(calling derivative: Function) {
    guard let made = block.instructions.last(where: { $0.opcode == LLVMCall && $0.calledFunction == derivative })
    else { return }
    let function = block.parent
    let continuation = function.appendBlock(named: (block.name.isEmpty ? "entry" : block.name) + ".cont")
    continuation.moveAfter(block)
    let builder = LLVMCreateBuilderInContext(LLVMGetTypeContext(LLVMTypeOf(made.ref)))!
    defer { LLVMDisposeBuilder(builder) }
    LLVMPositionBuilderAtEnd(builder, continuation.ref)
    while let next = made.next {
      let name = next.value.name
      next.removeFromParent()
      LLVMInsertIntoBuilderWithName(builder, next.ref, name)
    }
    for successor in continuation.successors { successor.retargetPhis(from: block, to: continuation) }
    made.rebuiltAsInvoke(normal: continuation, unwind: unwind)
  }
}

extension BasicBlock {
  /// Phis of this block that take a value from `old` take it from `new` instead.
  func retargetPhis(from old: BasicBlock, to new: BasicBlock) {
    for phi in instructions where phi.isPhi && phi.incoming.contains(where: { $0.block == old }) {
      let builder = LLVMCreateBuilderInContext(LLVMGetTypeContext(LLVMTypeOf(phi.ref)))!
      LLVMPositionBuilderBefore(builder, phi.ref)
      let made = Instruction(LLVMBuildPhi(builder, LLVMTypeOf(phi.ref), "")!)
      LLVMDisposeBuilder(builder)
      made.addIncoming(phi.incoming.map { ($0.value, $0.block == old ? new : $0.block) })
      let name = phi.value.name
      phi.value.replaceAllUses(with: made.value)
      phi.eraseFromParent()
      made.value.name = name
    }
  }
}
