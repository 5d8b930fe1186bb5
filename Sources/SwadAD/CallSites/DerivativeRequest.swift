// What an entry-point call asks for, once its arguments are parsed.
import LLVMBinding

/// The activity of one parameter of the function being differentiated.
public enum Activity: String, Hashable, Sendable {
  /// No derivative (`enzyme_const`, and integers by default).
  case constant
  /// The value and its shadow: a tangent in forward mode, an adjoint accumulator in reverse mode
  /// (`enzyme_dup`, and pointers by default; floats by default in forward mode).
  case duplicated
  /// As duplicated; the primal is not needed by the caller (`enzyme_dupnoneed`).
  case duplicatedNoNeed
  /// An active scalar whose adjoint is returned (`enzyme_out`, and floats by default in reverse mode).
  case active

  public var hasShadow: Bool { self == .duplicated || self == .duplicatedNoNeed }
}

/// One parameter's argument at the call site.
struct RequestArgument {
  var activity: Activity
  /// The primal value, converted to the parameter's type.
  var primal: Value
  /// The shadows, one per batch lane (empty unless duplicated).
  var shadows: [Value]
}

/// A parsed entry-point call.
struct DerivativeRequest {
  var mode: DerivativeMode
  var call: Instruction
  var function: Function
  var arguments: [RequestArgument]
  /// The number of directions (`enzyme_width`), 1 unless batched.
  var width: Int
  /// `enzyme_primal_return`: the caller wants the primal result too.
  var wantsPrimalReturn: Bool
  /// Split mode: the tape object given with `enzyme_tape` (user-allocated memory).
  var tape: Value?
  /// `enzyme_nofree` (`__enzyme_fwdsplit`): the tape stays the caller's to free or reuse.
  var keepsTape = false
  /// `enzyme_context`: the shadow context that holds the shadows of globals across the call.
  var shadowContext: Value? = nil
  /// `enzyme_strong_zero`: every term of a derivative, a partial times a seed, is 0 where either is,
  /// even where the other is infinite or NaN (`pow(x, 0.5)`'s partial at 0): a value that does not
  /// reach the result, or reaches it weighted by 0, then passes no NaN to the inputs' derivatives.
  var strongZero = false
  /// Split mode: arguments after the function's own (`__enzyme_reverse`: the result's adjoint and
  /// the tape).
  var trailing: [Value] = []
  /// The position of the first trailing argument among the call's arguments (the function is 1).
  var firstTrailingPosition = 0
  /// The hidden `sret` pointer through which the call returns its result, if the prototype's result
  /// is returned in memory.
  var structReturn: (pointer: Value, type: IRType)?
  /// The parameters whose shadows given are the primal pointers themselves: constant arguments
  /// written through with floating-point values (`ConstantArgumentsWrittenThrough`).
  var shadowsMayBePrimal: Set<Int> = []
  /// `shadowsMayBePrimal` as a signature's `constantShadowParameters`: a flag per parameter, empty
  /// when none is set.
  var constantShadowParameters: [Bool] {
    shadowsMayBePrimal.isEmpty ? [] : arguments.indices.map(shadowsMayBePrimal.contains)
  }
  /// The type the call returns (void when it returns through `structReturn`).
  var callReturnType: IRType { call.type }
  /// The type of the result as the user declared it (the pointee of an `sret`).
  var declaredResultType: IRType { structReturn?.type ?? call.type }
}
