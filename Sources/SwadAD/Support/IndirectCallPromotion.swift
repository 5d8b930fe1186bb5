// Calls through function pointers (virtual calls, callbacks, std::function) in code AD reads: made
// direct calls of each function the pointer may be, so that each gets its derivative.
import CLLVM
import LLVMBinding

/// swad sees the whole program (the driver and an LTO link put it in one module), so the functions a
/// pointer may call are the module's functions of the call's type whose address is taken: for a
/// virtual call, the overriders in the vtables; for a callback, the functions passed around. An
/// indirect call that carries floats or pointers becomes a call of a dispatcher that compares the
/// pointer with each of them and calls the match directly:
///
///     %r = call double %fp(ptr %this, double %x)
/// becomes
///     %r = call double @swad.dispatch.indirect(ptr %fp, ptr %this, double %x)
///
///     define internal double @swad.dispatch.indirect(ptr %fp, ptr %0, double %1) {
///       %is.A = icmp eq ptr %fp, @A.area             ; one test per candidate
///       br i1 %is.A, label %A.area, label %next
///     A.area:  %r = call double @A.area(ptr %0, double %1)    ; differentiated like any call
///     ...
///     next:    %r = call double %fp(ptr %0, double %1), !swad.unresolved
///
/// The primal behaves as before. A pointer to a function outside the module still reaches the
/// original call, marked `swad.unresolved`: derivative code stops there at run time with a message
/// naming the call (its derivative is unknown), rather than computing a wrong one.
enum IndirectCallPromotion {
  /// The metadata kind marking the call that remains for targets outside the module.
  static let unresolvedKind = "swad.unresolved"
  /// Dispatchers are named this, then the name of the function whose call they replace.
  static let dispatcherPrefix = "swad.dispatch.indirect."
  /// Beyond this many candidates the call is left alone (and is an error if it carries derivatives).
  static let maximumCandidates = 64

  /// The module's functions whose address is taken, by function type: those with a body, and
  /// declarations with a derivative rule (`sin` passed as a callback). Other declarations (a library's
  /// destructor in a vtable) could not be differentiated anyway: calls of them reach the fallback.
  static func addressTakenFunctions(in module: Module) -> [IRType: [Function]] {
    var byType: [IRType: [Function]] = [:]
    for function in module.functions
    where !function.isIntrinsic && isAddressTaken(function)
      && (!function.isDeclaration || DerivativeRules.function(named: function.name) != nil)
    {
      byType[function.type, default: []].append(function)
    }
    return byType
  }

  /// Whether `function` is used other than as the callee of a call, or as the function an Enzyme
  /// entry point differentiates (which the program itself does not call through a pointer). Passed
  /// to the entry point as one of the arguments (an ODE's right-hand side, `enzyme_const`), it is
  /// what the differentiated code calls through a pointer: taken for not address-taken, it was no
  /// candidate, and the derivative stopped at run time saying it was outside the module.
  private static func isAddressTaken(_ function: Function) -> Bool {
    function.value.users.contains { user in
      guard let call = user.asInstruction, call.isCall else { return true }
      if call.calledFunction?.name.containsBytes(of: "__enzyme_") == true {
        return call.arguments.dropFirst().contains(function.value)
      }
      return call.calledOperand != function.value || call.arguments.contains(function.value)
    }
  }

  /// Whether an indirect call can carry derivatives: floats or pointers in or out.
  static func carriesData(_ call: Instruction) -> Bool {
    let types = call.arguments.map(\.type) + [call.type]
    return types.contains { $0.containsFloatingPoint || $0.containsPointer }
  }

  /// In derivative code, the fallback of a promoted call (`isUnresolved`): a message naming the call,
  /// then abort — reached only when the pointer was a function outside the module.
  /// `target` is the pointer called, named in the message when the stop is reached.
  static func emitUnresolvedTrap(for call: Instruction, target: Value, module: Module, builder: Builder) {
    let what =
      ADError.isVirtualCall(call)
      ? "a virtual call (through the object's vtable)" : "a call through a function pointer"
    emitTrap(
      for: call,
      saying: "\(what) reached a function outside the differentiated module, whose derivative is unknown",
      naming: target, module: module, builder: builder)
  }

