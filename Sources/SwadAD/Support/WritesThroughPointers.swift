// The writes made through pointers and the pointers derived from them, here and in the callees they
// are handed to: whether a global's memory or a constant argument's is written while a derivative
// runs (`GlobalShadows`, `ConstantArgumentsWrittenThrough`).
import CLLVM
import LLVMBinding

enum WritesThroughPointers {
  /// A write through one of the pointers walked: a store into it, or a memory copy into it
  /// (`llvm.memcpy`, `memmove`, …), and how many calls deep from the roots it is.
  struct Write {
    let instruction: Instruction
    let callDepth: Int

    /// The type stored, or nil for a memory copy.
    var storedType: IRType? { instruction.opcode == LLVMStore ? instruction.operand(0).type : nil }
  }

  /// Whether `accepts` holds for a write through `roots` or a pointer derived from them (GEPs,
  /// casts, phis, selects, constant expressions), following pointers handed to defined functions
  /// into their parameters, `depth` calls deep.
  static func contains(from roots: [Value], depth: Int, where accepts: (Write) -> Bool) -> Bool {
    var seen: Set<Value> = []
    var work = roots.map { ($0, 0) }
    while let (pointer, calls) = work.popLast() {
      guard seen.insert(pointer).inserted else { continue }
      for use in pointer.users {
        if LLVMIsAConstantExpr(use.ref) != nil {
          work.append((use, calls))
          continue
        }
        guard let instruction = use.asInstruction else { continue }
        switch instruction.opcode {
        case LLVMStore:
          if instruction.operand(1) == pointer, accepts(Write(instruction: instruction, callDepth: calls)) {
            return true
          }
        case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMPHI, LLVMSelect:
          work.append((instruction.value, calls))
        case LLVMCall, LLVMInvoke:
          guard let callee = instruction.calledFunction else { continue }
          if isMemoryCopy(callee.name) {
            if instruction.arguments.first == pointer,
              accepts(Write(instruction: instruction, callDepth: calls))
            {
              return true
            }
            continue
          }
          guard calls < depth, !callee.isDeclaration else { continue }
          for (index, argument) in instruction.arguments.enumerated()
          where argument == pointer && index < callee.parameters.count {
            work.append((callee.parameter(index), calls + 1))
          }
        default: continue
        }
      }
    }
    return false
  }

  private static func isMemoryCopy(_ name: String) -> Bool {
    name.hasPrefix("llvm.memcpy") || name.hasPrefix("llvm.memmove") || name == "memcpy" || name == "memmove"
  }
}
