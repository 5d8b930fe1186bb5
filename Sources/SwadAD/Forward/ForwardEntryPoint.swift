// Rewriting a `__enzyme_fwddiff` call into a call of the forward derivative.
import CLLVM
import LLVMBinding

/// Replaces one `__enzyme_fwddiff` call. The call returns what Enzyme returns: the result's tangent
/// (`[width x T]` or an equivalent struct when batched), or the primal result and its tangent as a
/// pair when the declared result type has room for both or `enzyme_primal_return` asks for them.
struct ForwardEntryPoint {
  let generator: ForwardGenerator
  let request: DerivativeRequest

  func rewrite() throws -> Function {
    let call = request.call
    var signature = ForwardSignature(
      function: request.function, tangentParameters: request.arguments.map(\.activity.hasShadow),
      width: request.width)
    signature.strongZero = request.strongZero
    signature.constantShadowParameters = request.constantShadowParameters
    let derivative = try generator.derivative(signature)
    let builder = Builder(context: generator.module.context)
    builder.position(before: call)
    builder.debugLocation = call.debugLocation
    var values: [Value] = []
    for argument in request.arguments {
      values.append(argument.primal)
      if argument.activity.hasShadow { values.append(Repack.pack(argument.shadows, builder: builder)) }
    }
    let result = builder.call(derivative.function, values)
    var primal: Value? = nil
    var tangent: Value? = nil
    if derivative.returnsTangent {
      primal = builder.extractValue(result, 0)
      tangent = builder.extractValue(result, 1)
    } else if !result.type.isVoid {
      primal = result
    }
    let declared = request.declaredResultType
    var produced: Value? = nil
    if !declared.isVoid {
      produced = try resultValue(declared: declared, primal: primal, tangent: tangent, builder: builder)
    }
    if let (pointer, _) = request.structReturn, let produced {
      builder.store(produced, to: pointer)
    } else if let produced, !call.type.isVoid {
      call.value.replaceAllUses(with: produced)
    }
    call.eraseFromParent()
    return derivative.function
  }

  private func resultValue(declared: IRType, primal: Value?, tangent: Value?, builder: Builder) throws
    -> Value
  {
    let context = generator.module.context
    if let tangent, let primal {
      let pairType = IRType.structure([primal.type, tangent.type], in: context)
      if request.wantsPrimalReturn || Repack.leafTypes(declared) == Repack.leafTypes(pairType) {
        if Repack.leafTypes(declared) == Repack.leafTypes(pairType) {
          let pair = builder.insertValue(builder.insertValue(Value.poison(pairType), primal, 0), tangent, 1)
          return Repack.convert(pair, to: declared, builder: builder)!
        }
      } else if let converted = Repack.convert(tangent, to: declared, builder: builder)
        ?? Repack.reinterpret(tangent, as: declared, module: generator.module, builder: builder)
      {
        return converted
      }
      throw ADError(
        "__enzyme_fwddiff is declared to return \(declared), which matches neither the tangent of "
          + "'\(request.function.name)' (\(tangent.type)) nor the primal and tangent together "
          + "({\(primal.type), \(tangent.type)})", at: request.call)
    }
    if let primal, let converted = Repack.convert(primal, to: declared, builder: builder) {
      return converted
    }
    if primal == nil {
      // A function without a result called through a prototype with one (C users often declare a
      // single `double __enzyme_fwddiff(void*, ...)`): there is no tangent to return.
      return Value.null(declared)
    }
    throw ADError(
      "__enzyme_fwddiff is declared to return \(declared), but '\(request.function.name)' returns "
        + "\(request.function.returnType), which has no tangent", at: request.call)
  }
}
