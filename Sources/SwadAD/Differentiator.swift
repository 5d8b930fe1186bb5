// The module-level AD transform: finds every Enzyme entry-point call and replaces it with a call of
// the synthesized derivative.
import CLLVM
import LLVMBinding

/// Differentiates a module: every call of `__enzyme_fwddiff*` / `__enzyme_autodiff*` is replaced by a
/// call of a derivative function synthesized in the module. Activity-marker globals and entry-point
/// declarations are removed afterwards, since the user's program does not define them.
public final class Differentiator {
  public let module: Module
  /// Which `__enzyme_augmentfwd` calls record tapes for `__enzyme_fwdsplit`.
  private var forwardSplitPairing = ForwardSplitPairing()

  public init(module: Module) { self.module = module }

  /// The calls of entry points in the module, in order.
  func entryPointCalls() throws -> [(Instruction, DerivativeMode)] {
    var calls: [(Instruction, DerivativeMode)] = []
    for function in module.functions where !function.isDeclaration {
      for block in function.blocks {
        for instruction in block.instructions where instruction.isCall {
          guard let callee = instruction.calledFunction else { continue }
          if let mode = DerivativeMode.of(calleeName: callee.name) {
            calls.append((instruction, mode))
          } else if callee.isDeclaration, callee.name.containsBytes(of: "__enzyme_"),
            !DerivativeMode.typeHints.contains(callee.name)
          {
            // Left in the program, the call would end as an undefined symbol at link time.
            throw ADError(
              "'\(callee.name)' is not an Enzyme entry point that swad knows (it knows "
                + DerivativeMode.allCases.map(\.entryPointName).joined(separator: ", ")
                + "); the call cannot be differentiated or left in the program", at: instruction)
          }
        }
      }
    }
    return calls
  }

  /// The functions the derivatives still to be made differentiate, and every function they may call.
  func functionsDerivativesReach() throws -> [Function] {
    let targets = try entryPointCalls().compactMap { call, _ in
      call.arguments.first?.strippingPointerCasts.asFunction
    }
    return UnoptimizedInput.reachableFunctions(from: targets, in: module)
  }

  /// Prepares the module for the pre-AD simplification: functions with registered rules, inactive
  /// functions and functions "like" a known one must survive it as calls, so they are kept from
  /// being inlined; optimization barriers become fences that the passes see through.
  public static func prepare(_ module: Module) throws {
    let roots = differentiatedFunctions(in: module)
    UnoptimizedInput.makeOptimizable(reachableFrom: roots, in: module)
    let reachable = UnoptimizedInput.reachableFunctions(from: roots, in: module)
    InlineAssembly.replaceBarriers(in: reachable, module: module)
    try MaskedMemory.scalarize(in: reachable)
    let rules = try CustomRules(module: module)
    let protected = rules.describedFunctions
    for function in protected where !function.isDeclaration {
      function.removeAttribute("alwaysinline")
      function.addAttribute("noinline")
    }
  }

  /// The functions that entry-point calls may differentiate: every function that the functions
  /// making such calls refer to (in unoptimized code the function to differentiate reaches the call
  /// through a stack slot, or a choice of functions through a phi).
  static func differentiatedFunctions(in module: Module) -> [Function] {
    var functions: [Function] = []
    for function in module.functions where !function.isDeclaration {
      let instructions = function.blocks.flatMap(\.instructions)
      let asks = instructions.contains {
        $0.isCall && $0.calledFunction?.name.containsBytes(of: "__enzyme_") == true
      }
      guard asks else { continue }
      for instruction in instructions {
        functions += instruction.operands.compactMap { operand in
          operand.strippingPointerCasts.asFunction.flatMap { $0.isDeclaration ? nil : $0 }
        }
      }
    }
    return functions
  }

  /// Runs the transform; returns remarks on what was synthesized.
  public func run() throws -> [Remark] {
    let existing = Set(module.functions)
    let remarks = try differentiate()
    DerivativeDebugInfo.attach(toFunctionsNotIn: existing, in: module)
    DerivativeTargetAttributes.give(toFunctionsNotIn: existing, in: module)
    TapeAliasScopes.mark(functionsNotIn: existing, in: module)
    return remarks
  }

