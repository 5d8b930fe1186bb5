// Reverse mode, MPI calls: the forward sweep replaces a routine of the table that moves MPI_DOUBLE
// or MPI_FLOAT data by its augmented runtime function, which runs the routine and returns a record
// (saved on the tape); the reverse sweep hands the record and the buffers' shadows to the reverse
// runtime function, which communicates the adjoints (`Rules/MPI/MPIRoutines.swift` says what each
// adjoint is). Non-blocking operations are matched with the waits that complete them by the
// runtime, through their requests.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  func visitMPICallForward(_ call: Instruction, _ function: MPIFunction) throws {
    guard let routine = function.routine else {
      try activity.requireNoDerivativeData(in: call, else: function.unsupported(at: call))
      copyPrimal(call)
      return
    }
    guard try function.treatment(of: call, hasShadow: { self.shadow(of: $0) != nil }) == .runtime else {
      copyPrimal(call)
      return
    }
    let arguments = call.arguments
    let null = Value.null(IRType.pointer(in: module.context))
    let shadows = routine.buffers.map {
      shadow(of: arguments[$0]) != nil ? shadowInForward(arguments[$0]) : null
    }
    let runtime = MPIRuntime.function(.augmented, for: routine, call: call, module: module)
    auxiliaries[call.value] = builder.call(runtime, arguments.map { map[$0] } + shadows, "mpi.record")
    // MPI's default error handler aborts the program: a routine that returns, returns MPI_SUCCESS.
    if call.type.isInteger { map.map(call.value, to: Value.constInt(call.type, 0)) }
  }

  func reverseMPICall(_ call: Instruction, _ function: MPIFunction, in block: BasicBlock) {
    guard let routine = function.routine, auxiliaries[call.value] != nil else { return }
    let record = primalOfAuxiliary(call, at: block)
    let arguments = call.arguments
    let null = Value.null(IRType.pointer(in: module.context))
    let shadows = routine.buffers.map {
      shadow(of: arguments[$0]) != nil ? shadowInReverse(arguments[$0], at: block) : null
    }
    builder.call(MPIRuntime.function(.reverse, for: routine, call: call, module: module), [record] + shadows)
  }
}
