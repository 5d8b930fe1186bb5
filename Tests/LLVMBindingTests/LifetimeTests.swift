// Ownership: contexts, modules and builders are released when dropped, and modules keep their context.
import CLLVM
import LLVMBinding
import XCTest

#if os(Linux)
  import Glibc
#endif

final class LifetimeTests: XCTestCase {
  /// Resident memory of this process in bytes, from /proc/self/statm (Linux only).
  private func residentBytes() throws -> Int {
    let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
    let fields = statm.split(separator: " ")
    let pages = try XCTUnwrap(fields.count > 1 ? Int(fields[1]) : nil, "unexpected statm: \(statm)")
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// One round of everything that allocates inside LLVM: a context, a built module, a parsed copy of
  /// it, a pass pipeline, bitcode, a builder, a failed parse.
  private func churn() throws {
    let fixture = Fixture()
    fixture.addPolynomial()
    fixture.addPowerLoop()
    let copy = try Module.parse(fixture.module.bitcode(), name: "copy", context: fixture.context)
    try copy.runPasses("function(instcombine,simplifycfg)")
    try fixture.module.link(consuming: try parseText("declare double @sin(double)", context: fixture.context))
    _ = try? parseText("not IR", context: fixture.context)
  }

  func testTwoThousandContextsAndModulesDoNotLeak() throws {
    guard FileManager.default.fileExists(atPath: "/proc/self/statm") else {
      throw XCTSkip("needs /proc/self/statm")
    }
    // Warm up: LLVM's pass registries and Swift's metadata caches are allocated once.
    for _ in 0..<200 { try churn() }
    let before = try residentBytes()
    for _ in 0..<2000 { try churn() }
    let grown = try residentBytes() - before
    XCTAssertLessThan(grown, 4 << 20, "resident memory grew by \(grown >> 10) KiB over 2000 rounds")
  }

  func testModuleKeepsItsContextAlive() throws {
    weak var weakContext: Context?
    var module: Module?
    do {
      let context = Context()
      weakContext = context
      module = try parseText("define i32 @one() {\n  ret i32 1\n}\n", context: context)
    }
    XCTAssertNotNil(weakContext, "the module must hold its context")
    XCTAssertEqual(module?.function(named: "one")?.name, "one")
    try module?.verify()
    module = nil
    XCTAssertNil(weakContext, "the context must be released with its last module")
  }
}
