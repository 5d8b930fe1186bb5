// Forward split mode: the changes that turn a forward derivative into a tangent that repeats none
// of the primal's effects and reads from the tape what it cannot recompute.
import CLLVM
import LLVMBinding

/// Edits one forward derivative (`ForwardSplitter` says in which order). Values to be read from the
/// tape stand as placeholders (`freeze poison`) until `materializeReads` knows which survive.
struct SplitTangent {
  let module: Module
  let function: Function
  let classifier: CallClassifier
  private let builder: Builder
  /// The placeholders, each with the original value it stands for.
  private var placeholders: [(original: Instruction, placeholder: Instruction)] = []

  init(module: Module, function: Function, classifier: CallClassifier) {
    self.module = module
    self.function = function
    self.classifier = classifier
    builder = Builder(context: module.context)
  }

  // MARK: - Removing the primal's effects

  /// The tangent returns no primal result (poison in its place): callers take a callee's result
  /// from their own tape, and the entry point wants only the tangent. Recomputing the result would
  /// keep on the tape every value it depends on.
  func dropPrimalResults() {
    for block in function.blocks {
      guard let ret = block.terminator, ret.opcode == LLVMRet, ret.operandCount == 1 else { continue }
      let value = ret.operand(0)
      // `{ result, tangent }` is built as insertvalue(insertvalue(poison, result, 0), tangent, 1).
      if let outer = value.asInstruction, outer.opcode == LLVMInsertValue, outer.indices == [1],
        let inner = outer.operand(0).asInstruction, inner.opcode == LLVMInsertValue, inner.indices == [0]
      {
        inner.setOperand(1, Value.poison(inner.operand(1).type))
      } else {
        ret.setOperand(0, Value.poison(value.type))
      }
    }
  }

  /// A call of a callee's split tangent returns no primal result: the original call's result,
  /// where it is used, is read from the tape after the call (the callee's records come first).
  mutating func takeResultFromTape(of call: Instruction, calledThrough derivativeCall: Instruction) {
    guard !call.type.isVoid, !call.value.users.isEmpty, let next = derivativeCall.next else { return }
    let placeholder = makePlaceholder(for: call, before: next)
    if derivativeCall.type == call.type {
      derivativeCall.value.replaceAllUses(with: placeholder.value)
      return
    }
    for user in derivativeCall.value.users {
      if let extract = user.asInstruction, extract.opcode == LLVMExtractValue, extract.indices == [0] {
        extract.value.replaceAllUses(with: placeholder.value)
      }
    }
  }

  /// Removes what the copy of `original` would do to primal memory: loads, read-modify-writes and
  /// stack slot addresses become tape values; stores and fences go; calls that may touch memory go,
  /// their results read from the tape. Pure instructions stay, recomputed.
  mutating func removeEffects(of original: Instruction, copy: Instruction) {
    switch original.opcode {
    case LLVMLoad, LLVMAtomicRMW, LLVMAtomicCmpXchg, LLVMVAArg:
      replaceWithPlaceholder(copy, standingFor: original)
    case LLVMAlloca:
      // A stack slot's address as the primal had it: compared with an address the primal stored
      // and the tangent reads from the tape, a new slot's would differ. (The tangent never uses
      // the slot's memory: its loads and stores are gone.)
      replaceWithPlaceholder(copy, standingFor: original)
    case LLVMStore, LLVMFence:
      copy.eraseFromParent()
    case LLVMCall where original.calledFunction?.name.hasPrefix("llvm.lifetime.") == true:
      copy.eraseFromParent()  // about the primal's stack slots, which the tangent does not have
    case LLVMCall:
      guard !isPure(call: original) else { return }
      replaceWithPlaceholder(copy, standingFor: original)
    default:
      return
    }
  }

  private mutating func replaceWithPlaceholder(_ copy: Instruction, standingFor original: Instruction) {
    if !copy.type.isVoid, !copy.value.users.isEmpty {
      copy.value.replaceAllUses(with: makePlaceholder(for: original, before: copy).value)
    }
    copy.eraseFromParent()
  }

  private mutating func makePlaceholder(for original: Instruction, before point: Instruction) -> Instruction {
    builder.position(before: point)
    let name = original.value.name.isEmpty ? "" : original.value.name + ".tape"
    let placeholder = Instruction(LLVMBuildFreeze(builder.ref, LLVMGetPoison(original.type.ref), name))
    placeholders.append((original, placeholder))
    return placeholder
  }

