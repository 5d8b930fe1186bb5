// Reverse mode: values computed ahead of a select that may discard them, whose partials must not
// turn a zero adjoint into NaN.
import CLLVM
import LLVMBinding

/// clang and the pre-AD simplification turn `if (x > 0) s += log(x) * x` into straight-line code:
/// `log(x)` and the product are computed for every `x`, and a select keeps `s` where `x <= 0`. The
/// select gives the discarded arm an adjoint of exactly 0, and the reverse of the product then adds
/// `0 · log(x)` into `x̄`: NaN for a negative `x`, where the derivative is 0 (`sqrt`, `1 / x` and
/// `pow` fail the same way at their poles). Every partial of such a value is guarded: its term is 0
/// when the value's adjoint is, as `DerivativeRule.guardedPartials` does for pow's exponent. Values
/// used on every path keep their unguarded, cheaper reverse.
enum SpeculatedValues {
  /// The instructions of `function` whose every use is an arm of a select (not its condition) or
  /// another such instruction: the greatest such set, so that a chain (`log`, then the product)
  /// feeding one select is in it whole.
  static func find(in function: Function) -> Set<Value> {
    var candidates = Set<Value>()
    for block in function.blocks {
      for instruction in block.instructions
      where instruction.type.containsFloatingPoint && !instruction.value.users.isEmpty {
        candidates.insert(instruction.value)
      }
    }
    var changed = true
    while changed {
      changed = false
      for value in candidates where !value.users.allSatisfy({ isDiscardable(value, by: $0, in: candidates) })
      {
        candidates.remove(value)
        changed = true
      }
    }
    return candidates
  }

  /// Whether `user`'s use of `value` may discard it: an arm of a select, or an operand of a value
  /// that may itself be discarded.
  private static func isDiscardable(_ value: Value, by user: Value, in candidates: Set<Value>) -> Bool {
    guard let instruction = user.asInstruction else { return false }
    if instruction.opcode == LLVMSelect { return instruction.operand(0) != value }
    return candidates.contains(user)
  }
}
