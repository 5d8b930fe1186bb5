// Which loads of a parallel region's microtask read memory no other thread of the team reads: their
// adjoints can be added without atomics. Everything else in a region is added atomically.
import CLLVM
import LLVMBinding
import SwadAnalysis

enum ParallelAccesses {
  /// Whether only the calling thread reads, through the microtask's loads, the memory `pointer`
  /// points to:
  /// - a stack slot of the microtask whose address does not escape (each thread has its own), or
  /// - `base[i]` where `base` is the same for every thread and `i` the induction variable of the
  ///   microtask's worksharing loop (each value of `i` runs on one thread), when every other load
  ///   that may read `base`'s memory reads `base[i]` too, and no call may read it.
  static func isThreadExclusive(_ pointer: Value, in function: Function, classifier: CallClassifier) -> Bool {
    let object = MemoryWrites.underlyingObject(pointer)
    if let slot = object.asInstruction, slot.function == function, MemoryWrites.isLocalAllocation(object) {
      return !escapes(slot.value)  // a stack slot or heap block the thread made for itself
    }
    guard let access = pointer.asInstruction, access.opcode == LLVMGetElementPtr, access.function == function,
      access.operandCount >= 2, isSharedBase(access.operand(0), in: function),
      access.operands.dropFirst().dropLast().allSatisfy(\.isConstant),
      isPartitioned(access.operand(access.operandCount - 1), in: function)
    else { return false }
    // The shared copies of reduction variables, which OpenMP forbids the region to touch other than
    // through the reduction: they are written where the reduction ends.
    let reductionTargets = reductionTargets(in: function)
    for block in function.blocks {
      for instruction in block.instructions {
        switch instruction.opcode {
        case LLVMLoad, LLVMAtomicRMW, LLVMAtomicCmpXchg:
          let other = instruction.operand(0)
          if reductionTargets.contains(other) { continue }
          let otherObject = MemoryWrites.underlyingObject(other)
          // The microtask's own memory was made after the shared pointers were set.
          if let slot = otherObject.asInstruction, slot.function == function, MemoryWrites.isLocalAllocation(otherObject) {
            continue
          }
          guard MemoryWrites.mayAlias(otherObject, object) else { continue }
          if instruction.opcode == LLVMLoad, let gep = other.asInstruction, sameAddress(gep, access) { continue }
          if instruction.opcode == LLVMLoad, !instruction.type.containsFloatingPoint { continue }
          return false
        case LLVMCall, LLVMInvoke:
          switch classifier.semantics(of: instruction) {
          case .inactive, .rule, .allocation, .deallocation, .memorySet, .openMP(.workshare), .openMP(.barrier),
            .openMP(.critical), .openMP(.endCritical), .openMP(.reduce), .openMP(.endReduce):
            continue
          case .unknown(let callee) where callee.name.hasPrefix("llvm.") && !instruction.arguments.contains(where: \.type.isPointer):
            continue  // integer intrinsics (llvm.smin, …)
          default:
            return false
          }
        default: continue
        }
      }
    }
    return true
  }

  /// Whether the microtask writes no memory `base` may point into: `base` is shared (see
  /// `isSharedBase`), so it cannot point into memory the microtask allocates; the shared copies of
  /// reduction variables are not the region's to read otherwise; calls other than bookkeeping, math
  /// and the thread's own allocations count as writes.
  static func regionNeverWrites(_ base: Value, in function: Function, classifier: CallClassifier) -> Bool {
    guard isSharedBase(base, in: function) else { return false }
    let object = MemoryWrites.underlyingObject(base)
    let targets = reductionTargets(in: function)
    func mayWrite(_ pointer: Value) -> Bool {
      if targets.contains(pointer) { return false }
      let written = MemoryWrites.underlyingObject(pointer)
      if let allocation = written.asInstruction, allocation.function == function, MemoryWrites.isLocalAllocation(written) {
        return false
      }
      return MemoryWrites.mayAlias(written, object)
    }
    for block in function.blocks {
      for instruction in block.instructions {
        switch instruction.opcode {
        case LLVMStore: if mayWrite(instruction.operand(1)) { return false }
        case LLVMAtomicRMW, LLVMAtomicCmpXchg: if mayWrite(instruction.operand(0)) { return false }
        case LLVMCall, LLVMInvoke:
          switch classifier.semantics(of: instruction) {
          case .inactive, .rule, .allocation(.uninitialized), .allocation(.zeroed), .openMP(.workshare),
            .openMP(.barrier), .openMP(.critical), .openMP(.endCritical), .openMP(.reduce), .openMP(.endReduce):
            continue
          case .deallocation, .memorySet, .memoryTransfer:
            if mayWrite(instruction.arguments[0]) { return false }
          case .unknown(let callee) where callee.name.hasPrefix("llvm.") && !instruction.arguments.contains(where: \.type.isPointer):
            continue
          default:
            return false
          }
        default: continue
        }
      }
    }
    return true
  }

