// Rewriting reverse-mode entry-point calls: `__enzyme_autodiff` (combined), and the split pair
// `__enzyme_augmentfwd` / `__enzyme_reverse`.
import CLLVM
import LLVMBinding

/// Replaces one reverse-mode entry-point call.
///
/// - `__enzyme_autodiff` returns the adjoints of its `enzyme_out` arguments in order (a struct when
///   there are several, written through the `sret` pointer when the prototype returns it in memory);
///   adjoints of duplicated arguments are added into their shadows.
/// - `__enzyme_augmentfwd` runs the primal and returns the tape (a pointer), or `{ tape, result }`
///   when the declared type has room for the primal result.
/// - `__enzyme_reverse` takes the same arguments, then the result's adjoint (when the result is a
///   float), then the tape; it returns what `__enzyme_autodiff` returns and releases the tape.
///
/// The tape object is `TapeRuntime.objectSize` bytes: malloc'd by `__enzyme_augmentfwd` and freed by
/// `__enzyme_reverse`, unless the caller provides it with `enzyme_allocated N, enzyme_tape p`.
struct ReverseEntryPoint {
  let generator: ReverseGenerator
  let request: DerivativeRequest
  /// The parameters that all of the module's `__enzyme_autodiff` calls of the function make
  /// distinct (`DistinctArguments.agreed`).
  var distinctParameters: [Bool] = []

  private var call: Instruction { request.call }
  private var module: Module { generator.module }

  func rewrite() throws -> Function {
    let signature = try reverseSignature()
    let builder = Builder(context: module.context)
    builder.position(before: call)
    builder.debugLocation = call.debugLocation
    let made: Function
    switch request.mode {
    case .augmentedForward:
      made = try augmentedForward(signature, builder: builder)
    case .reverseSplit:
      made = try splitReverse(signature, builder: builder)
    default:
      made = try combined(signature, builder: builder)
    }
    call.eraseFromParent()
    return made
  }

  private func reverseSignature() throws -> ReverseSignature {
    let parameters = request.function.parameters
    var activities: [Activity] = []
    for (index, argument) in request.arguments.enumerated() {
      let type = parameters[index].type
      switch argument.activity {
      case .duplicated, .duplicatedNoNeed:
        guard type.containsPointer else {
          throw ADError(
            "argument \(index + 1) of '\(request.function.name)' has type \(type) and is marked enzyme_dup; "
              + "in reverse mode a scalar is active with enzyme_out (its adjoint is returned) or enzyme_const",
            at: call)
        }
        activities.append(.duplicated)
      case .active, .constant:
        activities.append(argument.activity)
      }
    }
    var signature = ReverseSignature(
      function: request.function, parameters: activities,
      activeReturn: request.function.returnType.isFloatingPoint)
    signature.shadowsFromArguments = request.mode == .augmentedForward || request.mode == .reverseSplit
    signature.width = request.width
    signature.strongZero = request.strongZero
    signature.constantShadowParameters = request.constantShadowParameters
    let hints = callerMemoryHints()
    if hints.contains(where: { $0 != nil }) { signature.memoryHints = hints }
    // Not for the split pair, whose two calls must ask for the same derivative, nor for a recursive
    // function, whose inner calls share the one the entry point makes.
    if request.mode == .reverse, !generator.callsItself(request.function) {
      signature.distinctParameters = distinctParameters
    }
    return signature
  }

  /// What the function calling the entry point says of the memory each duplicated pointer argument
  /// points to, when it says floating-point values only (its accesses show an array of doubles, a
  /// struct of them), as a derivative's caller does for a callee (`Gradient+MemoryHints`).
  /// Unoptimized C++ copies a lambda's captured `p[0]` into a `std::function` as an `i64`: inlined,
  /// the copy is `load i64` of the user's array, whose other elements the function reads as doubles
  /// at other offsets. Only the caller's `double p[3]` says that this one is a double too (its
  /// adjoint was lost: silently 0). Memory with pointers is not described: a Swift caller's view of
  /// an array (its storage's header beside the elements) made copies of the elements pointers'.
  private func callerMemoryHints() -> [IRType?] {
    request.arguments.map { argument -> IRType? in
      guard argument.activity == .duplicated || argument.activity == .duplicatedNoNeed,
        argument.primal.type.isPointer,
        let type = MemoryTypes.accessedType(reachedBy: [argument.primal], in: call.function.blocks),
        type.containsFloatingPoint, !type.containsPointer
      else { return nil }
      return type
    }
  }

