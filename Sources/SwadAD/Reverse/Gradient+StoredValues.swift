// Reverse mode, loops: a value the forward sweep stores, read back from where it was stored.
//
// `h[i] = tanh(z[i])` computes a value the reverse sweep needs (tanh' = 1 − h²) and stores it. When
// nothing writes `h[i]` again before the reverse sweep reads it, the reverse sweep loads it from
// there instead of pushing it on the tape every iteration: the tape's write and read of 8 bytes
// per iteration are saved, and the array is one the program keeps anyway.
//
// Three things make the memory hold the value when the reverse sweep reads it:
//  - the store runs whenever the value is computed (same block, after it), in a combined gradient
//    (nothing runs between the sweeps) outside parallel regions, into memory that outlives the
//    forward sweep (not this frame's stack) and has a shadow of its own (not constant data, not a
//    global's buffer the derivative has no shadow for);
//  - the store itself does not write the same place twice: its address is a loop-invariant base
//    indexed by the counter of its loop (plus an invariant offset), with elements at least as
//    large as the value, and that loop is outermost, so no outer iteration runs it again;
//  - nothing else the forward sweep may run afterwards writes that memory (`MemoryWrites`, which
//    leaves out the releases the reverse sweep defers).
import CLLVM
import LLVMBinding
import SwadAnalysis

extension GradientEmitter {
  /// The store after which `value` can be loaded back in the reverse code of `block` (see above).
  func storeKeeping(_ value: Value, at block: BasicBlock) -> Instruction? {
    if storesKeeping[value] == nil { storesKeeping[value] = .some(findStoreKeeping(value)) }
    guard let (store, loop) = storesKeeping[value]!, loop.contains(block) else { return nil }
    return store
  }

  private func findStoreKeeping(_ value: Value) -> (store: Instruction, loop: Loop)? {
    guard derivative.signature.combined, !derivative.signature.inParallelRegion,
      let definition = value.asInstruction, definition.type.isFloatingPointOrVector,
      let loop = loops.loop(containing: definition.parent), loop.depth == 1,
      let counter = counters[loop.header], counter.loop === loop
    else { return nil }
    // The first store of the value after it in its block.
    var passed = false
    var found: Instruction?
    for instruction in definition.parent.instructions {
      if instruction == definition {
        passed = true
      } else if passed, instruction.opcode == LLVMStore, !instruction.isVolatile,
        instruction.operand(0) == value
      {
        found = instruction
        break
      }
    }
    guard let store = found else { return nil }
    let address = store.operand(1)
    // Memory with a shadow of its own: a derivative of this gradient (a Hessian-vector product)
    // follows the value's derivative through it, where memory without one (a global's buffer)
    // would lose it on the reload (`UnshadowedMemory` stops such a read).
    guard hasShadow(address), !constantShadows.contains(address),
      outlivesForwardSweep(MemoryWrites.underlyingObject(address)),
      writesInjectively(address, bytes: module.storeSize(of: value.type), in: counter),
      isAvailableWithoutTape(address, at: definition.parent, depth: 1)
    else { return nil }
    let after = reachable(from: definition.parent)
    let writes = memoryWrites(
      in: blocks.filter(after.contains),
      ignoring: Set(deferredReleases.keys).union(restorableStores).union([store]))
    guard !writes.mayWrite(address) else { return nil }
    return (store, loop)
  }

  /// Whether `address` is a different place of at least `bytes` bytes in every iteration of
  /// `counter`'s loop: `base[index]` with `base` invariant in the loop and `index` the counter's
  /// induction, extended or offset by an invariant amount without wrapping.
  private func writesInjectively(_ address: Value, bytes: UInt64, in counter: Counter) -> Bool {
    guard let gep = address.asInstruction, gep.opcode == LLVMGetElementPtr, gep.operandCount == 2,
      module.allocSize(of: gep.gepSourceElementType) >= bytes
    else { return false }
    let loop = counter.loop
    let invariant = { (operand: Value) -> Bool in
      operand.asInstruction.map { !loop.contains($0.parent) } ?? true
    }
    guard invariant(gep.operand(0)) else { return false }
    var index = gep.operand(1)
    while let instruction = index.asInstruction, loop.contains(instruction.parent) {
      switch instruction.opcode {
      case LLVMPHI:
        return counter.inductions.contains { $0.phi == instruction }
      case LLVMSExt, LLVMZExt:
        index = instruction.operand(0)
      case LLVMAdd where LLVMGetNSW(instruction.ref) != 0 || LLVMGetNUW(instruction.ref) != 0:
        if invariant(instruction.operand(1)) {
          index = instruction.operand(0)
        } else if invariant(instruction.operand(0)) {
          index = instruction.operand(1)
        } else {
          return false
        }
      default:
        return false
      }
    }
    return false
  }

  /// `value` loaded from where `store` put it, in the reverse code of `block`.
  func loadStored(_ value: Value, from store: Instruction, at block: BasicBlock, depth: Int) -> Value {
    let key = CacheKey.primal(value)
    if let made = recomputed[key]?[builder.insertBlock] { return made }
    let load = builder.load(value.type, from: primalInReverse(store.operand(1), at: block, depth: depth + 1))
    Instruction(load.ref).alignment = store.alignment
    recomputed[key, default: [:]][builder.insertBlock] = load
    madeWithoutTape.note(key, .reloadedFromStore)
    return load
  }
}
