// Entry-point calls whose function is chosen at run time: one derivative per function it may be.
import CLLVM
import LLVMBinding

/// clang -O2 merges the arms of a `switch` whose cases each call `__enzyme_autodiff` with a different
/// function into one call whose first argument is a `phi` (or a `select` for `c ? f : g`). Such a call
/// is replaced by a call of a dispatcher, `swad.dispatch.N`, that compares the function with each
/// candidate and makes, per candidate, the entry-point call with that function as a constant: an
/// ordinary call, differentiated like any other. Markers stay in the dispatcher's calls (they are
/// recognized by name); the other arguments become its parameters.
///
/// Unoptimized code (whose caller the pre-AD simplification leaves as it is) passes the function
/// through a stack slot (`double (*f)(double *) = sq;`) or as what a call returns (a captureless
/// lambda converted to a function pointer, `+[](double *x) { … }`, by its conversion operator, whose
/// body returns the lambda's static `__invoke`): the slot's stores and the callee's returns are
/// looked through too. Such a call was refused ("the first argument … must be a function"). One
/// function found is put in the call's place.
enum FunctionChoice {
  /// The functions `value` may be, through casts, phis, selects, stack slots that only hold
  /// functions, and calls of functions that return one; nil when some input is not a function (or
  /// the value is a function itself: no choice).
  static func candidates(of value: Value) -> [Function]? {
    let stripped = value.strippingPointerCasts
    guard stripped.asFunction == nil else { return nil }
    var found: [Function] = []
    var seen: Set<Value> = []
    var work = [stripped]
    while let current = work.popLast() {
      guard seen.insert(current).inserted else { continue }
      if let function = current.asFunction {
        if !found.contains(function) { found.append(function) }
        continue
      }
      guard let instruction = current.asInstruction else { return nil }
      switch instruction.opcode {
      case LLVMPHI: work += instruction.incoming.map { $0.value.strippingPointerCasts }
      case LLVMSelect: work += [instruction.operand(1), instruction.operand(2)].map(\.strippingPointerCasts)
      case LLVMLoad:
        guard let stored = valuesStored(in: instruction.operand(0).strippingPointerCasts) else { return nil }
        work += stored.map(\.strippingPointerCasts)
      case LLVMCall:
        guard let callee = instruction.calledFunction, !callee.isDeclaration, callee.returnType.isPointer
        else {
          return nil
        }
        let returns = callee.blocks.compactMap(\.terminator).filter { $0.opcode == LLVMRet }
        guard !returns.isEmpty else { return nil }
        work += returns.map { $0.operand(0).strippingPointerCasts }
      default: return nil
      }
    }
    return found.isEmpty ? nil : found
  }

  /// What is stored into the stack slot `slot`, when it is only stored into and loaded from (its
  /// address kept to itself); nil otherwise.
  private static func valuesStored(in slot: Value) -> [Value]? {
    guard let alloca = slot.asInstruction, alloca.opcode == LLVMAlloca else { return nil }
    var stored: [Value] = []
    for user in alloca.value.users {
      guard let instruction = user.asInstruction else { return nil }
      switch instruction.opcode {
      case LLVMLoad: continue
      case LLVMStore where instruction.operand(1) == alloca.value && instruction.operand(0) != alloca.value:
        stored.append(instruction.operand(0))
      case LLVMCall where instruction.calledFunction?.name.hasPrefix("llvm.lifetime.") == true:
        continue
      default:
        return nil
      }
    }
    return stored.isEmpty ? nil : stored
  }

  /// Replaces each entry-point call (`call`, not `invoke`) whose function argument is a choice of
  /// functions with a call of a dispatcher.
  static func splitCalls(in module: Module) {
    var made = 0
    for function in module.functions where !function.isDeclaration {
      for block in function.blocks {
        for call in block.instructions where call.opcode == LLVMCall {
          guard let callee = call.calledFunction, DerivativeMode.of(calleeName: callee.name) != nil else {
            continue
          }
          let arguments = call.arguments
          // The function is the first argument, or the second after a hidden `sret` pointer.
          let position = call.callSiteTypeAttribute("sret", argument: 0) != nil ? 1 : 0
          guard position < arguments.count, let choices = candidates(of: arguments[position]) else {
            continue
          }
          if choices.count == 1 {
            // (The function itself, cast as the argument was: `(void *)f` in C is the pointer.)
            call.setOperand(position, choices[0].value)
            continue
          }
          made += 1
          dispatch(call, functionAt: position, among: choices, in: module, name: "swad.dispatch.\(made)")
        }
      }
    }
  }

  private static func dispatch(
    _ call: Instruction, functionAt position: Int, among choices: [Function],
    in module: Module, name: String
  ) {
    let arguments = call.arguments
    let passed = arguments.enumerated().filter { index, argument in
      index != position && ActivityMarker.name(of: argument) == nil
    }
    let pointer = IRType.pointer(in: module.context)
    let dispatcher = module.addFunction(
      named: name, type: .function(returning: call.type, [pointer] + passed.map(\.element.type)))
    dispatcher.linkage = LLVMInternalLinkage
    let builder = Builder(context: module.context)
    builder.position(atEndOf: dispatcher.appendBlock(named: "entry"))
    builder.debugLocation = call.debugLocation
    for (index, choice) in choices.enumerated() {
      let isLast = index == choices.count - 1
      let chosen = dispatcher.appendBlock(named: choice.name)
      let next = isLast ? nil : dispatcher.appendBlock(named: "next")
      if let next {
        builder.condBr(builder.icmp(LLVMIntEQ, dispatcher.parameter(0), choice.value), chosen, next)
      } else {
        builder.br(chosen)  // the function is one of the choices: the last needs no test
      }
      builder.position(atEndOf: chosen)
      var values: [Value] = []
      var parameter = 1
      for (argumentIndex, argument) in arguments.enumerated() {
        if argumentIndex == position {
          values.append(choice.value)
        } else if let marker = ActivityMarker.name(of: argument) {
          values.append(markerValue(argument, named: marker, in: module, builder: builder))
        } else {
          values.append(dispatcher.parameter(parameter))
          parameter += 1
        }
      }
      let result = builder.call(type: call.calledFunctionType, call.calledOperand, values)
      Instruction(result.ref).callingConvention = call.callingConvention
      if call.type.isVoid { builder.retVoid() } else { builder.ret(result) }
      if let next { builder.position(atEndOf: next) }
    }
    let replacement = Builder(context: module.context)
    replacement.position(before: call)
    replacement.debugLocation = call.debugLocation
    let made = replacement.call(dispatcher, [arguments[position]] + passed.map(\.element))
    if !call.type.isVoid { call.value.replaceAllUses(with: made) }
    call.eraseFromParent()
  }

  /// A marker argument usable in the dispatcher: constants as they are, loads of the marker global
  /// made again.
  private static func markerValue(_ argument: Value, named name: String, in module: Module, builder: Builder)
    -> Value
  {
    if argument.isConstant || argument.isMetadataAsValue { return argument }
    guard let global = module.global(named: name) else { return argument }
    return builder.load(argument.type, from: global)
  }
}