  /// In derivative code, a candidate whose derivative could not be made (`isCandidate`): reached only
  /// if the pointer does hold it, and then a stop with the reason.
  static func emitUndifferentiableTrap(
    for call: Instruction, reason: ADError, module: Module, builder: Builder
  ) {
    let callee = call.calledFunction.map { demangledIfPossible($0.name) } ?? "?"
    emitTrap(
      for: call,
      saying: "a call through a function pointer reached '\(callee)', which swad could not "
        + "differentiate: \(reason)", module: module, builder: builder)
  }

  private static func emitTrap(
    for call: Instruction, saying what: String, naming target: Value? = nil, module: Module, builder: Builder
  ) {
    // The dispatcher is named after the function the user wrote (`dispatcherPrefix`).
    var caller = call.function.name
    if caller.hasPrefix(dispatcherPrefix) {
      caller.removeFirst(dispatcherPrefix.count)
      if let dot = caller.lastIndex(of: "."), Int(caller[caller.index(after: dot)...]) != nil {
        caller = String(caller[..<dot])  // the module's suffix for a second dispatcher in one function
      }
    }
    RunTimeStops.emit(what, at: call, function: caller, naming: target, module: module, builder: builder)
  }

  /// The metadata kind's ID in `context` (custom kinds are numbered per context).
  private static func unresolvedKindID(in context: LLVMContextRef?) -> UInt32 {
    LLVMGetMDKindIDInContext(context, unresolvedKind, UInt32(unresolvedKind.utf8.count))
  }

  /// Marks the dispatcher's direct calls: a candidate swad cannot differentiate is most likely not
  /// what the pointer holds (a destructor of an unrelated class in some vtable), so its derivative
  /// call becomes a run-time stop rather than failing the whole build (`emitUndifferentiableTrap`).
  static let candidateKind = "swad.candidate"
  private static func candidateKindID(in context: LLVMContextRef?) -> UInt32 {
    LLVMGetMDKindIDInContext(context, candidateKind, UInt32(candidateKind.utf8.count))
  }

  /// Whether `call` is one of a dispatcher's calls of a candidate.
  static func isCandidate(_ call: Instruction) -> Bool {
    LLVMGetMetadata(call.ref, candidateKindID(in: LLVMGetTypeContext(LLVMTypeOf(call.ref)))) != nil
  }

  /// Marks `call` as one that reaches only functions outside the module (`isUnresolved`).
  private static func markUnresolved(_ call: Instruction) {
    let context = LLVMGetTypeContext(LLVMTypeOf(call.ref))
    LLVMSetMetadata(
      call.ref, unresolvedKindID(in: context),
      LLVMMetadataAsValue(context, LLVMMDNodeInContext2(context, nil, 0)))
  }

  /// Whether `call` is the fallback of a promoted call, or a call no function of the module can be
  /// the target of.
  static func isUnresolved(_ call: Instruction) -> Bool {
    LLVMGetMetadata(call.ref, unresolvedKindID(in: LLVMGetTypeContext(LLVMTypeOf(call.ref)))) != nil
  }

  /// Promotes the indirect calls that carry data in `functions` and in the candidates they reach.
  static func promote(in functions: [Function], module: Module) {
    let targets = addressTakenFunctions(in: module)
    var seen: Set<Function> = []
    var work = functions
    while let function = work.popLast() {
      guard !function.isDeclaration, seen.insert(function).inserted else { continue }
      let calls = function.blocks.flatMap(\.instructions).filter { instruction in
        instruction.isCall && instruction.opcode != LLVMCallBr && instruction.calledFunction == nil
          && !instruction.calledOperand.isInlineAsm && !isUnresolved(instruction) && carriesData(instruction)
      }
      for call in calls {
        let candidates = candidates(of: call, among: targets)
        if candidates.isEmpty {
          // No function of the module can be what the pointer holds: the call reaches one outside it,
          // or never runs (a Swift enum's closure case no value is made of). Differentiated code stops
          // there if it runs (`emitUnresolvedTrap`); refused, a program that never took that path
          // could not be differentiated at all.
          markUnresolved(call)
          continue
        }
        guard candidates.count <= maximumCandidates else { continue }
        dispatch(call, among: candidates, module: module)
        work += candidates
      }
      for instruction in function.blocks.flatMap(\.instructions) where instruction.isCall {
        if let callee = instruction.calledFunction { work.append(callee) }
      }
    }
  }

