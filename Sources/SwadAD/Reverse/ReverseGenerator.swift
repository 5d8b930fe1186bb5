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
}

/// A synthesized reverse derivative, in two parts:
///
///     augmented_f(params…, shadows of duplicated params…, ptr tape) -> R  or  { R, shadow R }
///     reverse_f(ptr tape [, R dret]) -> { adjoints of active params }  (void if none)
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
  let module: Module
  let tape: TapeRuntime
  let classifier: CallClassifier
  let globals: GlobalShadows
  private var derivatives: [ReverseSignature: ReverseDerivative] = [:]
  private var gradients: [ReverseSignature: Function] = [:]

  init(module: Module, rules: CustomRules, globals: GlobalShadows) {
    self.module = module
    self.globals = globals
    classifier = CallClassifier(rules: rules, mode: .reverse)
    tape = TapeRuntime(module: module)
  }

  func derivative(_ signature: ReverseSignature) throws -> ReverseDerivative {
    if let made = derivatives[signature] { return made }
    let original = signature.function
    let context = module.context
    let pointer = IRType.pointer(in: context)

    var augmentedParameters: [IRType] = []
    for (parameter, activity) in zip(original.parameters, signature.parameters) {
      augmentedParameters.append(parameter.type)
      if activity.hasShadow { augmentedParameters.append(parameter.type) }
    }
    augmentedParameters.append(pointer)
    let resultType = original.returnType
    let returnsShadow = resultType.containsPointer
    let augmentedResult = returnsShadow ? IRType.structure([resultType, resultType], in: context) : resultType
    let augmented = module.addFunction(
      named: "augmented_" + original.name, type: .function(returning: augmentedResult, augmentedParameters))

    let adjointTypes = signature.parameters.enumerated().filter { $0.element == .active }
      .map { original.parameter($0.offset).type }
    let reverseResult = adjointTypes.isEmpty ? IRType.void(in: context) : IRType.structure(adjointTypes, in: context)
    let reverseParameters = [pointer] + (signature.activeReturn ? [resultType] : [])
    let reverse = module.addFunction(
      named: "diffe_reverse_" + original.name, type: .function(returning: reverseResult, reverseParameters))
    for function in [augmented, reverse] {
      function.linkage = LLVMInternalLinkage
      function.copyStringAttributes(from: original)
    }
    let derivative = ReverseDerivative(
      signature: signature, augmented: augmented, reverse: reverse, returnsShadow: returnsShadow)
    derivatives[signature] = derivative
    try GradientEmitter(generator: self, derivative: derivative).emit()
    return derivative
  }

  private func callsItself(_ function: Function) -> Bool {
    function.blocks.contains { $0.instructions.contains { $0.isCall && $0.calledFunction == function } }
  }

  /// The combined gradient `diffe<f>(params…, shadows…) -> { adjoints }` that an `__enzyme_autodiff`
  /// call runs: a fresh tape, the augmented forward sweep, the reverse sweep seeded with 1.0 for a
  /// float result, and the tape released.
  func gradient(_ signature: ReverseSignature) throws -> Function {
    if let made = gradients[signature] { return made }
    // A recursive function's inner calls use the ordinary derivative; sharing it keeps one copy.
    var combined = signature
    combined.combined = !callsItself(signature.function)
    let derivative = try self.derivative(combined)
    let original = signature.function
    let context = module.context
    var parameterTypes: [IRType] = []
    for (parameter, activity) in zip(original.parameters, signature.parameters) {
      parameterTypes.append(parameter.type)
      if activity.hasShadow { parameterTypes.append(parameter.type) }
    }
    let function = module.addFunction(
      named: "diffe" + original.name,
      type: .function(returning: derivative.reverse.returnType, parameterTypes))
    function.linkage = LLVMInternalLinkage
    function.copyStringAttributes(from: original)
    let builder = Builder(context: context)
    builder.position(atEndOf: function.appendBlock(named: "entry"))
    let tapeSlot = builder.alloca(tape.type, "tape")
    builder.call(tape.start, [tapeSlot])
    builder.call(derivative.augmented, function.parameters + [tapeSlot])
    var reverseArguments = [tapeSlot]
    if signature.activeReturn { reverseArguments.append(Value.constReal(original.returnType, 1.0)) }
    let adjoints = builder.call(derivative.reverse, reverseArguments, "adjoints")
    builder.call(tape.free, [tapeSlot])
    if function.returnType.isVoid { builder.retVoid() } else { builder.ret(adjoints) }
    gradients[signature] = function
    return function
  }
}
