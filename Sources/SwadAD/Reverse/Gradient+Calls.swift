// Reverse mode, calls: defined functions get augmented and reverse calls, math functions their
// rules, allocations shadows; calls of unknown functions with active arguments are errors.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  // MARK: - Forward sweep

  func visitCallForward(_ call: Instruction) throws {
    let arguments = call.arguments
    let anyArgumentVaried = arguments.contains { activity.isActiveArgument($0) }
    let semantics = generator.classifier.semantics(of: call)
    if width > 1, anyArgumentVaried || activity.isVaried(call.value), let family = Self.unbatched(semantics) {
      throw ADError(
        "cannot differentiate the call of '\(call.calledFunction?.name ?? "a function")' in batched reverse mode "
          + "(enzyme_width \(width)): \(family) have no batched adjoint yet; call the gradient once per direction",
        at: call)
    }
    if anyArgumentVaried, let name = call.calledFunction?.name, SwiftRuntime.isExistentialBoxAccess(name) {
      let type = call.arguments.first.flatMap(SwiftRuntime.existentialTypeName) ?? "P"
      throw ADError(
        "cannot differentiate in reverse mode a value of protocol type ('any \(type)') that may hold data with a "
          + "derivative: the runtime copies and opens such boxes through the type's value witnesses, and the "
          + "adjoints would not come back through them (the gradient came out 0); use a generic parameter "
          + "('some \(type)', '<T: \(type)>') or the concrete type; forward mode follows such values where the "
          + "boxes are only opened (a box the runtime copies or destroys through another type's value witnesses "
          + "stops it at run time)", at: call)
    }
    if let name = call.calledFunction?.name, name == "swad.tape.start" || name == "swad.tape.free",
      !derivative.signature.inParallelRegion, shadow(of: arguments[0]) != nil,
      !constantShadows.contains(arguments[0])
    {
      emitDifferentiatedTapeLifetime(call, starts: name == "swad.tape.start")
      return
    }
    switch semantics {
    case .customGradient(_, let gradient):
      if anyArgumentVaried || activity.isVaried(call.value) {
        try emitCustomAugmentedCall(call, gradient: gradient)
      } else {
        copyPrimal(call)
      }
    case .customDerivative:
      preconditionFailure("custom forward derivatives are classified for forward mode only")
    case .inactive
    where call.calledFunction?.name.hasPrefix("llvm.lifetime.") == true
      && heapPrimals.contains(MemoryWrites.underlyingObject(arguments.last ?? call.value)):
      return  // a lifetime marker of a stack slot moved to the heap (`outlivesForwardSweep`)
    case .inactive, .rule, .memorySet, .deallocation, .referenceCounting:
      // Shadow objects are released by the reverse sweep of their allocation, not with the primal;
      // so are primal allocations whose release is deferred. A block allocated elsewhere has its
      // shadow released when the gradient is done.
      guard deferredReleases[call] == nil else { return }
      copyPrimal(call)
      if case .deallocation = semantics { forEachLane { registerShadowReleasedAfterGradient(call) } }
      if case .referenceCounting = semantics { try forEachLane { try mirrorReferenceCount(call) } }
    case .mirroredOnShadows:
      copyPrimal(call)
      forEachLane { mirrorOnShadows(call) }
    case .arrayElementCopy:
      copyPrimal(call)
      try forEachLane { try copyArrayElementShadows(call) }
    case .memoryTransfer:
      try checkTransferCanBeFollowed(call)
      // Words told apart when the reverse sweep runs have every shadow word copied now.
      let sortedAtRunTime = copiedWordsAreSortedAtRunTime(copy: call)
      if !sortedAtRunTime { stopIfCopiedBytesAreMixed(call) }
      // What the copied bytes are, worked out once for the check and the shadows' copy of every lane.
      let declared = CopiedStructs.type(of: call, module: module)
      let copied = sortedAtRunTime ? IRType.pointer(in: module.context) : declared ?? copiedRangeType(call)
      forEachLane { checkUntypedCopy(call, declared: declared, copied: copied) }
      copyPrimal(call)
      forEachLane {
        transferShadowPointers(call, declared: declared, copied: copied, sortedAtRunTime: sortedAtRunTime)
      }
      let sides = arguments.prefix(2).map { pointer in
        (
          shadow: inLane(0) { shadow(of: pointer).map { _ in shadowInForward(pointer) } },
          mayBeConstant: constantShadows.contains(pointer)
        )
      }
      UnshadowedMemory.checkTransfer(
        call, destination: sides[0], source: sides[1], mapped: { self.map[$0] }, builder: builder,
        module: module)
    case .sort(let routine):
      visitSortForward(call, routine)
    case .search(let routine):
      visitSearchForward(call, routine)
    case .allocation(.resize):
      copyPrimal(call)
      forEachLane { shadows[call.value] = emitResizedShadow(call) }
      if isFreedInFunction(call.value) { heapShadows.insert(call.value) }
    case .allocation(.writtenThrough):
      // The shadow escapes with the primal through the first argument's shadow (it is not freed by
      // the reverse sweep, even when the function frees the primal).
      copyPrimal(call)
      forEachLane {
        if shadow(of: arguments[0]) != nil {
          _ = builder.shadowAllocation(
            of: call, kind: .writtenThrough, mapping: map, oldShadow: shadowInForward(arguments[0]),
            module: module)
        }
      }
    case .allocation(.swiftStackObject):
      // The shadow object must outlive the forward sweep: heap memory, freed when the gradient is
      // done (after the releases of its counted references), or by the reverse sweep.
      copyPrimal(call)
      let slot = try stackObjectSlot(of: call)
      forEachLane {
        let size = allocaBytes(Instruction(map[slot.value].ref))
        let malloc = module.declareFunction(named: "malloc", type: .function(returning: tape.pointer, [i64]))
        let memory = builder.call(malloc, [size], "'" + slot.value.name)
        _ = builder.memset(memory, byte: Value.constInt(tape.i8, 0), length: size)
        shadows[call.value] = builder.shadowAllocation(
          of: call, kind: .swiftStackObject, mapping: map, oldShadow: memory, module: module)
        if mirrorsReferenceCounts { registerStackObjectShadowFreedAfterGradient(memory) }
      }
      if !mirrorsReferenceCounts { heapShadows.insert(call.value) }
    case .allocation(.swiftStaticObject):
      // Adjoints of the constant contents go into the shadow global and stay there.
      copyPrimal(call)
      let object = try GlobalShadows.staticObjectShadow(of: call, reverseMode: true, module: module)
      forEachLane {
        shadows[call.value] = builder.shadowAllocation(
          of: call, kind: .swiftStaticObject, mapping: map, oldShadow: object, module: module)
      }
    case .allocation(let kind):
      copyPrimal(call)
      forEachLane {
        shadows[call.value] = builder.shadowAllocation(
          of: call, kind: kind, mapping: map, oldShadow: nil, module: module)
      }
      if isFreedInFunction(call.value) { heapShadows.insert(call.value) }
    case .defined(let callee):
      if anyArgumentVaried || activity.isVaried(call.value) || generator.globals.isTouched(by: callee) {
        guard IndirectCallPromotion.isCandidate(call) else {
          return try emitAugmentedCall(call, callee: callee)
        }
        do { try emitAugmentedCall(call, callee: callee) } catch let error as ADError {
          // The reverse sweep finds no augmented call here and skips it.
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
      if derivative.signature.inParallelRegion, anyArgumentVaried {
        // The BLAS adjoints add into shadows without atomics: threads sharing an operand would race.
        throw ADError(
          "cannot differentiate '\(call.calledFunction?.name ?? "a BLAS routine")' inside an OpenMP parallel "
            + "region in reverse mode: its adjoints would be added by several threads at once; call it "
            + "outside the region, or differentiate the region in forward mode", at: call)
      }
      try visitBLASCallForward(call, function)
    case .mpi(let function):
      try visitMPICallForward(call, function)
    case .openMP(let kind):
      try visitOpenMPCallForward(call, kind)
    case .unknown(let callee):
      try Threads.refuse(call, callee: callee)
      try activity.requireNoDerivativeData(
        in: call, else: .noDerivative(for: callee, mode: .reverse, at: call))
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

  /// The families of calls whose adjoints are not batched: their names, for the error, or nil.
  private static func unbatched(_ semantics: CallSemantics) -> String? {
    switch semantics {
    case .customGradient: return "functions with custom gradients (__enzyme_register_gradient)"
    case .mpi: return "MPI routines"
    case .openMP: return "OpenMP regions"
    default: return nil
    }
  }

  /// The same call on the shadows, when the memory it changes has one that is not the primal.
  private func mirrorOnShadows(_ call: Instruction) {
    let arguments = call.arguments
    guard let target = KnownFunctions.mirrorTarget(of: call), let targetShadow = shadow(of: target) else {
      return
    }
    let shadowArguments = arguments.enumerated().map { index, argument in
      argument.type.isPointer && shadow(of: argument) != nil
        && !KnownFunctions.mirrorPassesPrimal(call, argument: index)
        ? shadowInForward(argument) : map[argument]
    }
    func mirror() -> Value { call.shadowCallCopy(arguments: shadowArguments, builder: builder) }
    if KnownFunctions.mirrorIsGuarded(call, targetMayBeConstant: constantShadows.contains(target)) {
      if call.type.isPointer {
        shadows[call.value] = builder.unlessConstantShadow(
          targetShadow, primal: map[target], otherwise: map[call.value], mirror)
      } else {
        builder.unlessConstantShadow(targetShadow, primal: map[target]) { _ = mirror() }
      }
    } else {
      let made = mirror()
      if call.type.isPointer { shadows[call.value] = made }
    }
  }

  /// Before a copy whose bytes nothing types (the reverse sweep takes them for doubles), and before
  /// the copy changes them: a stop at run time if they hold a pointer (`UntypedCopies`). Not in
  /// Swift's code, where an object's header (its reference count) differs from its shadow's.
  /// `declared`: the copy's type from its `tbaa.struct`; `copied`: that, or `copiedRangeType`.
  private func checkUntypedCopy(_ call: Instruction, declared: IRType?, copied: IRType?) {
    let arguments = call.arguments
    guard shadow(of: arguments[0]) != nil, let source = shadow(of: arguments[1]),
      !UntypedCopies.isSwift(original), declared == nil
    else { return }
    // A copy typed with its pointers moves their shadows: nothing to check.
    guard copied?.containsPointer != true else { return }
    UntypedCopies.emitCheck(
      of: call, source: map[arguments[1]], sourceShadow: source,
      bytes: builder.intCast(map[arguments[2]], to: IRType.int(64, in: module.context), signed: false),
      typedAsData: copied != nil, module: module, builder: builder)
  }

  /// Shadow pointers held in memory a memcpy copies must move with it; float adjoints must not (the
  /// destination's shadow holds the caller's seeds).
  private func transferShadowPointers(
    _ call: Instruction, declared: IRType?, copied: IRType?, sortedAtRunTime: Bool
  ) {
    let arguments = call.arguments
    if let destination = shadow(of: arguments[0]), let source = shadow(of: arguments[1]),
      copied?.containsPointer == true
    {
      // Words told apart at run time: the destination's seeds stay (`Gradient+WordsSortedAtRunTime`).
      if sortedAtRunTime, moduleNarrowestFloatBitsInMemory == nil {
        let bytes = builder.intCast(map[arguments[2]], to: i64, signed: false)
        let copyWords = { self.copyShadowWordsSortedAtRunTime(to: destination, from: source, bytes: bytes) }
        guard constantShadows.contains(arguments[0]) else { return copyWords() }
        return builder.unlessConstantShadow(destination, primal: map[arguments[0]], copyWords)
      }
      let copy = call.cloneForDerivative()
      for index in 0..<copy.operandCount { copy.setOperand(index, map[call.operand(index)]) }
      copy.setOperand(0, destination)
      copy.setOperand(1, source)
      if constantShadows.contains(arguments[0]) {
        builder.unlessConstantShadow(destination, primal: map[arguments[0]]) { builder.insert(copy) }
      } else {
        builder.insert(copy)
      }
    } else if let destination = shadow(of: arguments[0]), shadow(of: arguments[1]) == nil,
      let element = declared
        ?? MemoryTypes.layoutType(
          reachedBy: [arguments[0], arguments[1]], in: original,
          bytes: arguments[2].constantInt.map { Int($0) },
          module: module) ?? inferredTypeOfMemory(reachedBy: [arguments[0], arguments[1]]),
      element.containsPointer
    {
      // Copied from constant data: its pointers are their own shadows, its floats have no adjoint.
      let copyConstant = {
        self.builder.copyConstantMemory(
          self.map[arguments[1]], into: destination, length: self.map[arguments[2]],
          element: element, module: self.module)
      }
      if constantShadows.contains(arguments[0]) {
        builder.unlessConstantShadow(destination, primal: map[arguments[0]], copyConstant)
      } else {
        copyConstant()
      }
    }
  }

  /// The blocks that can run after `block` starts, itself included.
  func reachable(from block: BasicBlock) -> Set<BasicBlock> {
    var reached: Set<BasicBlock> = [block]
    var work = block.successors
    while let next = work.popLast() {
      if reached.insert(next).inserted { work += next.successors }
    }
    return reached
  }

  /// Whether nothing the forward sweep does after `call` writes memory (in a combined gradient, run
  /// once): the callee's derivative is then combined too, as if nothing ran between its sweeps
  /// (the reverse code in between puts back what it undoes). A thin wrapper around the function
  /// that does the work (a Swift closure the macros generate) passes it on so.
  private func runsLast(_ call: Instruction) -> Bool {
    guard !cycles.isCyclic(call.parent) else { return false }
    let writes = writesFollowing(call)
    return !writes.writesAnything && writes.objects.isEmpty
  }

  /// What the forward sweep may write after `instruction` (one outside cycles): the rest of its block
  /// and the blocks reachable from it, leaving out what the reverse sweep undoes first (deferred
  /// releases, restorable stores, and `alsoIgnoring`) and Swift releases balanced by a retain
  /// (`MemoryWrites.balancedReleases`).
  func writesFollowing(_ instruction: Instruction, alsoIgnoring: Set<Instruction> = []) -> MemoryWrites {
    var ignored = Set(deferredReleases.keys).union(restorableStores).union(alsoIgnoring)
      .union(MemoryWrites.balancedReleases(in: blocks))
    for earlier in instruction.parent.instructions {
      ignored.insert(earlier)
      if earlier == instruction { break }
    }
    let after = reachable(from: instruction.parent)
    return memoryWrites(in: blocks.filter(after.contains), ignoring: ignored)
  }

  private func readsMemory(_ function: Function) -> Bool {
    function.blocks.contains { $0.instructions.contains { $0.opcode == LLVMLoad } }
  }

  /// The shadow copy of by-value argument `index` of `call`, in the reverse sweep.
  func argumentCopy(of call: Instruction, _ index: Int, at block: BasicBlock) -> Value {
    saved(.argumentCopy(call.value, index, lane: lane), at: block)
  }

  private func emitAugmentedCall(_ call: Instruction, callee: Function) throws {
    let arguments = call.arguments
    if callee.type.isVariadic {
      throw ADError(
        "cannot differentiate a call of variadic function '\(callee.name)' with active arguments",
        at: call)
    }
    // Which arguments have shadows is the same in every lane.
    let parameters: [Activity] = inLane(0) {
      arguments.enumerated().map { index, argument in
        if argument.type.containsPointer || ActivityAnalysis.canCarryAddress(argument.type) {
          if argument.type.isInteger && !activity.isVaried(argument) { return .constant }
          if shadow(of: argument) != nil { return .duplicated }
          // The callee's own copy of a constant by-value argument, which it writes: a shadow of zeros.
          let ownCopy =
            ByValueParameters.type(of: callee, parameter: index) != nil
            && ByValueParameters.isWritten(callee, parameter: index)
          return ownCopy ? .duplicated : .constant
        }
        if argument.type.containsFloatingPoint && activity.isVaried(argument) { return .active }
        return .constant
      }
    }
    // A result with pointers and floats (Swift's `([Double], Double)`, a `{ptr, double}` pair) is both:
    // the augmented sweep returns its shadow, and the reverse sweep takes the floats' adjoints.
    let activeReturn = activity.isActive(call.value) && call.type.containsFloatingPoint
    var signature = ReverseSignature(function: callee, parameters: parameters, activeReturn: activeReturn)
    signature.inParallelRegion = derivative.signature.inParallelRegion
    signature.width = width
    signature.strongZero = derivative.signature.strongZero
    // Worth a derivative of its own only for a callee that reads memory (it may load it again).
    signature.combined =
      derivative.signature.combined && readsMemory(callee) && runsLast(call) && !generator.callsItself(callee)
    let constantFlags = zip(arguments, parameters).map { $1.hasShadow && constantShadows.contains($0) }
    if constantFlags.contains(true) { signature.constantShadowParameters = constantFlags }
    let hints = memoryHints(for: arguments)
    // No hint at all is the same derivative as the one the entry point asks for (recursion reuses it).
    if hints.contains(where: { $0 != nil }) { signature.memoryHints = hints }
    let pointees = pointeeHints(for: arguments)
    if pointees.contains(where: { !$0.isEmpty }) { signature.pointeeHints = pointees }
    let unions = unionHints(for: arguments)
    if unions.contains(where: { $0 != nil }) { signature.unionHints = unions }
    let derivative = try ADError.reached(through: call) { try generator.derivative(signature) }
    var values: [Value] = []
    var primalPositions: [Int] = []
    for (index, (argument, parameter)) in zip(arguments, parameters).enumerated() {
      primalPositions.append(values.count)
      values.append(map[argument])
      guard parameter.hasShadow else { continue }
      forEachLane {
        if let type = ByValueParameters.type(of: callee, parameter: index) {
          // The callee works on its own copy of a by-value argument; its shadow is a copy too (from
          // the heap: the reverse sweep needs it), whose adjoints go back to the argument's at the
          // reverse; zeros for an argument without a shadow (`ByValueParameters`).
          let size = Value.constInt(i64, Int64(module.allocSize(of: type)))
          let malloc = module.declareFunction(
            named: "malloc", type: .function(returning: tape.pointer, [i64]))
          let copy = builder.call(malloc, [size], "byval.shadow")
          if shadow(of: argument) != nil {
            _ = builder.memcpy(copy, shadowInForward(argument), length: size)
          } else {
            _ = builder.memset(copy, byte: Value.constInt(tape.i8, 0), length: size)
          }
          argumentCopies[call.value, default: [:]][index] = copy
          values.append(copy)
        } else {
          values.append(shadowInForward(argument))
        }
      }
    }
    values.append(forwardTape)
    let result = builder.call(derivative.augmented, values, call.value.name)
    for (index, position) in primalPositions.enumerated() {
      SwiftRuntime.copyRegisterAttributes(ofArgument: index, of: call, to: position, of: result)
      ByValueParameters.copyCallSiteAttributes(ofArgument: index, of: call, to: position, of: result)
    }
    if derivative.returnsShadow {
      map.map(call.value, to: builder.extractValue(result, 0, call.value.name))
      forEachLane { shadows[call.value] = builder.extractValue(result, UInt32(1 + lane)) }
    } else if !call.type.isVoid {
      map.map(call.value, to: result)
    }
    augmentedCalls[call] = derivative
  }

  /// The start and the end of the tape of a gradient that is itself differentiated (reverse over
  /// reverse: MAML's inner steps). Its buffer and its shadow's start empty, not from the thread's
  /// kept buffer, which a global holds and which has no shadow: the inner gradient's second call
  /// in a loop wrote its tape where no shadow was, and the outer gradient stopped at run time. Both
  /// buffers stay until the outer gradient is done (its reverse sweep reads them), then are freed.
  /// The reverse sweep has nothing to do for either call (no augmented call is recorded).
  func emitDifferentiatedTapeLifetime(_ call: Instruction, starts: Bool) {
    let object = call.arguments[0]
    if starts {
      builder.store(Value.null(tape.type), to: map[object])
      forEachLane { builder.store(Value.null(tape.type), to: shadowInForward(object)) }
      return
    }
    let free = module.declareFunction(
      named: "free", type: .function(returning: IRType.void(in: module.context), [tape.pointer]))
    let base = builder.load(tape.pointer, from: map[object], "tape.base")
    tape.push([base, free.value], tape: tape.shadowsReleasedAfterGradient, builder: builder)
    forEachLane {
      let shadowBase = builder.load(tape.pointer, from: shadowInForward(object), "tape.shadow.base")
      tape.push([shadowBase, free.value], tape: tape.shadowsReleasedAfterGradient, builder: builder)
    }
  }

  // MARK: - Reverse sweep

  func reverseCall(_ call: Instruction, in block: BasicBlock) throws {
    switch generator.classifier.semantics(of: call) {
    case .customGradient(_, let gradient):
      try reverseCustomCall(call, gradient: gradient, in: block)
    case .customDerivative:
      return
    case .rule(let rule):
      forEachLane {
        // Values written through pointers have derivative zero: their adjoints end here.
        for output in rule.outputs where shadow(of: call.arguments[output.operand]) != nil {
          let type = output.isInteger ? IRType.int(32, in: module.context) : call.type
          _ = builder.store(Value.null(type), to: shadowInReverse(call.arguments[output.operand], at: block))
        }
        guard activity.isActive(call.value) else { return }
        let seed = takeAdjoint(call.value)
        ruleAdjoint(rule, operands: call.arguments, result: call.value, seed: seed, in: block)
      }
    case .memoryTransfer:
      forEachLane { reverseMemoryTransfer(call, in: block) }
    case .memorySet:
      forEachLane { reverseMemorySet(call, in: block) }
    case .sort(let routine):
      reverseSort(call, routine, in: block)
    case .allocation(.resize):
      forEachLane {
        reverseResizedShadow(call, in: block)
        if heapShadows.contains(call.value) { freeShadow(of: call.value, in: block) }
      }
    case .allocation:
      forEachLane { if heapShadows.contains(call.value) { freeShadow(of: call.value, in: block) } }
      releaseDeferredPrimal(call, in: block)
    case .defined:
      guard let derivative = augmentedCalls[call] else { return }
      var values = [reverseTape]
      if derivative.signature.activeReturn { forEachLane { values.append(takeAdjoint(call.value)) } }
      // Arguments the callee's reverse sweep does not read are not fetched (when it is finished).
      let finished = !generator.inProgress.contains(derivative.signature)
      func unused(_ position: Int) -> Bool {
        finished && derivative.reverse.parameter(position).users.isEmpty
      }
      for (index, (argument, parameter)) in zip(call.arguments, derivative.signature.parameters).enumerated()
      {
        // The error register holds no derivative data, and is not a register in the reverse function.
        let noValue = unused(values.count) || SwiftRuntime.passesErrorRegister(call, argument: index)
        values.append(noValue ? Value.poison(argument.type) : primalInReverse(argument, at: block))
        guard parameter.hasShadow else { continue }
        forEachLane {
          if unused(values.count) {
            values.append(Value.poison(argument.type))
          } else {
            values.append(
              argumentCopies[call.value]?[index] != nil
                ? argumentCopy(of: call, index, at: block) : shadowInReverse(argument, at: block))
          }
        }
      }
      let adjoints = builder.call(derivative.reverse, values)
      // A result a select may discard (`x > 0 ? f(x) : 0`, `f` not inlined) gets a seed of 0 there,
      // and `f`'s own partials, taken where it is NaN, may turn that 0 into NaN: the adjoints of a
      // callee that takes no memory are 0 where the seed is (`Gradient+SpeculatedValues`).
      let guardingSeeds =
        speculatedValues.contains(call.value) && derivative.signature.activeReturn
        && call.type.isFloatingPoint
        && !derivative.signature.parameters.contains(where: \.hasShadow) && argumentCopies[call.value] == nil
      for (position, index) in derivative.activeParameters.enumerated() {
        forEachLane {
          var adjoint = builder.extractValue(adjoints, UInt32(position * width + lane))
          if guardingSeeds, adjoint.type.isFloatingPoint {
            let seed = values[1 + lane]
            let zero = builder.fcmp(LLVMRealOEQ, seed, Value.null(seed.type))
            adjoint = builder.select(zero, Value.null(adjoint.type), adjoint)
          }
          addAdjoint(call.arguments[index], adjoint)
        }
      }
      forEachLane {
        for index in (argumentCopies[call.value] ?? [:]).keys.sorted() {
          let copy = argumentCopy(of: call, index, at: block)
          let type = ByValueParameters.type(of: call.calledFunction!, parameter: index)!
          if shadow(of: call.arguments[index]) != nil {
            let into = shadowInReverse(call.arguments[index], at: block)
            let size = Int64(module.allocSize(of: type))
            if byValueWordsAreSortedAtRunTime(type) {
              accumulateWordsSortedAtRunTime(
                into: into, from: copy, bytes: Value.constInt(i64, size), length: size, copy: call)
            } else {
              accumulate(into: into, from: copy, bytes: Value.constInt(i64, size), element: type)
            }
          }
          let free = module.declareFunction(
            named: "free", type: .function(returning: IRType.void(in: module.context), [tape.pointer]))
          builder.call(free, [copy])
        }
      }
    case .blas(let function):
      reverseBLASCall(call, function, in: block)
    case .mpi(let function):
      reverseMPICall(call, function, in: block)
    case .openMP(let kind):
      try reverseOpenMPCall(call, kind, in: block)
    case .arrayElementCopy:
      try forEachLane { try reverseArrayElementCopy(call, in: block) }
    case .inactive, .deallocation, .unknown, .indirect, .referenceCounting, .mirroredOnShadows, .search:
      return
    }
  }
}
