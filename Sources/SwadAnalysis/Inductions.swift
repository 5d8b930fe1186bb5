// Inductions of a loop: header phis that start at a value from outside the loop and add a constant
// on the back edge: integers, and pointers advanced by a constant number of bytes (C++ iterators,
// Eigen's linear traversals).
import CLLVM
import LLVMBinding

/// `phi = [start, from outside the loop], [phi + step, latch]`, with `phi + step` made in the loop
/// (as `add phi, C`, `add C, phi` or `sub phi, C` for an integer, a one-index `getelementptr` by a
/// constant for a pointer) and `step` a nonzero constant: for a pointer, in bytes.
public struct Induction {
  public let phi: Instruction
  /// The block outside the loop that `start` comes from.
  public let preheader: BasicBlock
  public let start: Value
  public let step: Int64
  /// `phi + step`, the value the back edge carries.
  public let next: Instruction

  /// `phi` as an induction of `loop` advanced on the back edge from `latch`, if it is one.
  public init?(_ phi: Instruction, of loop: Loop, latch: BasicBlock) {
    let kind = LLVMGetTypeKind(phi.type.ref)
    guard phi.isPhi, phi.parent == loop.header, [LLVMIntegerTypeKind, LLVMPointerTypeKind].contains(kind)
    else { return nil }
    let incoming = phi.incoming
    guard incoming.count == 2, let outside = incoming.first(where: { !loop.contains($0.block) }),
      let next = incoming.first(where: { $0.block == latch })?.value.asInstruction,
      loop.contains(next.parent), let step = Self.constantStep(next, of: phi)
    else { return nil }
    self.phi = phi
    self.preheader = outside.block
    self.start = outside.value
    self.step = step
    self.next = next
  }

  /// Whether the induction is a pointer (its step in bytes).
  public var isPointer: Bool { phi.type.isPointer }

  /// Whether `phi + step` cannot wrap: the induction is as wide as an address (a pointer is), or its
  /// addition promises no signed or unsigned overflow.
  public var cannotWrap: Bool {
    isPointer || phi.type.integerWidth >= 64 || LLVMGetNSW(next.ref) != 0 || LLVMGetNUW(next.ref) != 0
  }

  /// `step` if `next` is `phi + step`, `step + phi` or `phi - (−step)` with a nonzero constant, or,
  /// for a pointer, `getelementptr T, phi, C` (`step` = C × the size of T).
  private static func constantStep(_ next: Instruction, of phi: Instruction) -> Int64? {
    if phi.type.isPointer { return constantByteStep(next, of: phi) }
    guard next.operandCount == 2 else { return nil }
    let (a, b) = (next.operand(0), next.operand(1))
    switch next.opcode {
    case LLVMAdd:
      if a == phi.value, let c = b.constantInt, c != 0 { return c }
      if b == phi.value, let c = a.constantInt, c != 0 { return c }
    case LLVMSub:
      if a == phi.value, let c = b.constantInt, c != 0, c != .min { return -c }
    default: break
    }
    return nil
  }

  private static func constantByteStep(_ next: Instruction, of phi: Instruction) -> Int64? {
    guard next.opcode == LLVMGetElementPtr, next.operandCount == 2, next.operand(0) == phi.value,
      let count = next.operand(1).constantInt, count != 0,
      let module = LLVMGetGlobalParent(LLVMGetBasicBlockParent(LLVMGetInstructionParent(next.ref))),
      let layout = LLVMGetModuleDataLayout(module)
    else { return nil }
    let size = LLVMABISizeOfType(layout, next.gepSourceElementType.ref)
    guard size > 0, size < 1 << 20, abs(count) < 1 << 40 else { return nil }
    return count * Int64(size)
  }
}
