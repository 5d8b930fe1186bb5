import XCTest

// The BLAS rule table: every routine in every spelling, and each entry consistent with itself
// (extents for every array, an output that is an array, reads of arrays it has).
@testable import SwadAD

final class BLASTableTests: XCTestCase {
  func testTheIssueListHasEverySpelling() {
    let routines = [
      "dot", "axpy", "scal", "nrm2", "copy", "gemv", "ger", "trmv", "trsv", "gemm", "syrk", "trmm", "trsm",
    ]
    let names = Set(BLASFunction.allNames)
    for routine in routines {
      for name in ["cblas_d", "cblas_s"].map({ $0 + routine }) + ["d", "s"].map({ $0 + routine + "_" }) {
        XCTAssertTrue(names.contains(name), name)
      }
    }
    XCTAssertEqual(names.count, routines.count * 4)
  }

  func testEachEntryIsConsistent() {
    for routine in BLASRoutines.all {
      let arrays = Set(routine.parameters.filter { $0.kind == .array }.map(\.name))
      XCTAssertEqual(Set(routine.extents.keys), arrays, routine.name)
      XCTAssertEqual(Set(routine.parameters.map(\.name)).count, routine.parameters.count, routine.name)
      if let output = routine.output { XCTAssertTrue(arrays.contains(output), routine.name) }
      XCTAssertEqual(routine.output == nil, routine.returnsScalar, routine.name)
      XCTAssertTrue(routine.tangentBefore != nil || routine.tangentAfter != nil, routine.name)
      // Whatever is active, the adjoint reads only arrays the routine has.
      let everything = Set(routine.parameters.map(\.name))
      for read in routine.adjointReads(everything) + routine.adjointReads([]) {
        XCTAssertTrue(arrays.contains(read.array), "\(routine.name) reads \(read.array)")
      }
    }
  }

  func testLevelTwoAndThreeTakeALayout() {
    for routine in BLASRoutines.all {
      let matrices = ["gemv", "ger", "trmv", "trsv", "gemm", "syrk", "trmm", "trsm"].contains(routine.name)
      XCTAssertEqual(routine.takesLayout, matrices, routine.name)
    }
  }
}
