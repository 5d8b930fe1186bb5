// Rounding by a shift: once 2^52 is added to a double (2^23 to a float) no bit below the units is
// left, so subtracting it again rounds to an integer; 1.5·2^52 does the same for either sign.
// Libraries round so where an instruction would be slower or is missing (Eigen's SSE `print` and
// `pfloor` behind its vectorized exp; the exp of musl and glibc). Differentiated as written, the
// pair is the identity and its derivative 1, but the rounded value is piecewise constant: its
// derivative is 0. Taken as 1, the derivative of Eigen's packet exp came out 0 without an error
// (the reduced argument x - n·ln 2 lost x's derivative to n).
import CLLVM
import LLVMBinding

enum RoundingShifts {
  /// Whether `instruction` takes a rounding shift off a value that added it, `(y + M) - M` (through
  /// the fences that optimization barriers become): a rounded value, whose derivative is 0.
  static func isRounded(_ instruction: Instruction) -> Bool {
    guard instruction.opcode == LLVMFAdd || instruction.opcode == LLVMFSub,
      let (shifted, shift) = addedShift(instruction),
      let inner = strippingFences(shifted).asInstruction,
      let (_, innerShift) = addedShift(inner)
    else { return false }
    return innerShift == -shift
  }

  /// The value `instruction` adds a rounding shift to and the shift (negative for a subtraction of a
  /// positive one): `fadd y, M`, `fadd M, y` or `fsub y, M`, with M = ±2^p or ±1.5·2^p, p the
  /// significand's width (a constant or every lane of a vector constant); for `fmuladd(a, b, M)`
  /// (what clang contracts `a * b + M` into) and `fma`, the call itself.
  static func addedShift(_ instruction: Instruction) -> (Value, Double)? {
    switch instruction.opcode {
    case LLVMFAdd:
      if let shift = shiftConstant(instruction.operand(1)) { return (instruction.operand(0), shift) }
      if let shift = shiftConstant(instruction.operand(0)) { return (instruction.operand(1), shift) }
      return nil
    case LLVMFSub:
      return shiftConstant(instruction.operand(1)).map { (instruction.operand(0), -$0) }
    case LLVMCall:
      guard let name = instruction.calledFunction?.name,
        name.hasPrefix("llvm.fmuladd.") || name.hasPrefix("llvm.fma."),
        let shift = shiftConstant(instruction.arguments[2])
      else { return nil }
      return (instruction.value, shift)
    default:
      return nil
    }
  }

  /// The value of a rounding shift constant of a double or float type (scalar or splat vector).
  private static func shiftConstant(_ value: Value) -> Double? {
    let type = value.type.isVector ? value.type.elementType : value.type
    let width: Int
    switch type.kind {
    case LLVMDoubleTypeKind: width = 52
    case LLVMFloatTypeKind: width = 23
    default: return nil
    }
    guard let shift = value.splatScalar?.constantDouble else { return nil }
    let unit = Double(sign: .plus, exponent: width, significand: 1)
    return abs(shift) == unit || abs(shift) == 1.5 * unit ? shift : nil
  }

  /// Whether `value` (through fences) adds a rounding shift to a value, the first half of a
  /// rounding: a number whose bits below the units are gone, so that its bits are piecewise constant.
  static func isShiftedForRounding(_ value: Value) -> Bool {
    guard let instruction = strippingFences(value).asInstruction else { return false }
    return addedShift(instruction) != nil && !isRounded(instruction)
  }

  /// `value` without the `llvm.arithmetic.fence` calls around it.
  static func strippingFences(_ value: Value) -> Value {
    var current = value
    while let call = current.asInstruction, call.isCall,
      call.calledFunction?.name.hasPrefix("llvm.arithmetic.fence") == true
    {
      current = call.arguments[0]
    }
    return current
  }
}

extension ActivityAnalysis {
  /// Throws where a varied value is shifted for rounding and the shift is not taken off again in a
  /// way `RoundingShifts` recognizes (only read as bits or compared otherwise): the rounding's
  /// derivative would be taken as 1 where it is 0.
  func requireRoundingShiftsUndone(in function: Function) throws {
    for block in function.blocks {
      for instruction in block.instructions {
        guard isVaried(instruction.value), RoundingShifts.addedShift(instruction) != nil,
          !RoundingShifts.isRounded(instruction)
        else { continue }
        var work = [instruction.value]
        while let value = work.popLast() {
          for user in value.users {
            guard let use = user.asInstruction else { continue }
            if use.isCall, use.calledFunction?.name.hasPrefix("llvm.arithmetic.fence") == true {
              work.append(use.value)
            } else if RoundingShifts.isRounded(use) || use.opcode == LLVMFCmp
              || (use.opcode == LLVMBitCast && !use.type.containsFloatingPoint)
            {
              continue
            } else {
              throw ADError(
                "a value with a derivative is shifted by a rounding constant (2^52, 1.5·2^52 or, for float, 2^23, "
                  + "1.5·2^23) here and not shifted back: swad takes (x + M) - M for the rounding it is (derivative "
                  + "0) only when the subtraction follows the addition; through other code the rounding's derivative "
                  + "would be taken as 1",
                at: instruction)
            }
          }
        }
      }
    }
  }
}
