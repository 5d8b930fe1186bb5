// Which library members a link needs, and the symbols of native objects.
import Foundation
import XCTest

@testable import SwadDriver

final class MemberSelectionTests: XCTestCase {
  func testMembersAreTakenForWhatIsReferencedUntilNothingChanges() {
    let main = SymbolSet(defined: ["main"], undefined: ["energy", "printf"])
    let library = [
      SymbolSet(defined: ["unused"], undefined: ["nowhere"]),
      SymbolSet(defined: ["energy"], undefined: ["poly"]),
      SymbolSet(defined: ["sqnorm"]),
    ]
    // poly is in a second library, found through a member of the first: libraries form one group.
    let other = [SymbolSet(defined: ["poly"], undefined: ["sqnorm"]), SymbolSet(defined: ["printf"])]
    XCTAssertEqual(
      MemberSelection.select(roots: [main], archives: [library, other]),
      [[false, true, true], [true, true]])
  }

  func testDefinedSymbolsPullNothing() {
    let roots = [SymbolSet(defined: ["f"], undefined: ["g"]), SymbolSet(defined: ["g"])]
    XCTAssertEqual(
      MemberSelection.select(roots: roots, archives: [[SymbolSet(defined: ["g", "h"])]]), [[false]])
    XCTAssertEqual(MemberSelection.select(roots: [], archives: [[SymbolSet(defined: ["x"])]]), [[false]])
  }

  func testNotELFRelocatableObjectsHaveNoSymbolTable() {
    XCTAssertNil(ELFSymbols.read(Data("GROUP ( /lib/libc.so.6 )".utf8)))
    XCTAssertNil(ELFSymbols.read(Data([0x42, 0x43, 0xC0, 0xDE])))
    // An ELF header of a shared library (e_type 3), not a relocatable object.
    var header = [UInt8](repeating: 0, count: 64)
    header[0...5] = [0x7F, 0x45, 0x4C, 0x46, 2, 1]
    header[16] = 3
    XCTAssertNil(ELFSymbols.read(Data(header)))
  }

  /// A real object, as clang writes it (skipped where clang-22 is missing).
  func testSymbolsOfAClangObject() throws {
    let clang = "/usr/lib/llvm-22/bin/clang"
    try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: clang))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("elf-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = folder.appendingPathComponent("a.c")
    try
      "double poly(double); static int hidden; int shared = 1;\ndouble f(double x) { return poly(x) + hidden; }\n"
      .write(to: source, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: clang)
    process.arguments = ["-O2", "-c", source.path, "-o", folder.appendingPathComponent("a.o").path]
    try process.run()
    process.waitUntilExit()
    let symbols = try XCTUnwrap(ELFSymbols.read(Data(contentsOf: folder.appendingPathComponent("a.o"))))
    XCTAssertEqual(symbols.defined, ["f", "shared"])
    XCTAssertEqual(symbols.undefined, ["poly"])
  }
}
