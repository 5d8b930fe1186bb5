// By-value parameters (`byval`): the callee's own copy of an argument, which it may write.
import CLLVM
import LLVMBinding

/// A struct passed by value in memory (`byval`, larger than two registers) is the callee's own
/// copy: the callee may overwrite it with values that have derivatives, then read them back (an
/// integrator's `State y` advanced in place, `y = step(a, &y)`). When the caller's argument has no
/// shadow (a constant: clang passes `@__const.f.y0` itself), the copy had none either, and those
/// values' derivatives were lost there: the unshadowed-memory check stopped the program. Such a
/// parameter gets a shadow anyway, of zeros, like a stack slot of the callee's.
enum ByValueParameters {
  /// The type of `function`'s by-value parameter `index`, if it is one.
  static func type(of function: Function, parameter index: Int) -> IRType? {
    let kind = LLVMGetEnumAttributeKindForName("byval", 5)
    guard index < function.parameters.count,
      let attribute = LLVMGetEnumAttributeAtIndex(function.ref, LLVMAttributeIndex(index + 1), kind)
    else { return nil }
    return LLVMGetTypeAttributeValue(attribute).map(IRType.init)
  }

  /// Gives the argument `to` of `derivativeCall` the `byval` (and `align`) of the argument `from` of
  /// `call`: an augmented function keeps its primal's by-value parameters, and a call site must say
  /// so too. Without it, the optimizer took the caller's copy into its temporary (`value =
  /// std::move(*result)` before `__adjust_heap(first, 0, len, value)`) for memory no one reads, and
  /// deleted it: the record reached the heap as garbage, its gradient 0, silently.
  static func copyCallSiteAttributes(
    ofArgument from: Int, of call: Instruction, to to: Int, of derivativeCall: Value
  ) {
    // Only where the derivative's parameter is by value itself.
    guard let callee = LLVMGetCalledValue(derivativeCall.ref), LLVMIsAFunction(callee) != nil,
      type(of: Function(callee), parameter: to) != nil
    else { return }
    for name in ["byval", "align"] {
      let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
      if let attribute = LLVMGetCallSiteEnumAttribute(call.ref, LLVMAttributeIndex(from + 1), kind) {
        LLVMAddCallSiteAttribute(derivativeCall.ref, LLVMAttributeIndex(to + 1), attribute)
      }
    }
  }

  /// Whether `function` may write its by-value parameter `index`: the parameter (or an address
  /// derived from it) is stored to, stored itself, or handed to a call. A copy only read needs no
  /// shadow of its own.
  static func isWritten(_ function: Function, parameter index: Int) -> Bool {
    guard !function.isDeclaration, index < function.parameters.count else { return false }
    var seen: Set<Value> = []
    var work = [function.parameters[index]]
    while let value = work.popLast() {
      guard seen.insert(value).inserted else { continue }
      for user in value.users {
        guard let instruction = user.asInstruction else { return true }
        switch instruction.opcode {
        case LLVMLoad: continue
        case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMPHI, LLVMSelect:
          work.append(instruction.value)
        case LLVMICmp: continue
        default: return true  // a store (to it or of it), a call, a conversion to an integer
        }
      }
    }
    return false
  }

  /// A constant of zeros as large as `type`, for a by-value tangent that is all zeros (the call
  /// copies it).
  static func zeros(of type: IRType, in module: Module) -> Value {
    let name = "swad.zeros.\(module.allocSize(of: type))"
    if let existing = LLVMGetNamedGlobal(module.ref, name) { return Value(existing) }
    let global = module.addGlobal(named: name, type: type)
    global.initializer = Value.null(type)
    global.linkage = LLVMPrivateLinkage
    LLVMSetGlobalConstant(global.ref, 1)
    LLVMSetAlignment(global.ref, 16)
    return global
  }
}
