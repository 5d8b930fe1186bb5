// Reverse mode: synthesizes, once per (function, activities), an augmented forward function and a
// reverse function that communicate through the tape.
import CLLVM
import LLVMBinding

/// Which derivative of a function is wanted in reverse mode.
struct ReverseSignature: Hashable {
  var function: Function
  /// Per parameter: `.constant`, `.duplicated` (a pointer with a shadow) or `.active` (a float whose
  /// adjoint the reverse function returns).
  var parameters: [Activity]
  /// Whether the result is active: the reverse function then takes its adjoint.
  var activeReturn: Bool
  /// Whether nothing runs between the augmented and the reverse function (a combined gradient,
  /// `diffe<f>`): memory the function itself never writes can then be loaded again in the reverse
  /// sweep instead of being saved.
  var combined = false
  /// Per parameter, what the caller knows its memory holds (the element type of a pointer argument,
  /// from the caller's loads, stores and GEPs): a callee that only copies the memory (`memcpy`)
  /// learns from it which bytes are floats and which are pointers.
  var memoryHints: [IRType?] = []
  /// Per parameter, what the caller knows of the memory the pointers in the parameter's memory point
  /// to: by the pointer's byte offset from the address passed, one record of that memory as the
  /// caller's accesses through the pointers it loads from there show it (`Gradient+PointeeHints`).
  /// Empty when the caller knows nothing of the kind.
  var pointeeHints: [[Int: MemoryTypes.AgreedLayout]] = []
  /// Per parameter, the record declared with a union holding floating-point values that the
  /// caller's pointer points to the start of (`Gradient+UnionHints`); empty when there is none.
  var unionHints: [IRType?] = []
  /// Split mode: the reverse function reads argument shadows from its parameters (the shadows given
  /// to `__enzyme_reverse`) rather than from the tape.
  var shadowsFromArguments = false
  /// For each parameter, whether its shadow may be the primal pointer itself (`ConstantShadows`);
  /// empty when none may.
  var constantShadowParameters: [Bool] = []
  /// Whether the function runs on the threads of a parallel region (`Gradient+OpenMP`): adjoints
  /// of memory other threads may read too are then added atomically.
  var inParallelRegion = false
  /// For each pointer parameter, whether its memory holds one pointer with a real shadow that the
  /// function only reads (a parallel region's captured variable); empty when none does.
  var shadowedPointees: [Bool] = []
  /// The number of adjoint lanes (`enzyme_width`): each shadow, result seed and adjoint comes
  /// `width` times, over one forward sweep.
  var width = 1
  /// `enzyme_strong_zero`: 0 times an infinite or NaN factor gives 0 in adjoint terms, in this function
  /// and in the callees differentiated for it (`RuleEmitter.strongZero`).
  var strongZero = false
  /// For a parallel region's microtask in a combined gradient, per parameter: the caller's object
  /// its captured pointer points into, and (`callerPointees`), for a captured stack slot into which
  /// the caller stored one pointer before the fork, the object that pointer points into. Both are
  /// kept as the forward sweep left them until the region's reverse sweep, so the microtask's loads
  /// of them can be done again there; and they tell its alias analysis which of the memory it
  /// reaches is distinct (`Gradient+OpenMP`). Empty otherwise.
  var callerObjects: [Value?] = []
  var callerPointees: [Value?] = []
  /// Per parameter, whether every caller passes a pointer into an allocation of its own (a local
  /// array, a `malloc`) that no other argument of the call points into: memory that no global and
  /// no other parameter reaches, so that writes through the parameter leave theirs alone
  /// (`MemoryWrites.isDistinctArgument`). Empty when none is.
  var distinctParameters: [Bool] = []
}

/// A synthesized reverse derivative, in two parts:
///
///     augmented_f(params…, shadows of duplicated params…, ptr tape) -> R  or  { R, shadow R }
///     reverse_f(ptr tape [, R dret], params…, shadows of duplicated params…) -> { adjoints of active params }
///
/// With `width` N > 1 (batched reverse mode) each shadow parameter, `dret`, shadow result and
/// adjoint comes N times in a row, lane 0 first.
///
/// The reverse function takes the arguments again, as Enzyme's split mode does (`__enzyme_reverse`
/// passes them): values of arguments come from there, not from the tape, and adjoints accumulate
/// into the shadows it is given.
///
/// The augmented function runs the primal and pushes what the reverse function needs; the reverse
/// function pops it and accumulates adjoints, into shadows (`+=`) and into its result.
struct ReverseDerivative {
  var signature: ReverseSignature
  var augmented: Function
  var reverse: Function
  /// Whether the augmented function also returns the shadow of a pointer result.
  var returnsShadow: Bool
  var activeParameters: [Int] {
    signature.parameters.enumerated().filter { $0.element == .active }.map(\.offset)
  }
}

