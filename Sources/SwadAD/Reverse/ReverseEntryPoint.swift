// Rewriting an `__enzyme_autodiff` call into a call of the combined gradient.
import CLLVM
import LLVMBinding

/// Replaces one `__enzyme_autodiff` call. The call returns the adjoints of its `enzyme_out`
/// arguments in order (a struct when there are several, written through the `sret` pointer when the
/// prototype returns it in memory); adjoints of duplicated arguments are added into their shadows.
struct ReverseEntryPoint {
  let generator: ReverseGenerator
  let request: DerivativeRequest

  func rewrite() throws -> Function {
    let call = request.call
    if request.width != 1 {
      throw ADError("enzyme_width (batched reverse mode) is not supported yet", at: call)
    }
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
    let returnType = request.function.returnType
    let signature = ReverseSignature(
      function: request.function, parameters: activities, activeReturn: returnType.isFloatingPoint)
    let gradient = try generator.gradient(signature)
    let builder = Builder(context: generator.module.context)
    builder.position(before: call)
    builder.debugLocation = call.debugLocation
    var values: [Value] = []
    for argument in request.arguments {
      values.append(argument.primal)
      if argument.activity.hasShadow { values.append(argument.shadows[0]) }
    }
    let adjoints = builder.call(gradient, values)
    let declared = request.declaredResultType
    if !declared.isVoid {
      let produced: Value
      if adjoints.type.isVoid {
        produced = Value.null(declared)
      } else if let converted = Repack.convert(adjoints, to: declared, builder: builder) {
        produced = converted
      } else {
        throw ADError(
          "__enzyme_autodiff is declared to return \(declared), but the adjoints of the enzyme_out arguments "
            + "of '\(request.function.name)' are \(adjoints.type)", at: call)
      }
      if let (pointer, _) = request.structReturn {
        builder.store(produced, to: pointer)
      } else {
        call.value.replaceAllUses(with: produced)
      }
    }
    call.eraseFromParent()
    return gradient
  }
}
