import XCTest

// The BLAS rule table: every routine in every spelling, and each entry consistent with itself
// (extents for every array, an output that is an array, reads of arrays it has).
@testable import SwadAD

final class BLASTableTests: XCTestCase {
  func testTheIssueListHasEverySpelling() {
    // BLAS in CBLAS and Fortran spellings, LAPACK in Fortran's only; double and single precision.
    let routines = [
      "dot", "axpy", "scal", "nrm2", "copy", "asum", "gemv", "gbmv", "ger", "trmv", "trsv", "tpmv", "tpsv", "symv",
      "spmv", "syr", "spr", "syr2", "spr2", "gemm", "syrk", "syr2k", "symm", "trmm", "trsm",
    ]
    let lapack = ["potrf", "potrs", "getrf", "getrs"]
    let names = Set(BLASFunction.allNames)
    for routine in routines {
      for name in ["cblas_d", "cblas_s"].map({ $0 + routine }) + ["d", "s"].map({ $0 + routine + "_" }) {
        XCTAssertTrue(names.contains(name), name)
      }
    }
    for routine in lapack {
      for name in ["d", "s"].map({ $0 + routine + "_" }) { XCTAssertTrue(names.contains(name), name) }
      XCTAssertFalse(names.contains("cblas_d" + routine), routine)
    }
    XCTAssertEqual(names.count, routines.count * 4 + lapack.count * 2)
  }

  func testEachEntryIsConsistent() {
    for routine in BLASRoutines.all {
      // Arrays of the routine's precision, and LAPACK's pivot arrays (of `int`s).
      let arrays = Set(routine.parameters.filter { $0.kind == .array || $0.kind == .pivots }.map(\.name))
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
    // Every routine with a matrix takes CBLAS's layout first (LAPACK's Fortran spelling has none,
    // and is column-major); vector routines do not.
    let vectors = ["dot", "axpy", "scal", "nrm2", "copy", "asum"]
    for routine in BLASRoutines.all {
      XCTAssertEqual(routine.takesLayout, !vectors.contains(routine.name), routine.name)
    }
  }
}