  /// `__enzyme_autodiff`: a trailing float after the arguments is the result's adjoint (the seed,
  /// 1.0 otherwise); the primal result comes first in the returned value when the declared type has
  /// room for it or `enzyme_primal_return` asks for it.
  private func combined(_ signature: ReverseSignature, builder: Builder) throws -> Function {
    let returnType = request.function.returnType
    let seeds = signature.activeReturn ? try resultSeeds(request.trailing, builder: builder) : nil
    if seeds == nil, !request.trailing.isEmpty {
      let lanes =
        request.width == 1 ? "one float" : "\(request.width) floats, one per lane, or an array of them"
      throw ADError(
        "too many arguments: '\(request.function.name)' has \(plural(request.function.parameters.count, "parameter"))"
          + (signature.activeReturn ? "; only its result's adjoint (\(lanes)) may follow them" : "")
          + "; call argument \(request.firstTrailingPosition) and after are left over",
        at: call)
    }
    let adjointLeaves = signature.parameters.enumerated().filter { $0.element == .active }
      .flatMap { Repack.leafTypes(request.function.parameter($0.offset).type) }
      .flatMap { Array(repeating: $0, count: request.width) }
    let declaredLeaves = Repack.leafTypes(request.declaredResultType)
    let withPrimal =
      !returnType.isVoid && !request.declaredResultType.isVoid
      && (request.wantsPrimalReturn || declaredLeaves == Repack.leafTypes(returnType) + adjointLeaves)
      && declaredLeaves != adjointLeaves
    let gradient = try generator.gradient(
      .init(signature: signature, seeded: seeds != nil, returnsPrimal: withPrimal))
    let result = builder.call(gradient, primalsAndShadows() + (seeds ?? []))
    try produceAdjoints(result, builder: builder)
    return gradient
  }

  /// The adjoints of the result the call gives after the arguments, one per lane: a float each, or
  /// (batched) one aggregate of `width` floats. Nil when none is given (the seed is then 1.0).
  private func resultSeeds(_ trailing: [Value], builder: Builder) throws -> [Value]? {
    let type = request.function.returnType
    if trailing.count == request.width, trailing.allSatisfy(\.type.isFloatingPoint) {
      return trailing.map { builder.fpCast($0, to: type) }
    }
    if request.width > 1, trailing.count == 1, Repack.leafTypes(trailing[0].type).count == request.width,
      Repack.leafTypes(trailing[0].type).allSatisfy(\.isFloatingPoint)
    {
      return Repack.leaves(of: trailing[0], builder: builder).map { builder.fpCast($0, to: type) }
    }
    return nil
  }

  /// The call's arguments as the derivative takes them: each primal, then its shadows (one per lane).
  private func primalsAndShadows() -> [Value] {
    request.arguments.flatMap { argument in
      [argument.primal] + (argument.activity.hasShadow ? argument.shadows : [])
    }
  }

  /// Returns the adjoints as the call's declared result.
  private func produceAdjoints(_ adjoints: Value, builder: Builder) throws {
    let declared = request.declaredResultType
    guard !declared.isVoid else { return }
    let produced: Value
    if adjoints.type.isVoid {
      produced = Value.null(declared)
    } else if let converted = Repack.convert(adjoints, to: declared, builder: builder)
      ?? Repack.reinterpret(adjoints, as: declared, module: module, builder: builder)
    {
      produced = converted
    } else {
      throw ADError(
        "\(request.mode.entryPointName) is declared to return \(declared), but the adjoints of the enzyme_out "
          + "arguments of '\(request.function.name)' are \(adjoints.type)", at: call)
    }
    deliver(produced, builder: builder)
  }

  private func deliver(_ value: Value, builder: Builder) {
    if let (pointer, _) = request.structReturn {
      builder.store(value, to: pointer)
    } else if !call.type.isVoid {
      call.value.replaceAllUses(with: value)
    }
  }