final class ReverseGenerator {
  /// The names of the two sweeps of a reverse derivative: the prefix and the original's name.
  static let augmentedPrefix = "augmented_"
  static let reversePrefix = "diffe_reverse_"

  /// Whether `function` is one of the sweeps this generator makes (of a parallel region's
  /// microtask too: `diffe_reverse_f.omp_outlined`, and the wrapper a fork of it calls,
  /// `augmented.par.augmented_f.omp_outlined`), not forward split mode's recording.
  static func isSweep(_ function: Function) -> Bool { sweptFunctionName(function) != nil }

  /// The name of the function `function` is a sweep of (`f` for `augmented.par.augmented_f`), if
  /// it is one.
  static func sweptFunctionName(_ function: Function) -> String? {
    var name = Substring(function.name)
    for wrapper in ["augmented.par.", "diffe.par."] where name.hasPrefix(wrapper) {
      name = name.dropFirst(wrapper.count)
    }
    if name.hasPrefix(reversePrefix) { return String(name.dropFirst(reversePrefix.count)) }
    guard name.hasPrefix(augmentedPrefix), !name.hasPrefix(ForwardSplitter.augmentedPrefix) else {
      return nil
    }
    return String(name.dropFirst(augmentedPrefix.count))
  }

  let module: Module
  let tape: TapeRuntime
  let classifier: CallClassifier
  let globals: GlobalShadows
  private var derivatives: [ReverseSignature: ReverseDerivative] = [:]
  /// Derivatives whose bodies are being emitted (a recursive call sees them unfinished).
  private(set) var inProgress: Set<ReverseSignature> = []
  private var gradients: [GradientKind: Function] = [:]
  /// The functions whose invokes are calls while their derivatives are emitted.
  let unwind = UnwindRegistry()
  /// What the emitters decided that users may want to know (what BLAS operands are copied).
  var remarks: [Remark] = []
  /// Whether the warning of a record copy laid out by a guess in a module without debug info was
  /// given (`Gradient+CopyLayouts`, once a module).
  var warnedOfGuessedRecordCopy = false
  /// Which pointer arguments point to memory that is still there in the reverse sweep.
  lazy var argumentLifetimes = ArgumentLifetimes(module: module, classifier: classifier)
  /// The alignment of varied stack slots and their shadows (`ShadowAlignment`).
  lazy var widestVectorAccess = ShadowAlignment.widestVectorAccess(in: module)

  /// The variants of the combined gradient an entry point can ask for.
  struct GradientKind: Hashable {
    var signature: ReverseSignature
    /// The result's adjoint is a parameter (after the shadows) instead of 1.0.
    var seeded = false
    /// The gradient returns `{ result, adjoints… }` instead of `{ adjoints… }`.
    var returnsPrimal = false
  }

  /// How remarks name functions, shared with the other generators of the run.
  let remarkNames: RemarkNames

  init(module: Module, rules: CustomRules, globals: GlobalShadows, remarkNames: RemarkNames = RemarkNames()) {
    self.module = module
    self.globals = globals
    self.remarkNames = remarkNames
    classifier = CallClassifier(rules: rules, mode: .reverse)
    tape = TapeRuntime(module: module)
  }

  func derivative(_ signature: ReverseSignature) throws -> ReverseDerivative {
    if let made = derivatives[signature] { return made }
    let original = signature.function
    let context = module.context
    let pointer = IRType.pointer(in: context)

    let width = signature.width
    let layout = ShadowedParameters(hasShadow: signature.parameters.map(\.hasShadow), width: width)
    let augmentedParameters = layout.types(of: original) + [pointer]
    let resultType = original.returnType
    let returnsShadow = resultType.containsPointer
    let augmentedResult =
      returnsShadow
      ? IRType.structure(Array(repeating: resultType, count: 1 + width), in: context) : resultType
    let augmented = module.addFunction(
      named: Self.augmentedPrefix + original.name,
      type: .function(returning: augmentedResult, augmentedParameters))

    let adjointTypes = signature.parameters.enumerated().filter { $0.element == .active }
      .flatMap { Array(repeating: original.parameter($0.offset).type, count: width) }
    let reverseResult =
      adjointTypes.isEmpty ? IRType.void(in: context) : IRType.structure(adjointTypes, in: context)
    let seeds = signature.activeReturn ? Array(repeating: resultType, count: width) : []
    let reverseParameters = [pointer] + seeds + layout.types(of: original)
    let reverse = module.addFunction(
      named: Self.reversePrefix + original.name, type: .function(returning: reverseResult, reverseParameters))
    for function in [augmented, reverse] {
      function.linkage = LLVMInternalLinkage
      function.copyStringAttributes(from: original)
    }
    // The augmented function gets its own copy of by-value arguments, as the original does; their
    // shadows are the caller's (adjoints accumulate there).
    layout.copyAttributes(to: augmented, from: original, byValueShadows: false)
    let derivative = ReverseDerivative(
      signature: signature, augmented: augmented, reverse: reverse, returnsShadow: returnsShadow)
    derivatives[signature] = derivative
    inProgress.insert(signature)
    defer { inProgress.remove(signature) }
    do {
      try unwind.withNormalPaths(of: original) { _ in
        try GradientEmitter(generator: self, derivative: derivative).emit()
      }
    } catch {
      // Nothing half-made stays behind: a caller may go on without this derivative (a candidate of
      // an indirect call, `IndirectCallPromotion`).
      derivatives[signature] = nil
      augmented.eraseWithUses()
      reverse.eraseWithUses()
      throw error
    }
    return derivative
  }

