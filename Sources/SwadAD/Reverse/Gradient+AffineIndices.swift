// Reverse mode, loops: indices affine in a loop's iteration number, and their values in the loop's
// first and last iterations, computed where the reverse sweep enters the loop. The reverse sweep
// uses them to act once per run of a loop instead of once per iteration: to grow a window of
// private adjoints to all the indices a loop will add to (`Gradient+SharedAdjoints`), and to check
// that the adjoints a stencil adds to stay apart from everything else the loop touches
// (`Gradient+RotatedAdjoints`).
import CLLVM
import LLVMBinding
import SwadAnalysis

extension GradientEmitter {
  /// Whether `value`, extended to 64 bits (by sign when `signed`), is an affine function of the
  /// iteration number of `counter`'s loop: defined outside the loop, an induction of the counter,
  /// or an extension, sum or difference of such values, or a product or shift of one by a value
  /// defined outside the loop; below 64 bits only with the flags that rule out wrapping in the
  /// extension's sense (a wrapped index would leave the indices in between uncovered).
  func isAffine(_ value: Value, in counter: Counter, signed: Bool) -> Bool {
    guard let instruction = value.asInstruction, counter.loop.contains(instruction.parent) else {
      return true
    }
    guard instruction.type.isInteger else { return false }
    let exact = { (operation: Instruction) -> Bool in
      operation.type.integerWidth >= 64
        || (signed ? LLVMGetNSW(operation.ref) != 0 : LLVMGetNUW(operation.ref) != 0)
    }
    let invariant = { (operand: Value) -> Bool in
      guard let definition = operand.asInstruction else { return true }
      return !counter.loop.contains(definition.parent)
    }
    switch instruction.opcode {
    case LLVMPHI:
      guard counter.inductions.contains(where: { $0.phi == instruction }),
        let next = instruction.incoming.first(where: { counter.loop.contains($0.block) })?.value.asInstruction
      else { return false }
      return exact(next)
    case LLVMSExt:
      return signed && isAffine(instruction.operand(0), in: counter, signed: true)
    case LLVMZExt:
      // Zero-extended, then sign-extended or not: the same value when the extension widens.
      return instruction.operand(0).type.integerWidth < instruction.type.integerWidth
        && isAffine(instruction.operand(0), in: counter, signed: false)
    case LLVMAdd, LLVMSub:
      return exact(instruction) && isAffine(instruction.operand(0), in: counter, signed: signed)
        && isAffine(instruction.operand(1), in: counter, signed: signed)
    case LLVMMul, LLVMShl:
      let (a, b) = (instruction.operand(0), instruction.operand(1))
      guard exact(instruction), invariant(b) || (instruction.opcode == LLVMMul && invariant(a)) else {
        return false
      }
      return isAffine(a, in: counter, signed: signed) && isAffine(b, in: counter, signed: signed)
    default:
      return false
    }
  }

  /// Asks for the loop slots that `valueInIteration` reads on entry: the inductions' values in the
  /// loop's last iteration (`fillLoopEntries` fills the slots it was asked for).
  func askSlots(of value: Value, in counter: Counter) {
    guard let instruction = value.asInstruction, counter.loop.contains(instruction.parent) else { return }
    if instruction.isPhi {
      _ = loopSlot(counter.loop, .primal(value))
      return
    }
    for index in 0..<instruction.operandCount { askSlots(of: instruction.operand(index), in: counter) }
  }

  /// `value` as it was in the first or last iteration of `counter`'s loop, computed on the reverse
  /// edge `entry` that enters the loop (after its slots are filled).
  func valueInIteration(_ value: Value, last: Bool, of counter: Counter, entry exit: BasicBlock) -> Value {
    guard let instruction = value.asInstruction, counter.loop.contains(instruction.parent) else {
      return primalInReverse(value, at: exit)
    }
    if instruction.isPhi {
      if last { return builder.load(value.type, from: loopSlot(counter.loop, .primal(value))) }
      let start = instruction.incoming.first { !counter.loop.contains($0.block) }!.value
      return primalInReverse(start, at: exit)
    }
    let copy = instruction.cloneForDerivative()
    for index in 0..<instruction.operandCount {
      copy.setOperand(
        index, valueInIteration(instruction.operand(index), last: last, of: counter, entry: exit))
    }
    // The iteration may be one that skips the instruction, where its no-wrap flags need not hold:
    // a wrapped value is wrong only where nothing reads it, poison would be wrong everywhere.
    switch copy.opcode {
    case LLVMAdd, LLVMSub, LLVMMul, LLVMShl:
      LLVMSetNSW(copy.ref, 0)
      LLVMSetNUW(copy.ref, 0)
    case LLVMZExt: LLVMSetNNeg(copy.ref, 0)
    default: break
    }
    builder.insert(copy)
    return copy.value
  }
}
