// Stack slots and their shadows placed alike modulo the widest vector access.
import CLLVM
import LLVMBinding

/// Code that looks at an address's low bits (Eigen's vectorized assignment loops peel elements until
/// the destination is aligned for its packets, then store whole packets with aligned stores) takes
/// the same path for a shadow as for its primal, since derivative code follows the primal's branches.
/// A shadow at another address modulo the packet size is then stored to at a misaligned address (a
/// crash: Eigen's `Matrix<double, Dynamic, Dynamic, 0, 3, 3>` temporary of a block update, 8-byte
/// aligned on the stack, at -O0) or has the wrong elements peeled. So a stack slot that gets a shadow
/// is aligned, with its shadow, to the widest vector the module loads or stores (16 bytes at least,
/// what `malloc` gives the heap shadows); both then lie at 0 modulo the packet size.
enum ShadowAlignment {
  /// The alignment of a varied stack slot `alloca` and of its shadow, in a module whose widest
  /// vector access is `widest` bytes (`widestVectorAccess`, worked out once per generator).
  static func forSlot(_ alloca: Instruction, widest: UInt32) -> UInt32 { max(alloca.alignment, widest) }

  /// The byte size of the widest vector a function of `module` loads or stores, a power of two from
  /// 16 to 64 (16 without vectors).
  static func widestVectorAccess(in module: Module) -> UInt32 {
    var widest: UInt64 = 16
    for function in module.functions where !function.isDeclaration {
      for block in function.blocks {
        for instruction in block.instructions {
          let type: IRType
          switch instruction.opcode {
          case LLVMLoad: type = instruction.value.type
          case LLVMStore: type = instruction.operand(0).type
          default: continue
          }
          guard type.isVector else { continue }
          widest = max(widest, min(64, module.allocSize(of: type)))
        }
      }
    }
    var alignment: UInt32 = 16
    while UInt64(alignment) < widest { alignment *= 2 }
    return alignment
  }
}