  /// The functions `call` may reach: those of its type, and for a call through an unprototyped
  /// pointer (`double (*f)()` in K&R C, which clang calls as variadic, `double (double, ...)`) those
  /// whose parameters are the types of the arguments it passes (`double sq(double)`): C requires the
  /// function called so to take what the call passes after the default promotions.
  private static func candidates(of call: Instruction, among targets: [IRType: [Function]]) -> [Function] {
    let type = call.calledFunctionType
    var found = targets[type] ?? []
    if type.isVariadic {
      let passed = IRType.function(returning: type.returnType, call.arguments.map(\.type))
      found += targets[passed] ?? []
    }
    if passesUnusedContext(call) {
      let thin = IRType.function(returning: type.returnType, call.arguments.dropLast().map(\.type))
      found += (targets[thin] ?? []).filter { $0.callingConvention == call.callingConvention }
    }
    return found.filter { passesArgumentsAlike(call, to: $0) }
  }

  /// Attributes that change how an argument is passed: a function whose parameters carry them
  /// where the call's arguments do not (or the other way) is not what the call reaches, even with the
  /// same IR type. A Swift closure that throws takes its error slot `swifterror` (`split`'s separator
  /// test), one that does not takes its context there (`max()`'s `<`); the call of the one made a
  /// call of the other failed verification.
  private static let passingAttributes: [UInt32] = [
    "swiftself", "swifterror", "swiftasync", "sret", "byval", "inalloca", "nest",
  ].map { (name: String) in LLVMGetEnumAttributeKindForName(name, name.utf8.count) }

  private static func passesArgumentsAlike(_ call: Instruction, to candidate: Function) -> Bool {
    let count = min(call.arguments.count, candidate.parameters.count)
    return (0..<count).allSatisfy { position in
      let index = LLVMAttributeIndex(position + 1)
      return passingAttributes.allSatisfy { kind in
        (LLVMGetCallSiteEnumAttribute(call.ref, index, kind) != nil)
          == (LLVMGetEnumAttributeAtIndex(candidate.ref, index, kind) != nil)
      }
    }
  }

  /// Whether `call` is a Swift closure call, whose last argument is the closure's context
  /// (`swiftself`): a closure that captures nothing is a function without that parameter, which the
  /// Swift calling convention lets the call pass anyway (`let activations: [(Double) -> Double] =
  /// [{ tanh($0) }, { $0 * $0 }]`, called in a loop, was refused).
  private static func passesUnusedContext(_ call: Instruction) -> Bool {
    guard let last = call.arguments.indices.last, call.callingConvention == LLVMSwiftCallConv.rawValue else {
      return false
    }
    let swiftself = LLVMGetEnumAttributeKindForName("swiftself", 9)
    return LLVMGetCallSiteEnumAttribute(call.ref, LLVMAttributeIndex(last + 1), swiftself) != nil
  }

