// The MPI routines swad differentiates, as one table: per routine, what each parameter is (buffer,
// count, datatype, operation, peer, root, request, status), which buffers it writes, and what its
// tangent and adjoint are. The derivatives themselves are calls of swad's MPI runtime
// (`runtime/mpi/swad_mpi.c`, linked into the module as IR by `MPIRuntime`): `swad_mpi_fwd_<R>`
// (forward mode), `swad_mpi_aug_<R>` and `swad_mpi_rev_<R>` (the two sweeps of reverse mode), each
// taking the routine's arguments followed by the shadow of each buffer. The emitters
// (`Forward+MPI.swift`, `Gradient+MPI.swift`) consult this table; they know no routine by name.
//
// Notation: x̄ is the adjoint of x, ẋ its tangent.

/// One MPI routine.
struct MPIRoutine: Sendable {
  enum Kind: Sendable {
    /// No derivative, no effect on derivatives (ranks, sizes, barriers, clocks).
    case inactive
    /// Moves or combines floating-point data: differentiated through the runtime.
    case communication
    /// Completes non-blocking operations (`MPI_Wait`, `MPI_Waitall`): always goes through the
    /// runtime, which matches the requests with the operations that started them.
    case completion
  }

  enum Parameter: Sendable, Equatable {
    /// A buffer of `count` elements of `datatype`: read, written (`writes`), or both.
    case buffer(writes: Bool)
    case count, datatype, operation, peer, root, tag, communicator
    /// `MPI_Request *`, `MPI_Status *` (written by the routine), and an integer count of requests.
    case request, status, requestCount
  }

  /// The name without the `MPI_` prefix (`Allreduce`).
  let name: String
  let kind: Kind
  let parameters: [Parameter]
  /// What the tangent is (forward mode), and what the adjoint is (reverse mode), in words.
  let tangent: String
  let adjoint: String

  var buffers: [Int] {
    parameters.indices.filter { if case .buffer = parameters[$0] { return true } else { return false } }
  }
  var datatypes: [Int] { parameters.indices.filter { parameters[$0] == .datatype } }
  var operation: Int? { parameters.firstIndex(of: .operation) }
  /// The pointer parameters the routine writes (its output buffers, requests and statuses).
  var writtenPointers: [Int] {
    parameters.indices.filter {
      switch parameters[$0] {
      case .buffer(let writes): return writes
      case .request, .status: return true
      default: return false
      }
    }
  }
}

enum MPIRoutines {
  private static let send: [MPIRoutine.Parameter] = [
    .buffer(writes: false), .count, .datatype, .peer, .tag, .communicator,
  ]
  private static let receive: [MPIRoutine.Parameter] = [
    .buffer(writes: true), .count, .datatype, .peer, .tag, .communicator,
  ]
  private static let gatherShape: [MPIRoutine.Parameter] = [
    .buffer(writes: false), .count, .datatype, .buffer(writes: true), .count, .datatype, .root, .communicator,
  ]

  static let all: [MPIRoutine] =
    [
      MPIRoutine(
        name: "Send", kind: .communication, parameters: send,
        tangent: "ẋ is sent after x, to the same rank with the same tag",
        adjoint: "x̄ += the adjoint received back from the destination (same tag)"),
      MPIRoutine(
        name: "Recv", kind: .communication, parameters: receive + [.status],
        tangent: "ẏ is received after y, from the rank and tag y came from",
        adjoint: "ȳ is sent back to the rank y came from, then ȳ = 0"),
      MPIRoutine(
        name: "Isend", kind: .communication, parameters: send + [.request],
        tangent: "ẋ is sent with a second request, completed with the first",
        adjoint: "the reverse of the wait that completes it starts a receive of the adjoint; its own reverse "
          + "waits for it and adds it into x̄"),
      MPIRoutine(
        name: "Irecv", kind: .communication, parameters: receive + [.request],
        tangent: "ẏ is received with a second request, completed with the first",
        adjoint: "the reverse of the wait that completes it sends ȳ back to the sender; its own reverse "
          + "waits for that send and sets ȳ = 0"),
      MPIRoutine(
        name: "Wait", kind: .completion, parameters: [.request, .status],
        tangent: "also completes the tangent's request",
        adjoint: "starts the adjoint of the operation it completed"),
      MPIRoutine(
        name: "Waitall", kind: .completion, parameters: [.requestCount, .request, .status],
        tangent: "also completes the tangents' requests",
        adjoint: "starts the adjoints of the operations it completed (last first)"),
      MPIRoutine(
        name: "Bcast", kind: .communication,
        parameters: [.buffer(writes: true), .count, .datatype, .root, .communicator],
        tangent: "ẋ is broadcast from the root",
        adjoint: "every rank's x̄ is summed into the root's (MPI_Reduce, MPI_SUM); elsewhere x̄ = 0"),
      MPIRoutine(
        name: "Reduce", kind: .communication,
        parameters: [
          .buffer(writes: false), .buffer(writes: true), .count, .datatype, .operation, .root, .communicator,
        ],
        tangent: "sum: ẏ = Σ ẋ at the root; max/min: ẏ = ẋ of the rank whose element was the extremum",
        adjoint: "the root's ȳ is broadcast and added into every x̄ (max/min: the owner's element only), "
          + "then ȳ = 0 at the root"),
      MPIRoutine(
        name: "Allreduce", kind: .communication,
        parameters: [
          .buffer(writes: false), .buffer(writes: true), .count, .datatype, .operation, .communicator,
        ],
        tangent:
          "sum: ẏ = Σ ẋ; max/min: ẏ = ẋ of the rank whose element was the extremum (the lowest on ties)",
        adjoint: "Σ ȳ over the ranks (MPI_Allreduce, MPI_SUM) is added into every x̄ (max/min: the owner's "
          + "element only), then ȳ = 0"),
      MPIRoutine(
        name: "Gather", kind: .communication, parameters: gatherShape,
        tangent: "the ẋ are gathered at the root",
        adjoint: "the root's ȳ is scattered and added into every x̄, then ȳ = 0 at the root"),
      MPIRoutine(
        name: "Scatter", kind: .communication, parameters: gatherShape,
        tangent: "ẋ is scattered from the root",
        adjoint: "the ȳ are gathered at the root and added into its x̄, then ȳ = 0"),
    ]
    + [
      "Comm_rank", "Comm_size", "Barrier", "Wtime", "Wtick", "Initialized", "Finalized", "Abort",
      "Get_processor_name",
    ]
    .map { MPIRoutine(name: $0, kind: .inactive, parameters: [], tangent: "none", adjoint: "none") }

  private static let byName: [String: MPIRoutine] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.name, $0) })

  /// The routine of the table called `name` (`MPI_Send` or the profiling interface's `PMPI_Send`).
  static func routine(named name: String) -> MPIRoutine? {
    if name.hasPrefix("MPI_") { return byName[String(name.dropFirst(4))] }
    if name.hasPrefix("PMPI_") { return byName[String(name.dropFirst(5))] }
    return nil
  }

  static func isMPI(_ name: String) -> Bool { name.hasPrefix("MPI_") || name.hasPrefix("PMPI_") }
}
