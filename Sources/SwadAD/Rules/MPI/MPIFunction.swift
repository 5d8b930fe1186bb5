// Which calls are MPI routines, and how the derivative code treats each call: the datatypes and
// operations are Open MPI's predefined handles, which are the addresses of globals
// (`MPI_DOUBLE` is `&ompi_mpi_double`, `MPI_SUM` is `&ompi_mpi_op_sum`), so they are told apart by
// the global a constant argument names.
import CLLVM
import LLVMBinding

/// A call of an MPI routine: one of the table, or (routine nil) another that has no derivative.
struct MPIFunction: Sendable {
  let name: String
  let routine: MPIRoutine?

  static func called(name: String) -> MPIFunction? {
    guard MPIRoutines.isMPI(name) else { return nil }
    return MPIFunction(name: name, routine: MPIRoutines.routine(named: name))
  }

  /// What the derivative code does with a call.
  enum Treatment {
    /// The primal call alone: no floating-point data moves (or the routine has no derivative).
    case primal
    /// The call of swad's MPI runtime for the routine, in place of the primal call.
    case runtime
  }

  /// How the derivative code treats `call`. A routine moving `MPI_DOUBLE` or `MPI_FLOAT` goes
  /// through the runtime whether or not its buffers have shadows on this path, so that the tangent
  /// and adjoint messages of every rank match; one moving integers is left alone; any other
  /// datatype, or an operation without a derivative, is an error when a buffer has a shadow.
  func treatment(of call: Instruction, hasShadow: (Value) -> Bool) throws -> Treatment {
    guard let routine else { return .primal }
    switch routine.kind {
    case .inactive: return .primal
    case .completion: return .runtime
    case .communication: break
    }
    let arguments = call.arguments
    let shadowed = routine.buffers.contains { hasShadow(arguments[$0]) }
    let types = routine.datatypes.map { MPIDatatype(arguments[$0]) }
    if types.allSatisfy({ $0 == .integer }) { return .primal }
    if types.allSatisfy({ $0 == .double }) || types.allSatisfy({ $0 == .float }) {
      if let index = routine.operation, case .unsupported(let what) = MPIOperation(arguments[index]) {
        guard shadowed else { return .primal }
        throw ADError(
          "cannot differentiate \(name) with \(what): only MPI_SUM, MPI_MAX and MPI_MIN have derivatives",
          at: call)
      }
      return .runtime
    }
    guard shadowed else { return .primal }
    let described = types.map(\.description).joined(separator: " and ")
    throw ADError(
      "cannot differentiate \(name) on \(described): swad differentiates MPI communication of MPI_DOUBLE and "
        + "MPI_FLOAT (predefined datatypes named at the call); send floating-point data as one of those",
      at: call)
  }

  /// The error for a routine without a derivative that receives derivative data.
  func unsupported(at call: Instruction) -> ADError {
    let covered = MPIRoutines.all.filter { $0.kind != .inactive }.map { "MPI_" + $0.name }.joined(
      separator: ", ")
    return ADError(
      "cannot differentiate a call of '\(name)': swad's MPI rules (Sources/SwadAD/Rules/MPI) cover \(covered), "
        + "and treat MPI_Comm_rank, MPI_Comm_size and MPI_Barrier as inactive; this routine receives derivative data",
      at: call)
  }
}

/// A datatype argument, by the predefined Open MPI handle it names.
enum MPIDatatype: Equatable, CustomStringConvertible {
  case double, float, integer
  /// Another predefined handle (`MPI_BYTE`, `MPI_LONG_DOUBLE`), a derived datatype, or a value not
  /// known at compile time.
  case other(String)

  private static let integers: Set<String> = [
    "char", "signed_char", "unsigned_char", "short", "unsigned_short", "int", "unsigned", "long",
    "unsigned_long",
    "long_long_int", "unsigned_long_long", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t",
    "int64_t", "uint64_t", "c_bool", "cxx_bool", "wchar", "aint", "offset", "count", "2int", "integer",
    "integer1",
    "integer2", "integer4", "integer8", "logical", "logical1", "logical2", "logical4", "logical8",
  ]

  init(_ value: Value) {
    let handle = value.strippingPointerCasts
    guard handle.isGlobalVariable, handle.name.hasPrefix("ompi_mpi_") else {
      self = .other("a datatype that is not a predefined one named at the call")
      return
    }
    let name = String(handle.name.dropFirst("ompi_mpi_".count))
    switch name {
    case "double", "real8": self = .double
    case "float", "real4", "real": self = .float
    default: self = Self.integers.contains(name) ? .integer : .other("MPI_" + name.uppercased())
    }
  }

  var description: String {
    switch self {
    case .double: return "MPI_DOUBLE"
    case .float: return "MPI_FLOAT"
    case .integer: return "an integer datatype"
    case .other(let what): return what
    }
  }
}

/// A reduction's operation argument.
enum MPIOperation: Equatable {
  case sum, max, min
  /// Not known at compile time: the runtime checks it (and stops unless it is one of the three).
  case unknown
  case unsupported(String)

  init(_ value: Value) {
    let handle = value.strippingPointerCasts
    guard handle.isGlobalVariable, handle.name.hasPrefix("ompi_mpi_op_") else {
      self = .unknown
      return
    }
    switch handle.name.dropFirst("ompi_mpi_op_".count) {
    case "sum": self = .sum
    case "max": self = .max
    case "min": self = .min
    case let other: self = .unsupported("MPI_" + other.uppercased())
    }
  }
}

extension MemoryWrites {
  /// What an MPI call writes: its output buffers, requests and statuses; a completion
  /// (`MPI_Wait`) writes the buffers of the function's non-blocking receives.
  mutating func noteMPICall(_ call: Instruction, _ function: MPIFunction) {
    guard let routine = function.routine else { return }
    let arguments = call.arguments
    for index in routine.writtenPointers where arguments[index].type.isPointer { note(arguments[index]) }
    guard routine.kind == .completion else { return }
    for block in call.function.blocks {
      for instruction in block.instructions where instruction.isCall {
        guard let name = instruction.calledFunction?.name, MPIRoutines.routine(named: name)?.name == "Irecv"
        else { continue }
        note(instruction.arguments[0])
      }
    }
  }
}
