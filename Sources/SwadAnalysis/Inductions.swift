// Integer inductions of a loop: header phis that start at a value from outside the loop and add a
// constant on the back edge.
import CLLVM
import LLVMBinding

/// `phi = [start, from outside the loop], [phi + step, latch]`, with `phi + step` made in the loop
/// and `step` a nonzero constant.
public struct Induction {
  public let phi: Instruction
  public let start: Value
  public let step: Int64
  /// `phi + step`, the value the back edge carries.
  public let next: Instruction

  /// `phi` as an induction of `loop` advanced on the back edge from `latch`, if it is one.
  public init?(_ phi: Instruction, of loop: Loop, latch: BasicBlock) {
    guard phi.isPhi, phi.parent == loop.header, LLVMGetTypeKind(phi.type.ref) == LLVMIntegerTypeKind else {
      return nil
    }
    let incoming = phi.incoming
    guard incoming.count == 2, let start = incoming.first(where: { !loop.contains($0.block) })?.value,
      let next = incoming.first(where: { $0.block == latch })?.value.asInstruction,
      loop.contains(next.parent), next.opcode == LLVMAdd
    else { return nil }
    let step: Int64?
    if next.operand(0) == phi.value {
      step = next.operand(1).constantInt
    } else if next.operand(1) == phi.value {
      step = next.operand(0).constantInt
    } else {
      step = nil
    }
    guard let step, step != 0 else { return nil }
    self.phi = phi
    self.start = start
    self.step = step
    self.next = next
  }
}
