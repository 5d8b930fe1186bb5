// Forward mode: synthesizes tangent functions, once per (function, tangent parameters, width).
import CLLVM
import LLVMBinding

/// Which derivative of a function is wanted in forward mode.
struct ForwardSignature: Hashable {
  var function: Function
  /// For each parameter, whether a tangent (or shadow pointer) is passed after it.
  var tangentParameters: [Bool]
  /// The number of directions computed at once.
  var width: Int
  /// `enzyme_strong_zero`: 0 times an infinite or NaN factor gives 0 in tangent terms, in this function
  /// and in the callees differentiated for it (`RuleEmitter.strongZero`).
  var strongZero = false
  /// For each parameter, whether its shadow may be the primal pointer itself (`ConstantShadows`);
  /// empty when none may.
  var constantShadowParameters: [Bool] = []
  /// For each pointer parameter, the element type of its memory as the caller's accesses show it
  /// (where the callee's own say nothing); empty when the caller knows none.
  var memoryHints: [IRType?] = []
  /// For each pointer parameter, whether its memory holds one pointer with a real shadow that the
  /// function only reads (a parallel region's captured variable); empty when none does.
  var shadowedPointees: [Bool] = []
}

/// A synthesized forward derivative.
///
/// Its parameters are the original's, each followed by its tangent when it has one (`[width x T]`
/// when batched). It returns the original's result and, when the result can carry a derivative, the
/// result's tangent with it, as `{ result, tangent }`.
struct ForwardDerivative {
  var function: Function
  var signature: ForwardSignature
  var returnsTangent: Bool
}

/// Synthesizes forward derivatives in a module and remembers them, so that each is made once and
/// recursive functions call their own derivative.
final class ForwardGenerator {
  let module: Module
  let classifier: CallClassifier
  let globals: GlobalShadows
  /// The functions whose invokes are calls while their derivatives are emitted.
  let unwind = UnwindRegistry()
  /// The alignment of varied stack slots and their shadows (`ShadowAlignment`).
  lazy var widestVectorAccess = ShadowAlignment.widestVectorAccess(in: module)
  private var derivatives: [ForwardSignature: ForwardDerivative] = [:]
  /// Forward split mode: turns each derivative this generator makes into a tangent that reads the
  /// primal's values from a tape (`ForwardSplitter`); nil for ordinary forward mode.
  weak var split: ForwardSplitter?

  init(module: Module, rules: CustomRules, globals: GlobalShadows) {
    self.module = module
    self.globals = globals
    classifier = CallClassifier(rules: rules, mode: .forward)
  }

  func derivative(_ signature: ForwardSignature) throws -> ForwardDerivative {
    if let made = derivatives[signature] { return made }
    let original = signature.function
    let context = module.context
    let layout = ShadowedParameters(hasShadow: signature.tangentParameters)
    let parameterTypes = layout.types(of: original) { Repack.batched($0, width: signature.width) }
    let resultType = original.returnType
    let returnsTangent = ActivityAnalysis.canCarryDerivative(resultType)
    let derivedResult =
      returnsTangent
      ? IRType.structure([resultType, Repack.batched(resultType, width: signature.width)], in: context)
      : resultType
    let prefix =
      split != nil
      ? ForwardSplitter.tangentPrefix
      : signature.width == 1 ? "fwddiffe" : "fwddiffe\(signature.width)"
    let function = module.addFunction(
      named: prefix + original.name, type: .function(returning: derivedResult, parameterTypes))
    function.linkage = LLVMInternalLinkage
    function.copyStringAttributes(from: original)
    if signature.width == 1 {
      // The tangent of a by-value argument is passed by value too.
      layout.copyAttributes(to: function, from: original, byValueShadows: true)
    }
    let derivative = ForwardDerivative(
      function: function, signature: signature, returnsTangent: returnsTangent)
    derivatives[signature] = derivative
    do {
      try unwind.withNormalPaths(of: original) { _ in
        let emitter = ForwardEmitter(generator: self, derivative: derivative)
        try split?.refuseUnsupported(in: emitter)
        try emitter.emit()
        try split?.finish(emitter)
      }
    } catch {
      // Nothing half-made stays behind: a caller may go on without this derivative (a candidate of
      // an indirect call, `IndirectCallPromotion`).
      derivatives[signature] = nil
      split?.forget(function)
      function.eraseWithUses()
      throw error
    }
    return derivative
  }
}
