import LLVMBinding
import XCTest

// The MPI rule table against swad's MPI runtime: every routine that is differentiated has the three
// runtime functions the emitters call, defined in the runtime's IR with the parameters the emitters
// pass (the routine's arguments and a shadow per buffer; the record and a shadow per buffer).
@testable import SwadAD

final class MPITableTests: XCTestCase {
  func testTheRuntimeDefinesWhatTheTableCalls() throws {
    let context = Context()
    let runtime = try Module.parse(Array(MPIRuntime.ir.utf8), name: "swad-mpi-runtime", context: context)
    for routine in MPIRoutines.all where routine.kind != .inactive {
      let shadows = routine.buffers.count
      let phases: [(MPIRuntime.Phase, Int)] = [
        (.forward, routine.parameters.count + shadows), (.augmented, routine.parameters.count + shadows),
        (.reverse, 1 + shadows),
      ]
      for (phase, count) in phases {
        let name = MPIRuntime.prefix + phase.rawValue + "_" + routine.name
        let function = try XCTUnwrap(runtime.function(named: name), name)
        XCTAssertFalse(function.isDeclaration, name)
        XCTAssertEqual(function.type.parameterTypes.count, count, name)
      }
    }
  }

  func testTheIssueListIsCovered() {
    let communication = [
      "Send", "Recv", "Isend", "Irecv", "Wait", "Waitall", "Bcast", "Reduce", "Allreduce", "Gather",
      "Scatter",
    ]
    for name in communication {
      XCTAssertNotEqual(MPIRoutines.routine(named: "MPI_" + name)?.kind, .inactive, name)
      XCTAssertNotNil(MPIRoutines.routine(named: "PMPI_" + name), name)
    }
    for name in ["Comm_rank", "Comm_size", "Barrier"] {
      XCTAssertEqual(MPIRoutines.routine(named: "MPI_" + name)?.kind, .inactive, name)
    }
    XCTAssertNil(MPIRoutines.routine(named: "MPI_Sendrecv"))
    XCTAssertNotNil(MPIFunction.called(name: "MPI_Sendrecv"))
    XCTAssertNil(MPIFunction.called(name: "cblas_ddot"))
  }

  func testEachEntryIsConsistent() {
    for routine in MPIRoutines.all where routine.kind == .communication {
      XCTAssertFalse(routine.buffers.isEmpty, routine.name)
      XCTAssertFalse(routine.datatypes.isEmpty, routine.name)
      XCTAssertTrue(routine.parameters.contains(.communicator), routine.name)
    }
  }
}