  private func differentiate() throws -> [Remark] {
    removeTypeHints()
    FunctionChoice.splitCalls(in: module)
    let reachable = UnoptimizedInput.reachableFunctions(
      from: Self.differentiatedFunctions(in: module), in: module)
    SwiftValueWitnessCalls.lower(in: reachable, module: module)
    IndirectCallPromotion.promote(in: reachable, module: module)
    try unpackFloatCarriers()
    let batched = try BatchEntryPoint.rewriteAll(in: module)
    let contexts = try ShadowContexts.rewriteCalls(in: module)
    var pending = try entryPointCalls()
    guard !pending.isEmpty else {
      if batched || contexts { removeMarkersAndEntryPoints() }
      ShadowContexts.define(in: module)
      GlobalShadows.defineReset(in: module)
      UnshadowedMemory.define(in: module)
      return []
    }
    var remarks = try registeredRulesLostToInlining(pending.map(\.0))
    forwardSplitPairing = ForwardSplitPairing(calls: pending)
    // Derivatives of derivatives (a Hessian-vector product is __enzyme_fwddiff of a function that
    // calls __enzyme_autodiff): a call is rewritten once the code it differentiates contains no
    // entry-point call still to be rewritten. Each round sees the module as the rounds before left
    // it (new globals such as the tape's get shadows).
    while !pending.isEmpty {
      let ready = pending.filter { call, _ in !reachesPendingCall(call, pending: pending) }
      let round = ready.isEmpty ? pending : ready
      pending.removeAll { call, _ in round.contains { $0.0 == call } }
      remarks += try rewrite(round)
    }
    removeMarkersAndEntryPoints()
    ShadowContexts.define(in: module)
    GlobalShadows.defineReset(in: module)
    UnshadowedMemory.define(in: module)
    try MPIRuntime.linkIfUsed(into: module)
    try BLASRuntime.linkIfUsed(into: module)
    return remarks
  }

  /// Gives integers that carry floating-point values (C's ABI packing a `{float, int}` into an
  /// `i64`, a `memcpy` into a `uint64_t`) their floating-point types in the code the entry points
  /// reach, then folds the packing away, so that derivatives follow the values.
  private func unpackFloatCarriers() throws {
    let reachable = UnoptimizedInput.reachableFunctions(
      from: Self.differentiatedFunctions(in: module), in: module)
    let rules = try CustomRules(module: module)
    let kept = rules.describedFunctions
    let changed = FloatCarriers.unpack(in: reachable, keeping: kept, module: module)
    if !changed.isEmpty {
      // Wrappers inlined into their callers (and deleted when nothing else uses them).
      try module.runPasses("always-inline")
      for function in changed where !function.isDeclaration {
        try function.runPasses("instcombine<no-verify-fixpoint>,early-cse")
      }
    }
    let pointerReturns = try AddressesReturnedAsIntegers.returnAsPointers(
      in: UnoptimizedInput.reachableFunctions(from: Self.differentiatedFunctions(in: module), in: module),
      module: module)
    for function in pointerReturns where !function.isDeclaration {
      try function.runPasses("instcombine<no-verify-fixpoint>,early-cse")
    }
    let floatReturns = try FloatsReturnedAsIntegers.returnAsFloats(
      in: UnoptimizedInput.reachableFunctions(from: Self.differentiatedFunctions(in: module), in: module),
      module: module)
    for function in floatReturns where !function.isDeclaration {
      try function.runPasses("instcombine<no-verify-fixpoint>,early-cse")
    }
    let builder = Builder(context: module.context)
    let roots = Self.differentiatedFunctions(in: module)
    for function in UnoptimizedInput.reachableFunctions(from: roots, in: module) where !function.isDeclaration
    {
      SplitCopies.join(in: function, module: module, builder: builder)
      // (Sign operations and choices first: the lanes they take may be assembled or loaded as integers.)
      FloatCarriers.signOperationsAsFloats(in: function, module: module, builder: builder)
      FloatCarriers.twinChosenFloats(in: function, builder: builder)
      FloatCarriers.shufflesOfFloatsAsFloats(in: function, builder: builder)
      FloatCarriers.extractedLanesOfFloatsAsFloats(in: function, builder: builder)
      FloatCarriers.assembledLanesAsFloats(in: function, builder: builder)
      FloatCarriers.insertedLanesAsFloats(in: function, builder: builder)
      ExponentReplacement.rewrite(in: function, module: module, builder: builder)
      CombinedMathCalls.split(in: function, keeping: kept, module: module, builder: builder)
      PointerLanes.loadPointersAsPointers(in: function, module: module, builder: builder)
      PointerLanes.extractedPointersAsPointers(in: function, builder: builder)
      StaticObjectChoices.split(in: function, builder: builder)
      FloatCarriers.storedChoicesAsFloats(in: function, builder: builder)
      FloatCarriers.loadFloatsAsFloats(in: function, builder: builder)
      RetypedCopies.retype(in: function, builder: builder)
      SwiftIntegerFields.mark(in: function, module: module)
    }
  }

