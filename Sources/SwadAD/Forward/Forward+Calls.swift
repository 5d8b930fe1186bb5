// Forward mode, calls: rules for math functions, shadows for allocations and memory transfer,
// synthesized derivatives for defined functions, errors for the rest.
import CLLVM
import LLVMBinding

extension ForwardEmitter {
  func visitCall(_ call: Instruction) throws {
    let arguments = call.arguments
    let anyArgumentVaried = arguments.contains { activity.isActiveArgument($0) }
    if let name = call.calledFunction?.name, name == "swad.tape.start" || name == "swad.tape.free",
      hasTangent(arguments[0])
    {
      emitTapeLifetime(call, starts: name == "swad.tape.start")
      return
    }
    switch generator.classifier.semantics(of: call) {
    case .inactive:
      copyPrimal(call)
    case .referenceCounting:
      // A shadow object's count follows its primal's, so both are freed together.
      copyPrimal(call)
      if let first = arguments.first, hasTangent(first) { _ = laneCopies(of: call, tangentOperands: [0]) }
    case .rule(let rule):
      let primal = copyPrimal(call)
      if activity.isVaried(call.value) {
        tangents[call.value] = ruleTangent(rule, operands: arguments, result: primal.value, type: call.type)
      }
    case .memoryTransfer:
      copyPrimal(call)
      guard hasTangent(arguments[0]) else { return }
      if hasTangent(arguments[1]) {
        _ = laneCopies(of: call, tangentOperands: [0, 1])
      } else {
        // Copying constant data: the destination's tangent becomes zero.
        for shadow in tangent(of: arguments[0]) {
          _ = builder.memset(shadow, byte: Value.constInt(IRType.int(8, in: module.context), 0),
                             length: map[arguments[2]])
        }
      }
    case .memorySet:
      copyPrimal(call)
      guard hasTangent(arguments[0]) else { return }
      for shadow in tangent(of: arguments[0]) {
        _ = builder.memset(shadow, byte: Value.constInt(IRType.int(8, in: module.context), 0),
                           length: map[arguments[2]])
      }
    case .allocation(let kind):
      copyPrimal(call)
      tangents[call.value] = emitShadowAllocation(call, kind: kind)
    case .deallocation:
      copyPrimal(call)
      if hasTangent(arguments[0]) { _ = laneCopies(of: call, tangentOperands: [0]) }
    case .customDerivative(_, let forward):
      if anyArgumentVaried { try emitCustomDerivativeCall(call, forward: forward) } else { copyPrimal(call) }
    case .customGradient:
      preconditionFailure("custom gradients are classified for reverse mode only")
    case .defined(let callee):
      if anyArgumentVaried || generator.globals.isTouched(by: callee) {
        try emitDerivativeCall(call, callee: callee)
      } else {
        copyPrimal(call)
      }
    case .unknown(let callee):
      try activity.requireNoDerivativeData(in: call, else: .noDerivative(for: callee, mode: .forward, at: call))
      copyPrimal(call)
    case .indirect:
      try activity.requireNoDerivativeData(in: call, else: .indirectCall(at: call))
      copyPrimal(call)
    }
  }


  /// One shadow allocation per lane, made by the same allocator with the same arguments, zeroed.
  private func emitShadowAllocation(_ call: Instruction, kind: CallSemantics.AllocationKind) -> [Value] {
    let oldShadows: [Value?] = {
      if case .resize = kind { return tangent(of: call.arguments[0]).map { $0 } }
      return Array(repeating: nil, count: width)
    }()
    return oldShadows.map {
      builder.shadowAllocation(of: call, kind: kind, mapping: map, oldShadow: $0, module: module)
    }
  }

  /// A call of a defined function with active arguments calls its forward derivative.
  private func emitDerivativeCall(_ call: Instruction, callee: Function) throws {
    let arguments = call.arguments
    if callee.type.isVariadic {
      throw ADError("cannot differentiate a call of variadic function '\(callee.name)' with active arguments",
                    at: call)
    }
    let signature = ForwardSignature(
      function: callee,
      tangentParameters: arguments.map {
        hasTangent($0) && (ActivityAnalysis.canCarryDerivative($0.type) || ActivityAnalysis.canCarryAddress($0.type))
      },
      width: width)
    let derivative = try generator.derivative(signature)
    var values: [Value] = []
    for (argument, hasTangent) in zip(arguments, signature.tangentParameters) {
      values.append(map[argument])
      if hasTangent { values.append(Repack.pack(tangent(of: argument), builder: builder)) }
    }
    let result = builder.call(derivative.function, values, call.value.name)
    if derivative.returnsTangent {
      map.map(call.value, to: builder.extractValue(result, 0, call.value.name))
      let packed = builder.extractValue(result, 1)
      tangents[call.value] = Repack.unpack(packed, width: width, builder: builder)
    } else if !call.type.isVoid {
      map.map(call.value, to: result)
    }
  }
}

extension ForwardEmitter {
  /// A call of a function with a registered forward derivative
  /// (`__enzyme_register_derivative_f = { f, forward_f }`). `forward_f` takes each argument followed,
  /// for floats and pointers, by its tangent or shadow; it returns the result's tangent, or
  /// `{ result, tangent }`.
  func emitCustomDerivativeCall(_ call: Instruction, forward: Function) throws {
    guard width == 1 else {
      throw ADError("registered forward derivatives cannot be batched (enzyme_width) yet", at: call)
    }
    let arguments = call.arguments
    var values: [Value] = []
    for argument in arguments {
      values.append(map[argument])
      if ActivityAnalysis.canCarryDerivative(argument.type) { values.append(tangent(of: argument)[0]) }
    }
    guard values.count == forward.type.parameterTypes.count else {
      throw ADError(
        "the registered derivative '\(forward.name)' takes \(forward.type.parameterTypes.count) parameters; "
          + "for this call it should take \(values.count) (each argument, followed by its tangent for floats "
          + "and pointers)", at: call)
    }
    let result = builder.call(forward, values)
    let resultType = call.type
    if resultType.isVoid { return }
    if forward.returnType == resultType {
      copyPrimal(call)
      tangents[call.value] = [result]
    } else if forward.returnType == IRType.structure([resultType, resultType], in: module.context)
      || Repack.leafTypes(forward.returnType) == Repack.leafTypes(resultType) + Repack.leafTypes(resultType)
    {
      map.map(call.value, to: builder.extractValue(result, 0))
      tangents[call.value] = [builder.extractValue(result, 1)]
    } else {
      throw ADError(
        "the registered derivative '\(forward.name)' returns \(forward.returnType); it should return the "
          + "tangent (\(resultType)) or { result, tangent }", at: call)
    }
  }
}

extension ForwardEmitter {
  /// The tape of a gradient being differentiated again (forward over reverse) starts empty and is
  /// freed at the end, primal and shadow alike: the buffer kept for the next gradient call has no
  /// shadow, so it is not reused here.
  func emitTapeLifetime(_ call: Instruction, starts: Bool) {
    let tapeType = IRType.structure(Array(repeating: IRType.pointer(in: module.context), count: 3), in: module.context)
    let tapes = [map[call.arguments[0]]] + tangent(of: call.arguments[0])
    if starts {
      for tape in tapes { builder.store(Value.null(tapeType), to: tape) }
      return
    }
    let free = module.declareFunction(
      named: "free", type: .function(returning: IRType.void(in: module.context), [IRType.pointer(in: module.context)]))
    for tape in tapes { builder.call(free, [builder.load(IRType.pointer(in: module.context), from: tape)]) }
  }
}