  /// A call whose copy recomputes its result without touching memory the program can see: a
  /// function declared `memory(none)`, math with a rule in the table and no outputs through
  /// pointers, and intrinsics that only annotate (lifetimes, assumptions, stack save and restore).
  func isPure(call: Instruction) -> Bool {
    guard let callee = call.calledFunction else { return false }
    if callee.memoryEffects == 0 { return true }
    if callee.isIntrinsic {
      return ["llvm.lifetime.", "llvm.assume", "llvm.experimental.noalias.scope.decl", "llvm.dbg.",
              "llvm.stacksave", "llvm.stackrestore", "llvm.invariant.", "llvm.pseudoprobe"]
        .contains { callee.name.hasPrefix($0) }
    }
    if case .rule(let rule) = classifier.semantics(of: call), rule.outputs.isEmpty { return true }
    return false
  }

  // MARK: - Keeping what the tangent needs

  /// Deletes every instruction nothing needed depends on. Stores, calls with effects, returns and
  /// branches are needed; the rest is needed when a needed instruction uses it (so a primal
  /// accumulator's phi cycle, used by nothing else, goes, with the tape values it would read).
  mutating func deleteDeadCode() {
    var live: Set<Instruction> = []
    var work: [Instruction] = []
    var all: [Instruction] = []
    for block in function.blocks {
      for instruction in block.instructions {
        all.append(instruction)
        if !isRemovable(instruction) {
          live.insert(instruction)
          work.append(instruction)
        }
      }
    }
    while let instruction = work.popLast() {
      for operand in instruction.operands {
        if let definition = operand.asInstruction, live.insert(definition).inserted { work.append(definition) }
      }
    }
    let dead = all.filter { !live.contains($0) }
    for instruction in dead where !instruction.type.isVoid {
      instruction.value.replaceAllUses(with: Value.poison(instruction.type))
    }
    for instruction in dead { instruction.eraseFromParent() }
    placeholders.removeAll { !live.contains($0.placeholder) }
  }

  private func isRemovable(_ instruction: Instruction) -> Bool {
    switch instruction.opcode {
    case LLVMLoad:
      return !instruction.isVolatile && LLVMGetOrdering(instruction.ref) == LLVMAtomicOrderingNotAtomic
    case LLVMCall:
      return isPure(call: instruction)
    case LLVMFNeg, LLVMAdd, LLVMFAdd, LLVMSub, LLVMFSub, LLVMMul, LLVMFMul, LLVMUDiv, LLVMSDiv, LLVMFDiv,
      LLVMURem, LLVMSRem, LLVMFRem, LLVMShl, LLVMLShr, LLVMAShr, LLVMAnd, LLVMOr, LLVMXor,
      LLVMTrunc, LLVMZExt, LLVMSExt, LLVMFPToUI, LLVMFPToSI, LLVMUIToFP, LLVMSIToFP, LLVMFPTrunc, LLVMFPExt,
      LLVMPtrToInt, LLVMIntToPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMICmp, LLVMFCmp, LLVMPHI, LLVMSelect,
      LLVMGetElementPtr, LLVMExtractValue, LLVMInsertValue, LLVMExtractElement, LLVMInsertElement,
      LLVMShuffleVector, LLVMFreeze, LLVMAlloca:
      return true
    default:
      return false
    }
  }

  // MARK: - Reading the tape

  /// Replaces the surviving placeholders by reads of the tape, in program order, through a local
  /// cursor that is handed to and taken back from each callee tangent (`callsTangent` says which
  /// functions those are) through the thread's cursor. Returns the originals of the values read.
  func materializeReads(runtime: ForwardSplitTape, callsTangent: (Function) -> Bool) -> [Instruction] {
    let calls = function.blocks.flatMap(\.instructions).filter { instruction in
      instruction.isCall && instruction.calledFunction.map(callsTangent) == true
    }
    guard !placeholders.isEmpty || !calls.isEmpty, let entry = function.entryBlock?.firstInstruction else {
      return []
    }
    let pointer = runtime.pointer, i64 = runtime.i64
    builder.position(before: entry)
    let slot = builder.alloca(pointer, "tape.cursor")
    builder.store(builder.load(pointer, from: runtime.cursor), to: slot)
    for (original, placeholder) in placeholders {
      builder.position(before: placeholder)
      let at = builder.load(pointer, from: slot, "tape.at")
      let value = builder.load(original.type, from: at, placeholder.value.name)
      Instruction(value.ref).alignment = 8
      let size = Value.constInt(i64, runtime.tape.slotSize(of: original.type))
      builder.store(builder.gep(runtime.i8, at, [size], "tape.next"), to: slot)
      placeholder.value.replaceAllUses(with: value)
      placeholder.eraseFromParent()
    }
    for call in calls {
      builder.position(before: call)
      builder.store(builder.load(pointer, from: slot), to: runtime.cursor)
      guard let next = call.next else { continue }
      builder.position(before: next)
      builder.store(builder.load(pointer, from: runtime.cursor), to: slot)
    }
    for block in function.blocks {
      guard let ret = block.terminator, ret.opcode == LLVMRet else { continue }
      builder.position(before: ret)
      builder.store(builder.load(pointer, from: slot), to: runtime.cursor)
    }
    return placeholders.map(\.original)
  }
}