  // MARK: - Split mode

  private func augmentedForward(_ signature: ReverseSignature, builder: Builder) throws -> Function {
    let derivative = try generator.derivative(signature)
    let tape = generator.tape
    let object =
      request.tape
      ?? builder.call(
        module.declareFunction(named: "malloc", type: .function(returning: tape.pointer, [tape.i64])),
        [Value.constInt(tape.i64, TapeRuntime.objectSize)], "tape")
    builder.call(tape.start, [object])
    // The tape's first record: where `__enzyme_reverse` releases the shadows of blocks freed
    // during the augmented call down to (`shadowsReleasedAfterGradient`).
    tape.push([tape.releasedAfterGradientMark(builder: builder)], tape: object, builder: builder)
    // Split mode does not release shadows when an exception passes: forget their registration.
    let unwindMark = generator.unwindMark(builder: builder)
    let result = builder.call(derivative.augmented, primalsAndShadows() + [object])
    generator.resetPendingShadows(to: unwindMark, builder: builder)
    let declared = request.declaredResultType
    guard !declared.isVoid else { return derivative.augmented }
    if declared.isPointer {
      deliver(object, builder: builder)
      return derivative.augmented
    }
    var results: [Value] = []
    if !result.type.isVoid {
      if derivative.returnsShadow {
        results += (0...request.width).map { builder.extractValue(result, UInt32($0)) }
      } else {
        results.append(result)
      }
    }
    // The declared type says the order, as in Enzyme: the tape first (`{tape, primal}`), or last
    // (`{primal, tape}`).
    let resultLeaves = results.flatMap { Repack.leaves(of: $0, builder: builder) }
    let tapeFirst = [object] + resultLeaves
    let tapeLast = resultLeaves + [object]
    let declaredLeaves = Repack.leafTypes(declared)
    guard let leaves = [tapeFirst, tapeLast].first(where: { $0.map(\.type) == declaredLeaves }) else {
      throw ADError(
        "__enzyme_augmentfwd is declared to return \(declared); it returns the tape (a pointer), or the tape "
          + "and the result of '\(request.function.name)' (\(request.function.returnType)) in either order",
        at: call)
    }
    deliver(Repack.assemble(leaves, as: declared, builder: builder), builder: builder)
    return derivative.augmented
  }

  private func splitReverse(_ signature: ReverseSignature, builder: Builder) throws -> Function {
    let derivative = try generator.derivative(signature)
    let tape = generator.tape
    var trailing = request.trailing
    let object: Value
    if let given = request.tape {
      object = given
    } else if let last = trailing.popLast(), last.type.isPointer {
      object = last
    } else {
      throw ADError(
        "__enzyme_reverse needs the tape returned by __enzyme_augmentfwd as its last argument", at: call)
    }
    var arguments = [object]
    if signature.activeReturn {
      guard let seeds = try resultSeeds(trailing, builder: builder) else {
        throw ADError(
          "__enzyme_reverse of '\(request.function.name)' needs the adjoint of its \(request.function.returnType) "
            + "result before the tape" + (request.width > 1 ? ", one per lane (\(request.width))" : ""),
          at: call)
      }
      arguments += seeds
    } else if !trailing.isEmpty {
      throw ADError(
        "too many arguments: \(trailing.count) left over before the tape, from call argument "
          + "\(request.firstTrailingPosition); '\(request.function.name)' returns no float, so its arguments "
          + "should be followed by the tape alone", at: call)
    }
    let adjoints = builder.call(derivative.reverse, arguments + primalsAndShadows())
    let releaseMark = tape.pop([tape.i64], tape: object, builder: builder)[0]
    builder.call(tape.releaseShadowsAfterGradient, [releaseMark])
    builder.call(tape.free, [object])
    if request.tape == nil {
      let free = module.declareFunction(
        named: "free", type: .function(returning: IRType.void(in: module.context), [tape.pointer]))
      builder.call(free, [object])
    }
    try produceAdjoints(adjoints, builder: builder)
    return derivative.reverse
  }
}
