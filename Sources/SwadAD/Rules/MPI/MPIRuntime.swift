// swad's MPI runtime in the module: the declarations the derivative code calls, and the definitions
// (`MPIRuntimeIR.swift`, generated from `runtime/mpi/swad_mpi.c` by `scripts/gen-runtime mpi`) linked in once differentiation is
// done, if any derivative calls them.
import CLLVM
import LLVMBinding

enum MPIRuntime {
  enum Phase: String {
    /// Forward mode: the routine, then the same on the tangents. Returns the routine's status.
    case forward = "fwd"
    /// Reverse mode's forward sweep: the routine, and a record of what its adjoint needs.
    case augmented = "aug"
    /// Reverse mode's reverse sweep: the adjoint, from the record; frees the record.
    case reverse = "rev"
  }

  static let prefix = "swad_mpi_"

  /// The runtime function for `routine` in `phase`, declared in `module`: it takes the call's
  /// arguments (the record, in reverse) followed by a shadow per buffer of the routine.
  static func function(_ phase: Phase, for routine: MPIRoutine, call: Instruction, module: Module) -> Function
  {
    let context = module.context
    let pointer = IRType.pointer(in: context)
    let shadows = routine.buffers.map { _ in pointer }
    let type: IRType
    switch phase {
    case .forward:
      type = .function(returning: IRType.int(32, in: context), call.arguments.map(\.type) + shadows)
    case .augmented:
      type = .function(returning: pointer, call.arguments.map(\.type) + shadows)
    case .reverse:
      type = .function(returning: IRType.void(in: context), [pointer] + shadows)
    }
    return module.declareFunction(named: prefix + phase.rawValue + "_" + routine.name, type: type)
  }

  /// Links the runtime's definitions into `module` when some derivative calls them.
  static func linkIfUsed(into module: Module) throws {
    try module.linkRuntime(ir, named: "swad-mpi-runtime", prefix: prefix, globals: [prefix + "live"])
  }
}
