// Reverse mode: calls of functions with a registered gradient
// (`__enzyme_register_gradient_f = { f, augmented_f, reverse_f }`).
//
// The augmented function takes f's arguments, each pointer followed by its shadow, and returns f's
// result, or `{ tape, result }` (or just the tape when f returns nothing), or nothing at all (no tape; f's
// result, if used, is then computed by f). The reverse function takes
// the same arguments, then the result's adjoint when f returns a float, then the tape if there is
// one; it returns the adjoints of f's floating-point arguments (one, or a struct of them, or void).
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// Whether a static stack slot's address reaches a call with a registered gradient: the registered
  /// reverse function reads the slot after the augmented function's frame is gone (a combined
  /// gradient runs them as two calls), so the slot must live until the reverse sweep.
  func outlivesForwardSweep(_ alloca: Instruction) -> Bool {
    guard alloca.operand(0).constantInt != nil else { return false }
    var seen: Set<Value> = []
    var work = [alloca.value]
    while let value = work.popLast() {
      guard seen.insert(value).inserted else { continue }
      for user in value.users {
        guard let instruction = user.asInstruction else { continue }
        switch instruction.opcode {
        case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMPHI, LLVMSelect:
          work.append(user)
        case LLVMCall, LLVMInvoke:
          if case .customGradient = generator.classifier.semantics(of: instruction) { return true }
          // A combined gradient's parallel region reads captured variables in its reverse sweep.
          if case .openMP(.fork) = generator.classifier.semantics(of: instruction) { return derivative.signature.combined }
        default: continue
        }
      }
    }
    return false
  }

  /// The arguments of a registered augmented or reverse function: each argument, and after each
  /// pointer its shadow (null when it has none) — or only after shadowed pointers, if `function`
  /// expects that many parameters.
  private func customArguments(_ call: Instruction, for function: Function, extra: Int,
                               primal: (Value) -> Value, shadowOf: (Value) -> Value) throws -> [Value] {
    let arguments = call.arguments
    let everyPointer = arguments.count + arguments.filter { $0.type.isPointer }.count
    let shadowedOnly = arguments.count + arguments.filter { $0.type.isPointer && shadow(of: $0) != nil }.count
    let expected = function.type.parameterTypes.count - extra
    guard expected == everyPointer || expected == shadowedOnly else {
      throw ADError(
        "the registered gradient function '\(function.name)' takes \(function.type.parameterTypes.count) "
          + "parameters; for this call it should take \(everyPointer + extra) (each argument, a shadow after "
          + "each pointer\(extra > 0 ? ", then \(extra) more" : ""))", at: call)
    }
    var values: [Value] = []
    for argument in arguments {
      values.append(primal(argument))
      if argument.type.isPointer && (expected == everyPointer || shadow(of: argument) != nil) {
        values.append(shadowOf(argument))
      }
    }
    return values
  }

  func emitCustomAugmentedCall(_ call: Instruction, gradient: CustomRules.Gradient) throws {
    let augmented = gradient.augmented
    let values = try customArguments(call, for: augmented, extra: 0, primal: { map[$0] }, shadowOf: shadowInForward)
    let result = builder.call(augmented, values)
    let resultType = call.type
    let returned = augmented.returnType
    if resultType.isVoid {
      if returned.isPointer { auxiliaries[call.value] = result }
    } else if returned == resultType {
      map.map(call.value, to: result)
    } else if returned.isVoid, !resultType.isPointer {
      // No tape and no result: the augmented function only has effects. The primal result, where
      // the forward sweep uses it, comes from the primal function itself.
      if call.value.users.isEmpty { map.map(call.value, to: Value.poison(resultType)) } else { copyPrimal(call) }
    } else if returned.isStruct, returned.structElements.count >= 2, returned.structElements[0].isPointer,
      returned.structElements[1] == resultType
    {
      auxiliaries[call.value] = builder.extractValue(result, 0, "tape")
      map.map(call.value, to: builder.extractValue(result, 1))
    } else {
      throw ADError(
        "the registered augmented function '\(augmented.name)' returns \(returned); it should return "
          + "\(resultType) or { ptr tape, \(resultType) }", at: call)
    }
  }

  func reverseCustomCall(_ call: Instruction, gradient: CustomRules.Gradient, in block: BasicBlock) throws {
    let reverseFunction = gradient.reverse
    let hasTape = auxiliaries[call.value] != nil
    let hasResultAdjoint = call.type.isFloatingPoint
    var values = try customArguments(
      call, for: reverseFunction, extra: (hasTape ? 1 : 0) + (hasResultAdjoint ? 1 : 0),
      primal: { primalInReverse($0, at: block) }, shadowOf: { shadowInReverse($0, at: block) })
    if hasResultAdjoint { values.append(takeAdjoint(call.value)) }
    if hasTape { values.append(primalOfAuxiliary(call, at: block)) }
    let adjoints = builder.call(reverseFunction, values)
    let floats = call.arguments.filter { $0.type.containsFloatingPoint && !$0.type.containsPointer }
    let returned = reverseFunction.returnType
    if returned.isVoid { return }
    if floats.count == 1, returned == floats[0].type {
      addAdjoint(floats[0], adjoints)
    } else if returned.isStruct, returned.structElements.count == floats.count {
      for (index, argument) in floats.enumerated() {
        addAdjoint(argument, builder.extractValue(adjoints, UInt32(index)))
      }
    } else {
      throw ADError(
        "the registered reverse function '\(reverseFunction.name)' returns \(returned); it should return the "
          + "adjoints of the \(floats.count) floating-point arguments (void, one value, or a struct)", at: call)
    }
  }
}