  private func rewrite(_ calls: [(Instruction, DerivativeMode)]) throws -> [Remark] {
    var remarks: [Remark] = []
    let rules = try CustomRules(module: module)
    let globals = GlobalShadows(module: module, reached: try functionsDerivativesReach())
    let forward = ForwardGenerator(module: module, rules: rules, globals: globals)
    let names = RemarkNames()
    let reverse = ReverseGenerator(module: module, rules: rules, globals: globals, remarkNames: names)
    let split = ForwardSplitter(module: module, rules: rules, globals: globals, remarkNames: names)
    let distinctParameters = DistinctArguments.agreed(over: calls, module: module)
    // A derivative serves every call that asks for it: announced once.
    var announced: Set<Function> = []
    func announce(_ made: Function, for function: Function) {
      guard announced.insert(made).inserted else { return }
      remarks.append(Remark("synthesized \(made.name) for \(demangledIfPossible(function.name))"))
    }
    for (entryCall, mode) in calls {
      let invoked = InvokedEntryPoint(entryCall)
      let call = invoked?.call ?? entryCall
      if mode == .augmentSize {
        replaceWithTapeSize(call)
        continue
      }
      let request = ConstantArgumentsWrittenThrough.promote(
        try CallSiteParser(module: module, call: call, mode: mode).parse())
      try ForwardSplitPairing.refuseNested(in: request.function)
      if let context = request.shadowContext {
        ShadowContexts.surround(call, context: context, width: request.width, in: module)
      } else if mode != .reverseSplit {
        GlobalShadows.resetBefore(call, in: module)
        UnshadowedMemory.resetBefore(call, in: module)
      }
      let forwardSplit =
        try mode == .forwardSplit
        || mode == .augmentedForward && forwardSplitPairing.recordsForwardSplitTape(request)
      if forwardSplit {
        let entry = ForwardSplitEntryPoint(splitter: split, pairing: forwardSplitPairing, request: request)
        let made = try mode == .forwardSplit ? entry.rewriteTangentCall() : entry.rewriteAugmentation()
        invoked?.finish(calling: made)
        announce(made, for: request.function)
        continue
      }
      switch mode {
      case .forward:
        let derivative = try ForwardEntryPoint(generator: forward, request: request).rewrite()
        invoked?.finish(calling: derivative)
        announce(derivative, for: request.function)
      case .reverse, .augmentedForward, .reverseSplit, .augmentSize, .forwardSplit:
        let gradient = try ReverseEntryPoint(
          generator: reverse, request: request,
          distinctParameters: distinctParameters[request.function] ?? []
        ).rewrite()
        invoked?.finish(calling: gradient)
        announce(gradient, for: request.function)
      }
    }
    return remarks + reverse.remarks + split.remarks
  }

  /// Whether the function `call` differentiates can reach, through direct calls, another pending
  /// entry-point call.
  private func reachesPendingCall(_ call: Instruction, pending: [(Instruction, DerivativeMode)]) -> Bool {
    guard
      let target = call.arguments.first(where: { $0.strippingPointerCasts.asFunction != nil })?
        .strippingPointerCasts.asFunction
    else { return false }
    let holders = Set(pending.filter { $0.0 != call }.map { $0.0.function })
    var seen: Set<Function> = []
    var work = [target]
    while let function = work.popLast() {
      guard seen.insert(function).inserted, !function.isDeclaration else { continue }
      if holders.contains(function) { return true }
      for block in function.blocks {
        for instruction in block.instructions where instruction.isCall {
          if let callee = instruction.calledFunction { work.append(callee) }
        }
      }
    }
    return false
  }

  /// Warnings for registered derivatives that the differentiated code cannot use because their
  /// function was inlined before swad ran (clang at -O1 and above inlines before swad-opt sees the
  /// module; `prepare` keeps only the pre-AD stage from doing it). A registered function is reported
  /// when the code the entry points differentiate does not call it, and either debug info shows its
  /// code inlined there or, without debug info, nothing tells an unused registration apart.
  func registeredRulesLostToInlining(_ calls: [Instruction]) throws -> [Remark] {
    let rules = try CustomRules(module: module)
    let registered = Set(rules.gradients.keys).union(rules.derivatives.keys)
    guard !registered.isEmpty else { return [] }
    // The functions the entry points differentiate and everything they call, registered ones aside.
    var reached: Set<Function> = []
    var work = calls.compactMap { call in
      call.arguments.lazy.compactMap { $0.strippingPointerCasts.asFunction }.first
    }
    var called: Set<Function> = []
    var inlined: Set<LLVMMetadataRef> = []
    while let function = work.popLast() {
      guard !function.isDeclaration, !registered.contains(function), reached.insert(function).inserted else {
        continue
      }
      for block in function.blocks {
        for instruction in block.instructions {
          if let location = LLVMInstructionGetDebugLoc(instruction.ref),
            LLVMDILocationGetInlinedAt(location) != nil,
            let scope = LLVMDILocationGetScope(location)
          {
            inlined.insert(scope)
          }
          guard instruction.isCall, let callee = instruction.calledFunction else { continue }
          called.insert(callee)
          work.append(callee)
        }
      }
    }
    var warnings: [Remark] = []
    for function in registered.sorted(by: { $0.name < $1.name }) where !called.contains(function) {
      let subprogram = LLVMGetSubprogram(function.ref)
      if let subprogram, !inlined.contains(subprogram) { continue }
      let kind = rules.gradients[function] != nil ? "gradient" : "derivative"
      let name = demangledIfPossible(function.name)
      warnings.append(
        .warning(
          "the \(kind) registered for '\(name)' (__enzyme_register_\(kind)_\(function.name)) is not used: the "
            + "differentiated code does not call '\(name)'\(subprogram != nil ? ", it was inlined" : "; it may have been inlined") "
            + "before swad ran, and its inlined body is differentiated instead. Compile with "
            + "'-Xclang -disable-llvm-passes' (let swad-opt optimize), or mark '\(name)' "
            + "__attribute__((noinline))"))
    }
    return warnings
  }

