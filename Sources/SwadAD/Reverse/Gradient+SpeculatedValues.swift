// Reverse mode: values the primal may compute and then not use, whose partials must not turn a
// zero adjoint into NaN.
import CLLVM
import LLVMBinding

/// A value the primal computes on a path where it then goes unused gets an adjoint of exactly 0
/// there, and its partials, taken where it is NaN or infinite, made that 0 NaN:
///  - clang and the pre-AD simplification turn `if (x > 0) s += log(x) * x` into straight-line
///    code: `log(x)` and the product run for every `x`, and a select keeps `s` where `x <= 0`; the
///    reverse of the product added `0 · log(x)` into `x̄`, NaN for a negative `x`;
///  - code that computes first and tests after (`double r = sqrt(x); if (x >= 0) s += r * x;`, or
///    a `continue` past the use) leaves `r` unused where the test fails, and the reverse of `sqrt`
///    added `0 · 0.5 / sqrt(x)`.
/// The derivative there is 0. So every partial of such a value that is not a constant is guarded:
/// its term is 0 when the value's adjoint is, as `DerivativeRule.guardedPartials` does for pow's
/// exponent; a call of it that takes no memory has the adjoints it returns guarded the same way.
///
/// A value is taken for used on every path when, in its own block, an instruction that is itself
/// so used, or that has an effect (a store, a call, a branch, a return), reads it other than as a
/// select's arm, or when every edge out of its block carries it to a reader (a loop's accumulator).
/// The others are guarded: values read only in some successors (a branch's arm) and values only
/// selects keep. The guard is a compare and a select per term, which vectorizes.
enum SpeculatedValues {
  /// The floating-point instructions of `function` whose results are not read on every path
  /// through their block.
  static func find(in function: Function) -> Set<Value> {
    var speculated = Set<Value>()
    for block in function.blocks {
      // The instructions of the block that run with effect or whose results are so read, decided
      // backwards, so that an instruction's readers in the block are decided before it.
      var live = Set<Value>()
      for instruction in block.instructions.reversed() {
        let read = isReadOnEveryPath(instruction, live: live)
        if read || hasEffect(instruction) { live.insert(instruction.value) }
        if !read && instruction.type.containsFloatingPoint { speculated.insert(instruction.value) }
      }
    }
    return speculated
  }

  /// A store, a call, a branch, a return: its operands are read whenever it runs. Not a math
  /// function (an intrinsic or a function of the rule table giving a float): like arithmetic, it
  /// reads its operands only for its result (`sqrt(x) * x + 1` as an `llvm.fmuladd` a select
  /// discards leaves the root unused).
  private static func hasEffect(_ instruction: Instruction) -> Bool {
    let opcode = instruction.opcode
    if instruction.isCall {
      guard instruction.type.isFloatingPointOrVector, let callee = instruction.calledFunction else {
        return true
      }
      return !callee.isIntrinsic && DerivativeRules.function(named: callee.name) == nil
    }
    return instruction.isTerminator || opcode == LLVMStore || opcode == LLVMAtomicRMW
      || opcode == LLVMAtomicCmpXchg
  }

  /// Whether an instruction of `instruction`'s block in `live` reads its result other than as a
  /// select's arm.
  private static func isReadOnEveryPath(_ instruction: Instruction, live: Set<Value>) -> Bool {
    let value = instruction.value
    let readInBlock = value.users.contains { user in
      guard let reader = user.asInstruction, reader.parent == instruction.parent, live.contains(user) else {
        return false
      }
      return reader.opcode != LLVMSelect || reader.operand(0) == value
    }
    return readInBlock || isCarriedOnEveryEdge(instruction)
  }

  /// Whether every edge out of `instruction`'s block carries its value into a phi of the successor
  /// (a loop's accumulator: the header's phi on the back edge, the exit's on the way out) or to an
  /// instruction of it, or on to a block after a successor that always goes on to it (a loop's exit
  /// block).
  private static func isCarriedOnEveryEdge(_ instruction: Instruction) -> Bool {
    func carried(from block: BasicBlock, depth: Int) -> Bool {
      let successors = block.successors
      guard !successors.isEmpty, depth < 3 else { return false }
      return successors.allSatisfy { successor in
        let phis = successor.instructions.prefix(while: \.isPhi)
        if phis.contains(where: {
          $0.incoming.contains { $0.block == block && $0.value == instruction.value }
        }) {
          return true
        }
        // Read by the successor itself (a loop's exit block using the sum, outside LCSSA form).
        let value = instruction.value
        let readThere = value.users.contains { user in
          guard let reader = user.asInstruction, reader.parent == successor, !reader.isPhi else {
            return false
          }
          return reader.opcode != LLVMSelect || reader.operand(0) == value
        }
        if readThere { return true }
        // A block that always goes on to one block passes the value on.
        return successor.successors.count == 1 && carried(from: successor, depth: depth + 1)
      }
    }
    return carried(from: instruction.parent, depth: 0)
  }
}
