// Which shadow pointers may stand for constant data: those that equal their primal at run time.
import CLLVM
import LLVMBinding

/// A pointer that needs no derivative (an `enzyme_const` array, a table of indices) can still meet
/// shadowed data: it is stored into memory that has a shadow (a struct of an active and a constant
/// array; any stack slot of unoptimized code), or merged with an active pointer by a `phi` or
/// `select` (`p = c ? x : w`). Its shadow there is the pointer itself, as in Enzyme's runtime
/// activity: a shadow equal to its primal marks constant data. A null shadow would crash the first
/// load through it; a guess would be a silently wrong derivative.
///
/// Derivative code that reads or writes through such a shadow checks it: a tangent or adjoint read
/// through a shadow equal to the primal is zero, and nothing is written through it (the primal's
/// bytes are stored back, so that the primal memory never sees a derivative). This analysis finds
/// the values whose shadow may be such a pointer, so that only they pay for the check: shadows of
/// arguments (the caller's, unless the caller says otherwise), of stack slots and allocations are
/// real, and so is every pointer derived from one.
struct ConstantShadows {
  private(set) var values: Set<Value> = []
  /// Parameters whose loaded pointers have real shadows.
  private var realPointees: Set<Value> = []

  /// - Parameters:
  ///   - parameters: indices of parameters whose shadow the caller may have passed as the primal.
  ///   - activity: the function's activity; only varied pointers (those with shadows) are candidates.
  ///   - shadowedPointees: indices of pointer parameters whose memory holds one pointer with a real
  ///     shadow (a parallel region's captured variable, `Gradient+OpenMP`): loads of it, where the
  ///     function never writes it, are not constant.
  init(function: Function, parameters: Set<Int>, activity: ActivityAnalysis, shadowedPointees: Set<Int> = [])
  {
    for index in parameters { values.insert(function.parameter(index)) }
    for index in shadowedPointees {
      let parameter = function.parameter(index)
      let written = parameter.users.contains { user in
        guard let instruction = user.asInstruction else { return true }
        return instruction.opcode != LLVMLoad
      }
      if !written { realPointees.insert(parameter) }
    }
    let instructions = function.blocks.flatMap(\.instructions)
    var changed = true
    while changed {
      changed = false
      for instruction in instructions where !values.contains(instruction.value) {
        if mayBeConstant(instruction, activity: activity) {
          values.insert(instruction.value)
          changed = true
        }
      }
    }
  }

  /// Whether the shadow of `value` may equal `value` itself.
  func contains(_ value: Value) -> Bool { values.contains(value) }

  private func mayBeConstant(_ instruction: Instruction, activity: ActivityAnalysis) -> Bool {
    let type = instruction.type
    guard activity.isVaried(instruction.value),
      type.containsPointer || ActivityAnalysis.canCarryAddress(type)
    else { return false }
    switch instruction.opcode {
    case LLVMLoad:
      // Memory may hold a constant pointer stored beside active ones, here or by a caller; or a
      // constant address as an integer (a Swift indirect enum's payload word: a new node that wraps
      // a constant tree keeps the tree's own word in its shadow).
      guard !realPointees.contains(instruction.operand(0)) else { return false }
      return type.containsPointer || Self.isAddressWord(instruction.value)
    case LLVMCall, LLVMInvoke:
      // A callee may return a pointer it loaded; an allocation's shadow is a fresh allocation.
      switch activity.classifier.semantics(of: instruction) {
      case .allocation: return false
      default: return true
      }
    case LLVMPHI:
      return instruction.incoming.contains { mergesConstant($0.value, activity: activity) }
    case LLVMSelect:
      return [instruction.operand(1), instruction.operand(2)].contains {
        mergesConstant($0, activity: activity)
      }
    case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMPtrToInt, LLVMIntToPtr, LLVMFreeze,
      LLVMExtractValue, LLVMInsertValue:
      return values.contains(instruction.operand(0))
    case LLVMAdd, LLVMSub, LLVMAnd, LLVMOr:
      guard let index = ActivityAnalysis.addressOperand(of: instruction, varied: activity.isVaried) else {
        return false
      }
      return values.contains(instruction.operand(index))
    default:
      return false
    }
  }

  /// Whether the 64-bit integer `value` is used as an address and never as a float's bits: made a
  /// pointer, here or after the address arithmetic and merges that keep it one, or handed to a call
  /// that may make it one. Read through a constant shadow, such a word is its own shadow, as a
  /// pointer is. A word whose bits are also taken for a float (a Swift enum's word holds a `Double`
  /// in one case, a box's address in another; the pre-AD preparation reads such a float as a
  /// `double` load of its own, checked as every float is) is not kept: read as zero there, its
  /// address use faults on a null shadow instead of reading the constant as its own tangent.
  static func isAddressWord(_ value: Value) -> Bool {
    guard value.type.isInteger, value.type.integerWidth == 64 else { return false }
    var seen: Set<Value> = [value]
    var work = [value]
    var address = false
    while let next = work.popLast() {
      for user in next.users {
        guard let instruction = user.asInstruction else { continue }
        switch instruction.opcode {
        case LLVMIntToPtr: address = true
        case LLVMBitCast where instruction.type.containsFloatingPoint: return false
        // Stored whole where a `Double` is declared (a payload word appended to a `[Double]`).
        case LLVMStore
        where instruction.operand(0) == next && ActivityAnalysis.storesIntoDeclaredFloat(instruction):
          return false
        case LLVMCall, LLVMInvoke:
          if instruction.arguments.contains(next), instruction.calledFunction?.isIntrinsic != true {
            address = true
          }
        case LLVMAnd, LLVMOr, LLVMAdd, LLVMSub, LLVMPHI, LLVMSelect, LLVMFreeze, LLVMTrunc, LLVMLShr,
          LLVMBitCast:
          if seen.insert(instruction.value).inserted, seen.count < 64 { work.append(instruction.value) }
        default: continue
        }
      }
    }
    return address
  }

  /// Whether an incoming value of a merge brings a shadow that may be its primal: a pointer without
  /// a shadow of its own (constants excepted: null stays null, and constant tables get zero shadows),
  /// or one that may already be such a pointer.
  private func mergesConstant(_ value: Value, activity: ActivityAnalysis) -> Bool {
    if values.contains(value) { return true }
    if value.isConstant { return false }
    return !activity.isVaried(value)
  }
}
