// Entry-point calls whose function is chosen at run time: one derivative per function it may be.
import CLLVM
import LLVMBinding

/// clang -O2 merges the arms of a `switch` whose cases each call `__enzyme_autodiff` with a different
/// function into one call whose first argument is a `phi` (or a `select` for `c ? f : g`). Such a call
/// is replaced by a call of a dispatcher, `swad.dispatch.N`, that compares the function with each
/// candidate and makes, per candidate, the entry-point call with that function as a constant: an
/// ordinary call, differentiated like any other. Markers stay in the dispatcher's calls (they are
/// recognized by name); the other arguments become its parameters.
enum FunctionChoice {
  /// The functions `value` may be, through casts, phis and selects; nil when some input is not a
  /// function (or the value is a function itself: no choice).
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
      default: return nil
      }
    }
    return found.isEmpty ? nil : found
  }

  /// Replaces each entry-point call (`call`, not `invoke`) whose function argument is a choice of
  /// functions with a call of a dispatcher.
  static func splitCalls(in module: Module) {
    var made = 0
    for function in module.functions where !function.isDeclaration {
      for block in function.blocks {
        for call in block.instructions where call.opcode == LLVMCall {
          guard let callee = call.calledFunction, DerivativeMode.of(calleeName: callee.name) != nil else { continue }
          let arguments = call.arguments
          // The function is the first argument, or the second after a hidden `sret` pointer.
          let position = call.callSiteTypeAttribute("sret", argument: 0) != nil ? 1 : 0
          guard position < arguments.count, let choices = candidates(of: arguments[position]) else { continue }
          made += 1
          dispatch(call, functionAt: position, among: choices, in: module, name: "swad.dispatch.\(made)")
        }
      }
    }
  }

  private static func dispatch(_ call: Instruction, functionAt position: Int, among choices: [Function],
                               in module: Module, name: String) {
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
  private static func markerValue(_ argument: Value, named name: String, in module: Module, builder: Builder) -> Value {
    if argument.isConstant || argument.isMetadataAsValue { return argument }
    guard let global = module.global(named: name) else { return argument }
    return builder.load(argument.type, from: global)
  }
}
