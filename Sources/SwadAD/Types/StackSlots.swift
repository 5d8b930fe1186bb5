// The stack slots of a function whose bytes the integer type analysis can follow: allocas used only
// by loads, stores and copies at constant offsets, which is how unoptimized code keeps a union, a
// memcpy'd double or an argument it spills.
import CLLVM
import LLVMBinding

/// The allocas of a function that never escape (their address is only loaded from, stored to,
/// copied with `memcpy`/`memmove`, or given to lifetime markers), with every pointer into one
/// resolved to the alloca and a constant byte offset.
struct StackSlots {
  /// The size in bytes of each followed slot.
  private(set) var sizes: [Value: Int] = [:]
  /// Each pointer into a followed slot: the slot and the byte offset.
  private var addresses: [Value: (slot: Value, offset: Int)] = [:]

  /// Slots larger than this are arrays, which the analysis does not follow byte by byte.
  static let largestSlot = 256

  init(function: Function) {
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(function.ref))!
    guard let entry = function.entryBlock else { return }
    for alloca in entry.instructions where alloca.opcode == LLVMAlloca {
      let count = LLVMGetOperand(alloca.ref, 0).map { Value($0).constantInt } ?? nil
      guard count == 1 else { continue }
      let size = Int(LLVMABISizeOfType(dataLayout, alloca.allocatedType.ref))
      guard size > 0, size <= Self.largestSlot else { continue }
      var found: [Value: (slot: Value, offset: Int)] = [:]
      guard Self.collect(alloca.value, offset: 0, slot: alloca.value, size: size, into: &found, dataLayout)
      else { continue }
      sizes[alloca.value] = size
      addresses.merge(found) { first, _ in first }
    }
  }

  /// The slot and byte offset `pointer` addresses, if it points into a followed slot.
  func resolve(_ pointer: Value) -> (slot: Value, offset: Int)? { addresses[pointer] }

  /// Records `pointer` and the constant-offset GEPs of it; false when any use lets the address
  /// escape or reach outside the slot.
  private static func collect(
    _ pointer: Value, offset: Int, slot: Value, size: Int,
    into found: inout [Value: (slot: Value, offset: Int)], _ dataLayout: LLVMTargetDataRef
  ) -> Bool {
    guard offset >= 0, offset <= size else { return false }
    found[pointer] = (slot, offset)
    for user in pointer.users {
      guard let instruction = user.asInstruction else { return false }
      switch instruction.opcode {
      case LLVMLoad:
        continue
      case LLVMStore:
        guard instruction.operand(0) != pointer else { return false }  // the address itself stored
      case LLVMGetElementPtr:
        guard instruction.operand(0) == pointer, let bytes = constantOffset(of: instruction, dataLayout),
          collect(instruction.value, offset: offset + bytes, slot: slot, size: size, into: &found, dataLayout)
        else { return false }
      case LLVMCall:
        let name = instruction.calledFunction?.name ?? ""
        guard
          name.hasPrefix("llvm.memcpy") || name.hasPrefix("llvm.memmove") || name.hasPrefix("llvm.memset")
            || name.hasPrefix("llvm.lifetime") || name.hasPrefix("llvm.dbg")
        else { return false }
      default:
        return false
      }
    }
    return true
  }

  /// The byte offset of a GEP whose indices are all constants.
  static func constantOffset(of gep: Instruction, _ dataLayout: LLVMTargetDataRef) -> Int? {
    var type = gep.gepSourceElementType
    var offset = 0
    for (position, index) in gep.operands.dropFirst().enumerated() {
      guard let value = index.constantInt else { return nil }
      if position == 0 {
        offset += Int(value) * Int(LLVMABISizeOfType(dataLayout, type.ref))
      } else if type.isStruct {
        offset += Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32(value)))
        type = type.structElements[Int(value)]
      } else if type.isArray || type.isVector {
        type = type.elementType
        offset += Int(value) * Int(LLVMABISizeOfType(dataLayout, type.ref))
      } else {
        return nil
      }
    }
    return offset
  }
}
