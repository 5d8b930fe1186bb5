// swad-ld's reading of the command lines compilers give linkers.
import XCTest

@testable import SwadDriver

final class LinkerCommandLineTests: XCTestCase {
  /// What clang-22 gives its linker for `clang -flto=full -O3 -march=native --ld-path=… a.o b.o -lm -o app`.
  let clangLine = [
    "--hash-style=gnu", "--build-id", "--eh-frame-hdr", "-m", "elf_x86_64", "-pie", "-dynamic-linker",
    "/lib64/ld-linux-x86-64.so.2", "-o", "app", "/lib/x86_64-linux-gnu/Scrt1.o",
    "/lib/x86_64-linux-gnu/crti.o",
    "-L/usr/lib/gcc/x86_64-linux-gnu/12", "-L/lib/x86_64-linux-gnu", "-plugin",
    "/usr/lib/llvm-22/bin/../lib/LLVMgold.so", "-plugin-opt=mcpu=emeraldrapids", "-plugin-opt=O3", "a.o",
    "b.o", "-lm", "-lgcc", "--as-needed", "-lgcc_s", "--no-as-needed", "-lc", "/lib/x86_64-linux-gnu/crtn.o",
  ]

  func testClangsLinkLine() throws {
    let line = try LinkerCommandLine.parse(clangLine)
    XCTAssertEqual(line.optimizationLevel, 3)
    XCTAssertEqual(line.cpu, "emeraldrapids")
    XCTAssertEqual(line.ignoredLTOOptions, [])
    let inputs = line.arguments.compactMap { if case .input(let path) = $0 { path } else { nil } }
    XCTAssertEqual(
      inputs,
      [
        "/lib/x86_64-linux-gnu/Scrt1.o", "/lib/x86_64-linux-gnu/crti.o", "a.o", "b.o",
        "/lib/x86_64-linux-gnu/crtn.o",
      ])
    let libraries = line.arguments.compactMap { if case .library(let name, _, _) = $0 { name } else { nil } }
    XCTAssertEqual(libraries, ["m", "gcc", "gcc_s", "c"])
    XCTAssertTrue(line.arguments.contains(.output("app", tokens: ["-o", "app"])))
    XCTAssertTrue(line.arguments.contains(.lto(["-plugin", "/usr/lib/llvm-22/bin/../lib/LLVMgold.so"])))
    XCTAssertTrue(line.arguments.contains(.option(["-dynamic-linker", "/lib64/ld-linux-x86-64.so.2"])))
    XCTAssertEqual(line.libraryPaths, ["/usr/lib/gcc/x86_64-linux-gnu/12", "/lib/x86_64-linux-gnu"])
    // Nothing is lost: every token is in some argument, in order.
    XCTAssertEqual(line.arguments.flatMap(\.tokens), clangLine)
  }

  func testLTODefaultsAndSpellings() throws {
    XCTAssertEqual(try LinkerCommandLine.parse(["a.o"]).optimizationLevel, 2)
    XCTAssertNil(try LinkerCommandLine.parse(["a.o"]).cpu)
    XCTAssertEqual(try LinkerCommandLine.parse(["--lto-O1", "a.o"]).optimizationLevel, 1)
    XCTAssertEqual(try LinkerCommandLine.parse(["-lto-O0", "a.o"]).optimizationLevel, 0)
    XCTAssertEqual(try LinkerCommandLine.parse(["--plugin-opt=O3"]).optimizationLevel, 3)
    XCTAssertEqual(try LinkerCommandLine.parse(["-plugin-opt", "O0"]).optimizationLevel, 0)
    let line = try LinkerCommandLine.parse([
      "-plugin-opt=thinlto", "-plugin-opt=-function-sections=1", "--lto-CGO3", "-mllvm", "-x=1",
      "--thinlto-cache-dir", "/c", "a.o",
    ])
    XCTAssertEqual(line.optimizationLevel, 2)
    XCTAssertEqual(
      line.ignoredLTOOptions,
      [
        "-plugin-opt=thinlto", "-plugin-opt=-function-sections=1", "--lto-CGO3", "-mllvm -x=1",
        "--thinlto-cache-dir /c",
      ])
    XCTAssertEqual(line.arguments.filter { if case .lto = $0 { false } else { true } }, [.input("a.o")])
  }

  func testVectorLibrary() throws {
    XCTAssertEqual(
      try LinkerCommandLine.parse(["-plugin-opt=-vector-library=LIBMVEC", "a.o"]).vectorLibrary, "libmvec")
    XCTAssertNil(try LinkerCommandLine.parse(["a.o"]).vectorLibrary)
    // A library swad cannot offer is passed over, as the other LTO options without an effect.
    let line = try LinkerCommandLine.parse(["-plugin-opt=-vector-library=SVML", "a.o"])
    XCTAssertNil(line.vectorLibrary)
    XCTAssertEqual(line.ignoredLTOOptions, ["-plugin-opt=-vector-library=SVML"])
  }

  func testLibrariesStaticAndDynamic() throws {
    let line = try LinkerCommandLine.parse([
      "-lone", "-Bstatic", "-l", "two", "--library=three", "-Bdynamic", "-l:four.a", "-static", "-lfive",
    ])
    XCTAssertEqual(
      line.arguments,
      [
        .library(name: "one", linkStatically: false, tokens: ["-lone"]),
        .option(["-Bstatic"]),
        .library(name: "two", linkStatically: true, tokens: ["-l", "two"]),
        .library(name: "three", linkStatically: true, tokens: ["--library=three"]),
        .option(["-Bdynamic"]),
        .library(name: ":four.a", linkStatically: false, tokens: ["-l:four.a"]),
        .option(["-static"]),
        .library(name: "five", linkStatically: true, tokens: ["-lfive"]),
      ])
  }

  func testOptionValuesAreNotInputs() throws {
    let line = try LinkerCommandLine.parse([
      "-rpath", "/opt/lib", "--version-script", "v.map", "-z", "now", "-soname", "libx.so.1", "-T", "s.ld",
      "--export-dynamic", "-omagic", "--output=out", "-e", "start", "--start-group", "x.a", "--end-group",
    ])
    let inputs = line.arguments.compactMap { if case .input(let path) = $0 { path } else { nil } }
    XCTAssertEqual(inputs, ["x.a"])
    XCTAssertTrue(line.arguments.contains(.output("out", tokens: ["--output=out"])))
    XCTAssertTrue(line.arguments.contains(.option(["-omagic"])))
    XCTAssertTrue(line.arguments.contains(.option(["--export-dynamic"])))
  }

  func testSwadOptionsAndErrors() throws {
    let line = try LinkerCommandLine.parse(["--swad-verbose", "--swad-linker=/usr/bin/ld.gold", "a.o"])
    XCTAssertTrue(line.swad.verbose)
    XCTAssertEqual(line.swad.linker, "/usr/bin/ld.gold")
    XCTAssertEqual(line.arguments, [.input("a.o")])
    XCTAssertTrue(try LinkerCommandLine.parse(["--help"]).swad.help)
    XCTAssertThrowsError(try LinkerCommandLine.parse(["a.o", "-o"])) {
      XCTAssertEqual("\($0)", "-o needs a value")
    }
  }

  func testResponseFiles() {
    let files = ["args": "a.o 'b c.o' \"-L/x y\" @more\n-o\\ x", "more": "-lm"]
    XCTAssertEqual(
      LinkerCommandLine.expandResponseFiles(["@args", "@missing", "d.o"], read: { files[$0] }),
      ["a.o", "b c.o", "-L/x y", "-lm", "-o x", "@missing", "d.o"])
  }
}