  /// The shared copies of reduction variables: written where the reduction ends.
  static func reductionTargets(in function: Function) -> Set<Value> {
    Set(function.blocks.filter { block in
      block.instructions.contains { $0.isCall && $0.calledFunction?.name.hasPrefix("__kmpc_end_reduce") == true }
    }.flatMap { $0.instructions.filter { $0.opcode == LLVMStore }.map { $0.operand(1) } })
  }

  /// The same GEP, or one with the same type and operands.
  private static func sameAddress(_ a: Instruction, _ b: Instruction) -> Bool {
    if a == b { return true }
    guard a.opcode == LLVMGetElementPtr, a.gepSourceElementType == b.gepSourceElementType,
      a.operandCount == b.operandCount
    else { return false }
    return a.operands == b.operands
  }

  /// A pointer every thread of the team sees the same: an argument, a global, or a pointer loaded
  /// once from an argument's memory (a captured variable) that the microtask never writes.
  static func isSharedBase(_ base: Value, in function: Function) -> Bool {
    if base.isArgument || base.isGlobalValue { return true }
    guard let load = base.asInstruction, load.opcode == LLVMLoad, load.operand(0).isArgument else { return false }
    let slot = load.operand(0)
    return !function.blocks.contains { block in
      block.instructions.contains { ($0.opcode == LLVMStore && $0.operand(1) == slot) || ($0.isCall && $0.arguments.contains(slot)) }
    }
  }

  /// An induction variable of the worksharing loop: a phi stepped by a constant from the lower
  /// bound the runtime gave this thread (through sign or zero extension), in a microtask that starts
  /// one worksharing loop, once.
  private static func isPartitioned(_ index: Value, in function: Function) -> Bool {
    let phi = strippingExtensions(index)
    guard let induction = phi.asInstruction, induction.isPhi, induction.incoming.count == 2 else { return false }
    let cycles = CycleInfo(function: function)
    let inits = function.blocks.flatMap(\.instructions).filter { instruction in
      guard instruction.isCall, let name = instruction.calledFunction?.name else { return false }
      return name.hasPrefix("__kmpc_for_static_init_") || name.hasPrefix("__kmpc_dispatch_init_")
    }
    guard inits.count == 1, !cycles.isCyclic(inits[0].parent) else { return false }
    let lowerSlots: Set<Value> = Set(function.blocks.flatMap(\.instructions).compactMap { instruction in
      guard instruction.isCall, let name = instruction.calledFunction?.name else { return nil }
      if name.hasPrefix("__kmpc_for_static_init_") { return instruction.arguments[4] }
      if name.hasPrefix("__kmpc_dispatch_next_") { return instruction.arguments[3] }
      return nil
    })
    var sawStart = false, sawStep = false
    for (value, _) in induction.incoming {
      if let step = value.asInstruction, step.opcode == LLVMAdd, step.operand(0) == phi,
        let amount = step.operand(1).constantInt, amount != 0
      {
        sawStep = true
      } else if let load = strippingExtensions(value).asInstruction, load.opcode == LLVMLoad,
        lowerSlots.contains(load.operand(0))
      {
        sawStart = true
      }
    }
    return sawStart && sawStep
  }

  private static func strippingExtensions(_ value: Value) -> Value {
    var current = value
    while let cast = current.asInstruction, cast.opcode == LLVMSExt || cast.opcode == LLVMZExt {
      current = cast.operand(0)
    }
    return current
  }

  /// Whether a stack slot's address may reach other threads: stored somewhere, or passed to a call
  /// other than lifetime markers and OpenMP bookkeeping.
  private static func escapes(_ slot: Value) -> Bool {
    var work = [slot]
    var seen: Set<Value> = []
    while let current = work.popLast() {
      guard seen.insert(current).inserted else { continue }
      for user in current.users {
        guard let instruction = user.asInstruction else { return true }
        switch instruction.opcode {
        case LLVMLoad: continue
        case LLVMStore: if instruction.operand(0) == current { return true }
        case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMPHI, LLVMSelect: work.append(instruction.value)
        case LLVMCall:
          guard let name = instruction.calledFunction?.name,
            name.hasPrefix("llvm.lifetime.") || name == "free" || name.hasPrefix("__kmpc_for_static_init_")
              || name.hasPrefix("__kmpc_dispatch_")
          else { return true }
        default: return true
        }
      }
    }
    return false
  }
}