  /// Replaces `call` by a call (or invoke, with the same destinations) of a new function that tests
  /// the pointer against each candidate and calls the match directly; the function is differentiated
  /// like any other. Nothing of the caller's blocks moves.
  private static func dispatch(_ call: Instruction, among candidates: [Function], module: Module) {
    let context = module.context
    let type = call.calledFunctionType
    let pointer = IRType.pointer(in: context)
    // The arguments the call passes (a variadic call's included), not its type's parameters.
    let dispatcher = module.addFunction(
      named: dispatcherPrefix + call.function.name,
      type: .function(returning: type.returnType, [pointer] + call.arguments.map(\.type)))
    dispatcher.linkage = LLVMInternalLinkage
    copyArgumentAttributes(from: call, toFunction: dispatcher, shift: 1)
    let builder = Builder(context: context)
    builder.position(atEndOf: dispatcher.appendBlock(named: "entry"))
    builder.debugLocation = call.debugLocation
    let arguments = Array(dispatcher.parameters.dropFirst())
    let finish = { (result: Value) in
      if type.returnType.isVoid { builder.retVoid() } else { builder.ret(result) }
    }
    for candidate in candidates {
      let matched = dispatcher.appendBlock(named: candidate.name)
      let next = dispatcher.appendBlock(named: "next")
      builder.condBr(builder.icmp(LLVMIntEQ, dispatcher.parameter(0), candidate.value), matched, next)
      builder.position(atEndOf: matched)
      let direct = directCall(
        like: call, to: candidate.value, of: candidate.type, arguments: arguments, builder: builder)
      LLVMSetMetadata(
        direct.ref, candidateKindID(in: context.ref),
        LLVMMetadataAsValue(context.ref, LLVMMDNodeInContext2(context.ref, nil, 0)))
      finish(direct)
      builder.position(atEndOf: next)
    }
    let fallback = directCall(
      like: call, to: dispatcher.parameter(0), of: type, arguments: arguments, builder: builder)
    markUnresolved(Instruction(fallback.ref))
    finish(fallback)

    // The caller's call becomes a call of the dispatcher, in place.
    let caller = Builder(context: context)
    caller.position(before: call)
    var values: [LLVMValueRef?] = [call.calledOperand.ref] + call.arguments.map(\.ref)
    let made: LLVMValueRef
    if call.opcode == LLVMInvoke {
      made = LLVMBuildInvoke2(
        caller.ref, dispatcher.type.ref, dispatcher.value.ref, &values, UInt32(values.count),
        LLVMGetNormalDest(call.ref), LLVMGetUnwindDest(call.ref), "")!
    } else {
      made = LLVMBuildCall2(
        caller.ref, dispatcher.type.ref, dispatcher.value.ref, &values, UInt32(values.count), "")!
    }
    copyArgumentAttributes(from: call, toCall: made, shift: 1)
    LLVMInstructionSetDebugLoc(made, LLVMInstructionGetDebugLoc(call.ref))
    let name = call.value.name
    if !call.type.isVoid {
      call.value.replaceAllUses(with: Value(made))
      call.value.name = ""
      Value(made).name = name
    }
    call.eraseFromParent()
  }

  /// The call-site attributes of `call`'s result and arguments, given to `made` with argument
  /// positions moved by `shift`.
  private static func copyArgumentAttributes(from call: Instruction, toCall made: LLVMValueRef, shift: Int) {
    forEachArgumentAttribute(of: call) { index, attribute in
      let position =
        index == LLVMAttributeIndex(LLVMAttributeReturnIndex) ? index : index + LLVMAttributeIndex(shift)
      LLVMAddCallSiteAttribute(made, position, attribute)
    }
  }

  /// The same, as parameter attributes of `function` (byval and sret must match the call's).
  private static func copyArgumentAttributes(
    from call: Instruction, toFunction function: Function, shift: Int
  ) {
    forEachArgumentAttribute(of: call) { index, attribute in
      let position =
        index == LLVMAttributeIndex(LLVMAttributeReturnIndex) ? index : index + LLVMAttributeIndex(shift)
      LLVMAddAttributeAtIndex(function.ref, position, attribute)
    }
  }

  /// The result's and arguments' call-site attributes (not the function's: those belong to the call).
  private static func forEachArgumentAttribute(
    of call: Instruction, _ body: (LLVMAttributeIndex, LLVMAttributeRef?) -> Void
  ) {
    for (index, attributes) in call.callSiteAttributes where index != functionAttributeIndex {
      for attribute in attributes { body(index, attribute) }
    }
  }

  /// A call of `callee`, of function type `type`, with `arguments`, and `call`'s calling convention
  /// and attributes.
  /// A closure that takes no context gets the arguments before it.
  private static func directCall(
    like call: Instruction, to callee: Value, of type: IRType, arguments: [Value], builder: Builder
  ) -> Value {
    let count = min(arguments.count, type.isVariadic ? arguments.count : type.parameterTypes.count)
    var args: [LLVMValueRef?] = arguments.prefix(count).map(\.ref)
    let made = LLVMBuildCall2(builder.ref, type.ref, callee.ref, &args, UInt32(args.count), "")!
    Instruction(made).callingConvention = call.callingConvention
    forEachArgumentAttribute(of: call) { index, attribute in
      guard index == LLVMAttributeIndex(LLVMAttributeReturnIndex) || Int(index) <= count else { return }
      LLVMAddCallSiteAttribute(made, index, attribute)
    }
    return Value(made)
  }
}
