// Forward mode, BLAS calls: the tangent is written in BLAS by the routine's rule
// (`Rules/BLAS/BLASRoutines.swift`), before and after a copy of the primal call, once per lane.
import CLLVM
import LLVMBinding

extension ForwardEmitter {
  func visitBLASCall(_ call: Instruction, _ function: BLASFunction) throws {
    let routine = function.routine
    let hasOutput =
      routine.output.map { hasTangent(function.argument($0, of: call)) } ?? activity.isVaried(call.value)
    guard hasOutput else {
      copyPrimal(call)
      return
    }
    let (layout, values) = try function.normalizedArguments(
      of: call, value: { map[$0] }, builder: builder, module: module)
    let element = function.element(in: module.context)
    let library = BLASLibrary(
      module: module, builder: builder, element: element, layout: layout, backend: function.backend)

    func context(lane: Int, result: Value?) -> BLASRuleContext {
      var derivatives: [String: Value] = [:]
      for parameter in routine.parameters {
        let argument = function.argument(parameter.name, of: call)
        switch parameter.kind {
        case .array where hasTangent(argument):
          derivatives[parameter.name] = tangent(of: argument)[lane]
        case .scalar where function.isFortran:
          if hasTangent(argument), BLASFunction.storedScalarMayBeActive(argument, isVaried: activity.isVaried)
          {
            derivatives[parameter.name] = builder.load(
              element, from: tangent(of: argument)[lane], "d" + parameter.name)
          }
        case .scalar where activity.isVaried(argument):
          derivatives[parameter.name] = tangent(of: argument)[lane]
        default:
          continue
        }
      }
      let made = BLASRuleContext(
        library: library, routine: function.name, values: values, exitValues: values,
        derivatives: derivatives, result: result)
      // A tangent that may be the array itself (`BLASRuleContext.guardShadow`).
      for parameter in routine.parameters where parameter.kind == .array {
        let argument = function.argument(parameter.name, of: call)
        if hasTangent(argument), constantShadows.contains(argument) {
          made.guardShadow(
            parameter.name, primal: map[argument], span: function.span(of: parameter.name, in: made))
        }
      }
      return made
    }

    if let before = routine.tangentBefore {
      for lane in 0..<width {
        let made = context(lane: lane, result: nil)
        before(made)
        made.finish()
      }
    }
    let primal = copyPrimal(call)
    var resultTangents: [Value] = []
    if let after = routine.tangentAfter {
      for lane in 0..<width {
        let result =
          routine.returnsScalar && primal.value.type != element
          ? builder.fpCast(primal.value, to: element) : primal.value
        let made = context(lane: lane, result: routine.returnsScalar ? result : nil)
        after(made)
        made.finish()
        if let tangent = made.resultTangent {
          // f2c's convention returns sdot_ as a double.
          resultTangents.append(tangent.type == call.type ? tangent : builder.fpCast(tangent, to: call.type))
        }
      }
    }
    if routine.returnsScalar, activity.isVaried(call.value) {
      tangents[call.value] =
        resultTangents.count == width ? resultTangents : Array(repeating: Value.null(call.type), count: width)
    }
  }
}