  /// Whether `function` calls itself directly (its derivative is then not combined: inner calls share it).
  func callsItself(_ function: Function) -> Bool {
    function.blocks.contains { $0.instructions.contains { $0.isCall && $0.calledFunction == function } }
  }

  /// The combined gradient `diffe<f>(params…, shadows…) -> { adjoints }` that an `__enzyme_autodiff`
  /// call runs: a fresh tape, the augmented forward sweep, the reverse sweep seeded with 1.0 for a
  /// float result, and the tape released.
  func gradient(_ kind: GradientKind) throws -> Function {
    if let made = gradients[kind] { return made }
    let signature = kind.signature
    // A recursive function's inner calls use the ordinary derivative; sharing it keeps one copy.
    var combined = signature
    combined.combined = !callsItself(signature.function)
    let derivative = try self.derivative(combined)
    let original = signature.function
    let context = module.context
    let width = signature.width
    let layout = ShadowedParameters(hasShadow: signature.parameters.map(\.hasShadow), width: width)
    var parameterTypes = layout.types(of: original)
    if kind.seeded { parameterTypes += Array(repeating: original.returnType, count: width) }
    let adjointTypes =
      derivative.reverse.returnType.isVoid ? [] : derivative.reverse.returnType.structElements
    let primalTypes = kind.returnsPrimal && !original.returnType.isVoid ? [original.returnType] : []
    let resultType =
      primalTypes.isEmpty && adjointTypes.isEmpty
      ? IRType.void(in: context) : IRType.structure(primalTypes + adjointTypes, in: context)
    let function = module.addFunction(
      named: "diffe" + original.name, type: .function(returning: resultType, parameterTypes))
    function.linkage = LLVMInternalLinkage
    function.copyStringAttributes(from: original)
    let builder = Builder(context: context)
    builder.position(atEndOf: function.appendBlock(named: "entry"))
    layout.name(function, like: original)
    if kind.seeded { for lane in 0..<width { function.parameter(layout.end + lane).name = "dret" } }
    let tapeSlot = builder.alloca(tape.type, "tape")
    builder.call(tape.start, [tapeSlot])
    let primalParameters = Array(function.parameters.prefix(layout.end))
    let unwindMark = unwindMark(builder: builder)
    let releaseMark = tape.releasedAfterGradientMark(builder: builder)
    let primal = callAugmented(
      derivative.augmented, of: original, primalParameters + [tapeSlot], tape: tapeSlot,
      unwindMark: unwindMark, releaseMark: releaseMark, builder: builder)
    var reverseArguments = [tapeSlot]
    if signature.activeReturn {
      reverseArguments += (0..<width).map {
        kind.seeded ? function.parameter(layout.end + $0) : Value.constReal(original.returnType, 1.0)
      }
    }
    let adjoints = builder.call(derivative.reverse, reverseArguments + primalParameters, "adjoints")
    builder.call(tape.releaseShadowsAfterGradient, [releaseMark])
    builder.call(tape.free, [tapeSlot])
    resetPendingShadows(to: unwindMark, builder: builder)
    if resultType.isVoid {
      builder.retVoid()
    } else if primalTypes.isEmpty {
      builder.ret(adjoints)
    } else {
      var result = Value.poison(resultType)
      var index: UInt32 = 0
      if !primalTypes.isEmpty {
        let value = derivative.returnsShadow ? builder.extractValue(primal, 0) : primal
        result = builder.insertValue(result, value, index)
        index += 1
      }
      for position in 0..<adjointTypes.count {
        result = builder.insertValue(result, builder.extractValue(adjoints, UInt32(position)), index)
        index += 1
      }
      builder.ret(result)
    }
    gradients[kind] = function
    return function
  }
}