  /// Erases the calls of Enzyme's type annotations (`__enzyme_float(p, size)`, ...): hints for a type
  /// analysis that swad does not need them for, with no effect on the program.
  private func removeTypeHints() {
    for function in module.functions
    where function.isDeclaration && DerivativeMode.typeHints.contains(function.name) {
      for user in function.value.users {
        if let call = user.asInstruction, call.isCall, call.calledFunction == function,
          call.value.users.isEmpty
        {
          call.eraseFromParent()
        }
      }
      if function.value.users.isEmpty { function.erase() }
    }
  }

  /// `__enzyme_augmentsize(f, markers…)` is the size of the tape object, whatever the function.
  private func replaceWithTapeSize(_ call: Instruction) {
    if call.type.isInteger {
      call.value.replaceAllUses(with: Value.constInt(call.type, TapeRuntime.objectSize))
    }
    call.eraseFromParent()
  }

  /// Swift without optimization (`-Onone`, SwiftPM's debug builds) checks exclusive access to the marker
  /// globals it reads: `swift_beginAccess(@enzyme_dup, buffer, …)` … `swift_endAccess(buffer)`. The
  /// markers are never written and are gone after differentiation, so the checks go too.
  private func removeExclusivityChecks(of global: Value) {
    for user in global.users {
      guard let begin = user.asInstruction, begin.isCall, begin.calledFunction?.name == "swift_beginAccess",
        begin.arguments.count >= 2, begin.arguments[0] == global
      else { continue }
      let buffer = begin.arguments[1]
      for bufferUser in buffer.users {
        if let end = bufferUser.asInstruction, end.isCall, end.calledFunction?.name == "swift_endAccess",
          end.arguments.first == buffer
        {
          end.eraseFromParent()
        }
      }
      begin.eraseFromParent()
    }
  }

  /// Deletes what the user's program does not define: loads of marker globals that lost their uses,
  /// the marker globals, and the entry-point declarations.
  private func removeMarkersAndEntryPoints() {
    // Marker values whose calls are gone: loads of marker globals, and casts, phis and selects of
    // them. Erasing one can leave its operands dead, hence the repetition. They are found from the
    // marker globals' uses, not by a walk over every instruction of the module, which after AD is
    // several times the input (a twelfth of the AD's time on the Eigen benchmark).
    var candidates: [Instruction] = []
    var seen: Set<Value> = []
    var work = module.globals.filter { ActivityMarker.isMarkerName($0.name) }
    while let value = work.popLast() {
      for user in value.users where seen.insert(user).inserted {
        if let instruction = user.asInstruction {
          guard !instruction.isCall, !instruction.isTerminator else { continue }
          candidates.append(instruction)
        }
        work.append(user)  // a constant cast of the global, or a value made from the marker
      }
    }
    var erased = true
    while erased {
      erased = false
      for (index, instruction) in candidates.enumerated().reversed()
      where instruction.value.users.isEmpty && ActivityMarker.name(of: instruction.value) != nil {
        instruction.eraseFromParent()
        candidates.remove(at: index)
        erased = true
      }
    }
    for global in module.globals where ActivityMarker.isMarkerName(global.name) {
      removeExclusivityChecks(of: global)
      if global.users.isEmpty { global.eraseGlobal() }
    }
    for function in module.functions where function.isDeclaration && function.value.users.isEmpty {
      if DerivativeMode.of(calleeName: function.name) != nil
        || function.name.containsBytes(of: BatchEntryPoint.name)
      {
        function.erase()
      }
    }
  }
}
