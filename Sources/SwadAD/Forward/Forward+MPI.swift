// Forward mode, MPI calls: a routine of the table that moves MPI_DOUBLE or MPI_FLOAT data is
// replaced by its runtime function (`Rules/MPI`), which runs the routine and then the same
// communication on the tangents; completions also complete the tangents' requests.
import CLLVM
import LLVMBinding

extension ForwardEmitter {
  func visitMPICall(_ call: Instruction, _ function: MPIFunction) throws {
    guard let routine = function.routine else {
      try activity.requireNoDerivativeData(in: call, else: function.unsupported(at: call))
      copyPrimal(call)
      return
    }
    guard try function.treatment(of: call, hasShadow: { self.hasTangent($0) }) == .runtime else {
      copyPrimal(call)
      return
    }
    guard width == 1 else {
      throw ADError(
        "cannot differentiate \(function.name) in batched forward mode (enzyme_width > 1)", at: call)
    }
    let arguments = call.arguments
    let null = Value.null(IRType.pointer(in: module.context))
    let tangents = routine.buffers.map { hasTangent(arguments[$0]) ? tangent(of: arguments[$0])[0] : null }
    let runtime = MPIRuntime.function(.forward, for: routine, call: call, module: module)
    let status = builder.call(runtime, arguments.map { map[$0] } + tangents, call.value.name)
    if call.type == status.type { map.map(call.value, to: status) }
  }
}
