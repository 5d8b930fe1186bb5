// swad-ld's plans: which inputs are bitcode, and the system linker's command line.
import XCTest

@testable import SwadDriver

final class LinkPlanTests: XCTestCase {
  /// A file system of named kinds; everything else is missing.
  func plan(_ arguments: [String], _ files: [String: LinkInputKind]) throws -> LinkPlan {
    try LinkPlan.make(try LinkerCommandLine.parse(arguments), object: "/s/app.lto.o") {
      files[$0] ?? .missing
    }
  }

  func testBitcodeObjectsBecomeOneObjectInPlaceOfTheFirst() throws {
    let p = try plan(
      ["-o", "app", "crt1.o", "-plugin", "gold.so", "-plugin-opt=O3", "a.o", "n.o", "b.o", "-lm", "crtn.o"],
      ["crt1.o": .other, "a.o": .bitcode, "n.o": .other, "b.o": .bitcode, "crtn.o": .other])
    XCTAssertEqual(p.bitcode, [.object("a.o"), .object("b.o")])
    XCTAssertEqual(p.nativeInputs, ["crt1.o", "n.o", "crtn.o"])
    XCTAssertEqual(p.object, "/s/app.lto.o")
    XCTAssertEqual(p.optimizationLevel, 3)
    XCTAssertEqual(p.output, "app")
    XCTAssertEqual(
      p.linkerArguments(output: "/d/.app.tmp"),
      ["-o", "/d/.app.tmp", "crt1.o", "/s/app.lto.o", "n.o", "-lm", "crtn.o"])
  }

  func testArchivesOfBitcodeAreReplacedAndMixedOnesKept() throws {
    let files: [String: LinkInputKind] = [
      "m.o": .bitcode, "libad.a": .archive(bitcodeMembers: 2, members: 2),
      "libmix.a": .archive(bitcodeMembers: 1, members: 3),
      "libnative.a": .archive(bitcodeMembers: 0, members: 4),
    ]
    let p = try plan(["m.o", "libad.a", "libmix.a", "libnative.a"], files)
    XCTAssertEqual(p.bitcode, [.object("m.o"), .archive("libad.a"), .archive("libmix.a")])
    XCTAssertEqual(p.linkerArguments(output: "T"), ["/s/app.lto.o", "libmix.a", "libnative.a", "-o", "T"])
    XCTAssertEqual(p.output, "a.out")
    // An archive can be the first bitcode: the object goes where it was.
    let q = try plan(["n.o", "libad.a", "-lc"], files.merging(["n.o": .other]) { $1 })
    XCTAssertEqual(q.linkerArguments(output: "T"), ["n.o", "/s/app.lto.o", "-lc", "-o", "T"])
  }

  func testWholeArchiveTakesEveryMember() throws {
    let files: [String: LinkInputKind] = [
      "m.o": .bitcode, "liba.a": .archive(bitcodeMembers: 2, members: 2),
      "libb.a": .archive(bitcodeMembers: 1, members: 1),
    ]
    let p = try plan(["m.o", "--whole-archive", "liba.a", "--no-whole-archive", "libb.a"], files)
    XCTAssertEqual(p.bitcode, [.object("m.o"), .wholeArchive("liba.a"), .archive("libb.a")])
    XCTAssertEqual(
      p.linkerArguments(output: "T"), ["/s/app.lto.o", "--whole-archive", "--no-whole-archive", "-o", "T"])
  }

  func testLibrariesAreFoundLikeLdFindsThem() throws {
    let files: [String: LinkInputKind] = [
      "main.o": .bitcode, "lib/libad.a": .archive(bitcodeMembers: 1, members: 1), "sys/libad.so": .other,
      "sys/libm.so": .other, "lib/exact.a": .archive(bitcodeMembers: 1, members: 1),
    ]
    // libad.a is in the first folder searched; -Bstatic would skip a shared one anyway.
    let p = try plan(["main.o", "-Llib", "-L", "sys", "-lad", "-lm", "-l:exact.a", "-lnothere"], files)
    XCTAssertEqual(p.bitcode, [.object("main.o"), .archive("lib/libad.a"), .archive("lib/exact.a")])
    XCTAssertEqual(
      p.linkerArguments(output: "T"), ["/s/app.lto.o", "-Llib", "-L", "sys", "-lm", "-lnothere", "-o", "T"])
    // With the shared library first in the search, it wins unless linking statically.
    let shared = try plan(["main.o", "-Lsys", "-Llib", "-lad"], files)
    XCTAssertEqual(shared.bitcode, [.object("main.o")])
    let statically = try plan(["main.o", "-Lsys", "-Llib", "-Bstatic", "-lad"], files)
    XCTAssertEqual(statically.bitcode, [.object("main.o"), .archive("lib/libad.a")])
  }

  func testOutputSpellings() throws {
    let joined = try plan(["-oout/app", "a.o"], ["a.o": .bitcode])
    XCTAssertEqual(joined.output, "out/app")
    XCTAssertEqual(joined.linkerArguments(output: "out/.t"), ["-oout/.t", "/s/app.lto.o"])
    let long = try plan(["--output=x", "a.o"], ["a.o": .bitcode])
    XCTAssertEqual(long.linkerArguments(output: "y"), ["--output=y", "/s/app.lto.o"])
  }

  func testNoBitcodeIsAPlainLink() throws {
    let p = try plan(["n.o", "-lm", "--lto-O3", "-o", "x"], ["n.o": .other])
    XCTAssertTrue(p.bitcode.isEmpty)
    XCTAssertNil(p.object)
    XCTAssertEqual(p.linkerArguments(output: "x"), ["n.o", "-lm", "-o", "x"])
  }

  func testMissingInputIsAnError() {
    XCTAssertThrowsError(try plan(["a.o", "gone.o"], ["a.o": .bitcode])) {
      XCTAssertEqual("\($0)", "gone.o: no such file")
    }
  }

  func testSystemLinkerChoiceNeverSwadLd() throws {
    let executables: Set<String> = ["/usr/bin/ld", "/bin/ld.lld", "/tools/swad-ld"]
    func find(_ given: String?, _ environment: [String: String]) throws -> String {
      try SystemLinker.find(
        given: given, environment: environment, own: "/tools/swad-ld",
        isExecutable: executables.contains, resolve: { $0 == "/tools/ld" ? "/tools/swad-ld" : $0 })
    }
    XCTAssertEqual(try find(nil, ["PATH": "/usr/bin"]), "/usr/bin/ld")
    XCTAssertEqual(try find(nil, ["PATH": "/usr/bin:/bin"]), "/bin/ld.lld")
    XCTAssertEqual(try find(nil, ["PATH": "/usr/bin", "SWAD_SYSTEM_LD": "/bin/ld.lld"]), "/bin/ld.lld")
    XCTAssertEqual(try find("ld", ["PATH": "/usr/bin", "SWAD_SYSTEM_LD": "/bin/ld.lld"]), "/usr/bin/ld")
    XCTAssertThrowsError(try find("/tools/swad-ld", [:])) {
      XCTAssertTrue("\($0)".contains("is swad-ld itself"))
    }
    XCTAssertThrowsError(try find("/nope/ld", [:])) {
      XCTAssertTrue("\($0)".contains("cannot find the linker '/nope/ld'"))
    }
  }
}
