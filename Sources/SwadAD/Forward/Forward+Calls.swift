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
    if TapeRuntime.reservesReleaseRecord(call), let reserve = call.calledFunction {
      emitReleaseRecords(call, reserve: reserve)
      return
    }
    switch generator.classifier.semantics(of: call) {
    case .inactive:
      copyPrimal(call)
    case .mirroredOnShadows:
      // The same call on the shadows, when the memory it changes has one that is not the primal.
      copyPrimal(call)
      guard let target = KnownFunctions.mirrorTarget(of: call), hasTangent(target) else { return }
      var results: [Value] = []
      for lane in 0..<width {
        let shadowArguments = arguments.enumerated().map { index, argument in
          argument.type.isPointer && !KnownFunctions.mirrorPassesPrimal(call, argument: index)
            ? tangent(of: argument)[lane] : map[argument]
        }
        func mirror() -> Value { call.shadowCallCopy(arguments: shadowArguments, builder: builder) }
        if KnownFunctions.mirrorIsGuarded(call, targetMayBeConstant: constantShadows.contains(target)) {
          if call.type.isPointer {
            results.append(
              builder.unlessConstantShadow(
                tangent(of: target)[lane], primal: map[target], otherwise: map[call.value], mirror))
          } else {
            builder.unlessConstantShadow(tangent(of: target)[lane], primal: map[target]) { _ = mirror() }
          }
        } else {
          results.append(mirror())
        }
      }
      if call.type.isPointer, results.count == width { tangents[call.value] = results }
    case .referenceCounting:
      // A shadow object's count follows its primal's, so both are freed together; an object
      // without one is its own, counted as `SwiftRuntime.mirrorsOnPrimal` says.
      copyPrimal(call)
      if let first = arguments.first, hasTangent(first) {
        copyForEachActiveShadow(call)
      } else if SwiftRuntime.mirrorsOnPrimal(call, counted: countedOnThemselves) {
        for _ in 0..<width {
          let made = call.cloneForDerivative()
          for index in 0..<made.operandCount { made.setOperand(index, map[call.operand(index)]) }
          builder.insert(made)
        }
      }
    case .rule(let rule):
      let primal = copyPrimal(call)
      if activity.isVaried(call.value) {
        tangents[call.value] = ruleTangent(rule, operands: arguments, result: primal.value, type: call.type)
      }
      // Values written through pointers (frexp's exponent, modf's integral part) have tangent zero.
      for output in rule.outputs where hasTangent(arguments[output.operand]) {
        let type = output.isInteger ? IRType.int(32, in: module.context) : call.type
        for shadow in tangent(of: arguments[output.operand]) {
          _ = builder.store(Value.null(type), to: shadow)
        }
      }
    case .arrayElementCopy:
      // The same call on the tangents: the references the elements hold, with their retains, and the
      // floating-point fields' tangents; from constant elements (their own shadows) those are zero.
      copyPrimal(call)
      guard hasTangent(arguments[0]) else { return }
      let fromConstant = !hasTangent(arguments[1])
      let element = try SwiftRuntime.elementType(
        copiedBy: call, accessedAs: inferredTypeOfMemory(reachedBy: [arguments[0], arguments[1]]),
        module: module)
      for lane in 0..<width {
        builder.copyElements(
          like: call, into: tangent(of: arguments[0])[lane],
          from: fromConstant ? map[arguments[1]] : tangent(of: arguments[1])[lane], mapped: { self.map[$0] },
          element: element, clearing: fromConstant,
          primal: constantShadows.contains(arguments[0]) ? map[arguments[0]] : nil, module: module)
      }
    case .memoryTransfer:
      copyPrimal(call)
      let sides = arguments.prefix(2).map { pointer in
        (
          shadow: hasTangent(pointer) ? tangent(of: pointer)[0] : nil,
          mayBeConstant: constantShadows.contains(pointer)
        )
      }
      UnshadowedMemory.checkTransfer(
        call, destination: sides[0], source: sides[1], mapped: { self.map[$0] }, builder: builder,
        module: module)
      guard hasTangent(arguments[0]) else { return }
      let zero = { (shadow: Value) in self.copyConstantMemory(arguments[1], into: shadow, call: call) }
      guard hasTangent(arguments[1]) else { return forEachActiveShadow(of: arguments[0], zero) }
      let source = arguments[1]
      for (destinationShadow, sourceShadow) in zip(tangent(of: arguments[0]), tangent(of: source)) {
        let copy = {
          let made = call.cloneForDerivative()
          for index in 0..<made.operandCount { made.setOperand(index, self.map[call.operand(index)]) }
          made.setOperand(0, destinationShadow)
          made.setOperand(1, sourceShadow)
          self.builder.insert(made)
        }
        let guardedCopy = {
          guard self.constantShadows.contains(source) else { return copy() }
          self.builder.branchOnConstantShadow(
            sourceShadow, primal: self.map[source], constant: { zero(destinationShadow) },
            active: copy)
        }
        if constantShadows.contains(arguments[0]) {
          builder.unlessConstantShadow(destinationShadow, primal: map[arguments[0]], guardedCopy)
        } else {
          guardedCopy()
        }
      }
    case .sort(let routine):
      try emitSortForward(call, routine)
    case .search(let routine):
      emitSearchForward(call, routine)
    case .memorySet:
      copyPrimal(call)
      guard hasTangent(arguments[0]) else { return }
      forEachActiveShadow(of: arguments[0]) { shadow in
        _ = self.builder.memset(
          shadow, byte: Value.constInt(IRType.int(8, in: self.module.context), 0),
          length: self.map[arguments[2]])
      }
    case .allocation(.writtenThrough):
      copyPrimal(call)
      guard hasTangent(arguments[0]) else { return }
      for slot in tangent(of: arguments[0]) {
        _ = builder.shadowAllocation(
          of: call, kind: .writtenThrough, mapping: map, oldShadow: slot, module: module)
      }
    case .allocation(.swiftStackObject):
      copyPrimal(call)
      let slot = try stackObjectSlot(of: call)
      let block = builder.insertBlock
      tangents[call.value] = (0..<width).map { _ in
        // Beside the primal slot (a static alloca stays static).
        let shadowSlot = slot.cloneForDerivative()
        builder.position(before: Instruction(map[slot.value].ref))
        builder.insert(shadowSlot, "'" + slot.value.name)
        builder.position(atEndOf: block)
        _ = builder.memset(
          shadowSlot.value, byte: Value.constInt(IRType.int(8, in: module.context), 0),
          length: allocaByteSize(slot), alignment: slot.alignment)
        return builder.shadowAllocation(
          of: call, kind: .swiftStackObject, mapping: map, oldShadow: shadowSlot.value, module: module)
      }
    case .allocation(.swiftStaticObject):
      copyPrimal(call)
      let object = try GlobalShadows.staticObjectShadow(of: call, reverseMode: false, module: module)
      // Every lane reads zeros from the one shadow, which nothing writes.
      tangents[call.value] = (0..<width).map { _ in
        builder.shadowAllocation(
          of: call, kind: .swiftStaticObject, mapping: map, oldShadow: object, module: module)
      }
    case .allocation(let kind):
      copyPrimal(call)
      if case .resize = kind, !arguments[0].isNull,
        tangent(of: arguments[0]).allSatisfy({ $0 == map[arguments[0]] })
      {
        // realloc of constant data (a block reached through an `enzyme_const` argument, whose
        // pointers are their own shadows): the new block is constant data too. Resized as a
        // shadow, the block the primal's realloc had just freed or moved was realloc'd again. A
        // null block is none (`reallocarray(NULL, n, size)`, which LLVM leaves as it is where it
        // makes `realloc(NULL, size)` a malloc): the new block is fresh and gets its own shadow.
        tangents[call.value] = Array(repeating: map[call.value], count: width)
      } else {
        tangents[call.value] = emitShadowAllocation(call, kind: kind)
      }
    case .deallocation:
      copyPrimal(call)
      if hasTangent(arguments[0]) { copyForEachActiveShadow(call) }
    case .customDerivative(_, let forward):
      if anyArgumentVaried { try emitCustomDerivativeCall(call, forward: forward) } else { copyPrimal(call) }
    case .customGradient:
      preconditionFailure("custom gradients are classified for reverse mode only")
    case .defined(let callee):
      if anyArgumentVaried || activity.isVaried(call.value) || generator.globals.isTouched(by: callee) {
        guard IndirectCallPromotion.isCandidate(call) else {
          return try emitDerivativeCall(call, callee: callee)
        }
        do { try emitDerivativeCall(call, callee: callee) } catch let error as ADError {
          IndirectCallPromotion.emitUndifferentiableTrap(
            for: call, reason: error, module: module, builder: builder)
          copyPrimal(call)
        }
      } else {
        try UnshadowedMemory.requireNoDerivativeHandedAway(
          in: call, function: original, isVaried: activity.isVaried)
        copyPrimal(call)
      }
    case .blas(let function):
      try visitBLASCall(call, function)
    case .mpi(let function):
      try visitMPICall(call, function)
    case .openMP(let kind):
      try visitOpenMPCall(call, kind)
    case .unknown(let callee):
      try Threads.refuse(call, callee: callee)
      try activity.requireNoDerivativeData(
        in: call, else: .noDerivative(for: callee, mode: .forward, at: call))
      copyPrimal(call)
    case .indirect:
      if IndirectCallPromotion.isUnresolved(call), activity.receivesDerivativeData(call) {
        // Reached only for a function outside the module: stop there rather than be wrong.
        IndirectCallPromotion.emitUnresolvedTrap(
          for: call, target: map[call.calledOperand], module: module, builder: builder)
      } else {
        try activity.requireNoDerivativeData(in: call, else: .indirectCall(at: call))
      }
      copyPrimal(call)
    }
  }

  /// A copy of `call` whose first argument is its shadow, per lane, skipping lanes whose shadow is
  /// the primal (a free or a reference count of a constant object is the primal's business).
  private func copyForEachActiveShadow(_ call: Instruction) {
    forEachActiveShadow(of: call.arguments[0]) { shadow in
      // A C block's shadow may serve the next call (`ShadowBlocks`).
      if call.calledFunction?.name == "free", call.arguments.count == 1 {
        self.builder.call(ShadowBlocks.release(in: self.module), [shadow])
        return
      }
      let made = call.cloneForDerivative()
      for index in 0..<made.operandCount { made.setOperand(index, self.map[call.operand(index)]) }
      made.setOperand(0, shadow)
      self.builder.insert(made)
    }
  }

  /// Per argument, whether the shadow passed may be the primal pointer; empty when none may.
  func constantShadowFlags(_ arguments: [Value]) -> [Bool] {
    let flags = arguments.map { hasTangent($0) && constantShadows.contains($0) }
    return flags.contains(true) ? flags : []
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

  /// A gradient differentiated again (forward over reverse) registers the shadow blocks it will
  /// release when it is done on a thread's list (`@swad.release.after`, records of `{ block,
  /// release function }`); each of those blocks has a tangent of its own here, released with it.
  /// So each record gets one record more per lane, on the same list, for the tangents: the list's
  /// own growth is the runtime's and is not differentiated. Differentiated, it realloc'd the list's
  /// block a second time as its "shadow" (a block freed twice once the list grew past its first
  /// 64 KiB, a crash), and the tangent blocks leaked.
  private func emitReleaseRecords(_ call: Instruction, reserve: Function) {
    copyPrimal(call)
    let arguments = call.arguments.map { map[$0] }
    tangents[call.value] = (0..<width).map { _ in
      builder.call(reserve, arguments, call.value.name + ".tangent")
    }
  }

  /// A call of a defined function with active arguments calls its forward derivative.
  private func emitDerivativeCall(_ call: Instruction, callee: Function) throws {
    let arguments = call.arguments
    if callee.type.isVariadic {
      throw ADError(
        "cannot differentiate a call of variadic function '\(callee.name)' with active arguments",
        at: call)
    }
    var signature = ForwardSignature(
      function: callee,
      tangentParameters: arguments.enumerated().map { index, argument in
        if hasTangent(argument) {
          return ActivityAnalysis.canCarryDerivative(argument.type)
            || ActivityAnalysis.canCarryAddress(argument.type)
        }
        // The callee's own copy of a constant by-value argument, which it writes: tangents of zeros.
        return ByValueParameters.type(of: callee, parameter: index) != nil
          && ByValueParameters.isWritten(callee, parameter: index)
      },
      width: width,
      constantShadowParameters: constantShadowFlags(arguments))
    signature.strongZero = derivative.signature.strongZero
    let hints = arguments.map { $0.type.isPointer ? inferredTypeOfMemory(reachedBy: [$0]) : nil }
    if hints.contains(where: { $0 != nil }) { signature.memoryHints = hints }
    let derivative = try ADError.reached(through: call) { try generator.derivative(signature) }
    var values: [Value] = []
    var primalPositions: [Int] = []
    for (index, (argument, hasTangent)) in zip(arguments, signature.tangentParameters).enumerated() {
      primalPositions.append(values.count)
      values.append(map[argument])
      guard hasTangent else { continue }
      if !self.hasTangent(argument), let type = ByValueParameters.type(of: callee, parameter: index) {
        let zeros = ByValueParameters.zeros(of: type, in: module)
        values.append(Repack.pack(Array(repeating: zeros, count: width), builder: builder))
      } else {
        values.append(Repack.pack(tangent(of: argument), builder: builder))
      }
    }
    let result = builder.call(derivative.function, values, call.value.name)
    if generator.split != nil { journal.derivativeCalls.append((call, Instruction(result.ref))) }
    for (index, position) in primalPositions.enumerated() {
      SwiftRuntime.copyRegisterAttributes(ofArgument: index, of: call, to: position, of: result)
      ByValueParameters.copyCallSiteAttributes(ofArgument: index, of: call, to: position, of: result)
    }
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
    let tapeType = IRType.structure(
      Array(repeating: IRType.pointer(in: module.context), count: 3), in: module.context)
    let tapes = [map[call.arguments[0]]] + tangent(of: call.arguments[0])
    if starts {
      for tape in tapes { builder.store(Value.null(tapeType), to: tape) }
      return
    }
    let free = module.declareFunction(
      named: "free",
      type: .function(returning: IRType.void(in: module.context), [IRType.pointer(in: module.context)]))
    for tape in tapes { builder.call(free, [builder.load(IRType.pointer(in: module.context), from: tape)]) }
  }
}
