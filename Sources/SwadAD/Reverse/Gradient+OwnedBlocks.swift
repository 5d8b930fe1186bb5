// Reverse mode: the heap blocks a function owns, whose shadows its reverse sweep releases.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// Whether this function releases `allocation`, every block it makes: some `free` or `realloc` of
  /// it, reached through phis, selects and casts, and no block of it stored where it outlives the
  /// function. Its shadow is then released by the reverse sweep; otherwise by the end of the
  /// gradient if a `free` frees the primal (`registerShadowReleasedAfterGradient`), or it escapes
  /// with the primal. A vector growing in a loop frees every block but the last, which a move
  /// assignment hands to the caller's vector: the reverse sweep released the last block's shadow
  /// too, which the caller's shadow vector held, and freed it again (a double free).
  func isFreedInFunction(_ allocation: Value, depth: Int = 0) -> Bool {
    blocks.contains { block in
      block.instructions.contains { instruction in
        guard instruction.isCall else { return false }
        switch generator.classifier.semantics(of: instruction) {
        case .deallocation, .allocation(.resize):
          return mayDerive(instruction.arguments[0], from: allocation)
            && !isStoredOutside(allocation, depth: depth)
        case .referenceCounting:
          // Mirrored releases free the shadow after the gradient, except a deferred one's.
          guard !mirrorsReferenceCounts || deferredReleases[instruction] != nil else { return false }
          return instruction.calledFunction?.name.hasSuffix("release") == true
            && mayDerive(instruction.arguments[0], from: allocation)
        default:
          return false
        }
      }
    }
  }

  /// Whether a pointer into `allocation` (through casts, GEPs, phis and selects) is returned, stored
  /// into memory that is not a stack slot nor a heap block of the function's own that stays inside
  /// it (an argument's, a global's, one reached through a loaded pointer), or passed to a call that
  /// may keep it.
  private func isStoredOutside(_ allocation: Value, depth: Int = 0) -> Bool {
    var seen: Set<Value> = []
    var work = [allocation]
    while let current = work.popLast() {
      guard seen.insert(current).inserted else { continue }
      for user in current.users {
        guard let instruction = user.asInstruction else { continue }
        switch instruction.opcode {
        case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMPHI, LLVMSelect:
          if instruction.opcode != LLVMSelect || instruction.operand(0) != current {
            work.append(instruction.value)
          }
        case LLVMRet:
          return true
        case LLVMStore where instruction.operand(0) == current:
          let place = MemoryWrites.underlyingObject(instruction.operand(1))
          if let slot = place.asInstruction, slot.opcode == LLVMAlloca { continue }
          // Another block of the function's own, which it frees and keeps inside (a `new`ed struct
          // holding a vector's storage).
          if depth < 3, let made = place.asInstruction, made.isCall,
            case .allocation = generator.classifier.semantics(of: made),
            isFreedInFunction(made.value, depth: depth + 1)
          {
            continue
          }
          return true
        case LLVMCall, LLVMInvoke where instruction.calledOperand != current:
          // A helper left as a call may keep it (`attach(holder, buffer)` storing the last block
          // of a growing buffer into the caller's record): the reverse sweep released its shadow,
          // which the caller's shadow record held.
          if !keepsNoCopy(of: current, call: instruction) { return true }
        default:
          continue
        }
      }
    }
    return false
  }

  /// Whether `call` keeps no copy of `pointer` once it returns: a call swad knows (a deallocation, a
  /// copy, a math function), or one whose parameters say `captures(none)` where `pointer` is passed.
  private func keepsNoCopy(of pointer: Value, call: Instruction) -> Bool {
    switch generator.classifier.semantics(of: call) {
    case .deallocation, .allocation(.resize), .memoryTransfer, .memorySet, .sort, .search, .rule,
      .referenceCounting, .inactive, .blas:
      return true
    default:
      break
    }
    guard let callee = call.calledFunction else { return false }
    // Intrinsics keep nothing; those returning a pointer return this one (`llvm.ptrmask`).
    if callee.name.hasPrefix("llvm.") { return !call.type.isPointer }
    return call.arguments.indices.allSatisfy { index in
      call.arguments[index] != pointer
        || (index < callee.parameters.count && callee.capturesNothing(parameter: index))
    }
  }

  private func mayDerive(_ pointer: Value, from object: Value) -> Bool {
    var seen: Set<Value> = []
    var work = [pointer]
    while let current = work.popLast() {
      if current == object { return true }
      guard seen.insert(current).inserted, let instruction = current.asInstruction else { continue }
      switch instruction.opcode {
      case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast: work.append(instruction.operand(0))
      case LLVMPHI: work += instruction.incoming.map(\.value)
      case LLVMSelect: work += [instruction.operand(1), instruction.operand(2)]
      default: continue
      }
    }
    return false
  }
}
