// The driver's plans, checked without running anything.
import XCTest

@testable import SwadDriver

final class PlanTests: XCTestCase {
  let toolchain = Toolchain(clang: "/cc/clang", clangxx: "/cc/clang++", swiftc: "/sw/swiftc")

  func plan(_ arguments: [String], swiftHasMain: Bool = false) throws -> Plan {
    var options = try DriverOptions.parse(arguments)
    options.swiftHasMain = swiftHasMain
    return try Plan.make(options, toolchain: toolchain, temporaryDirectory: "/tmp/x")
  }

  func testCProgramCompilesWithoutLLVMPassesAndLinksWithClangAndLibm() throws {
    let p = try plan(["prog.c", "-o", "prog", "-I", "inc", "-DN=3", "-g"])
    XCTAssertEqual(p.compileJobs.count, 1)
    XCTAssertEqual(p.compileJobs[0].tool, "/cc/clang")
    XCTAssertEqual(
      p.compileJobs[0].arguments,
      [
        "-O2", "-Xclang", "-disable-llvm-passes", "-emit-llvm", "-c", "prog.c", "-o", "/tmp/x/prog.bc", "-g",
        "-Iinc", "-DN=3",
      ])
    XCTAssertEqual(p.middle?.modules, ["/tmp/x/prog.bc"])
    XCTAssertEqual(p.middle?.outputKind, .executable)
    XCTAssertEqual(p.middle?.output, "/tmp/x/prog.o")
    XCTAssertEqual(p.linkJob?.tool, "/cc/clang")
    XCTAssertEqual(p.linkJob?.arguments, ["/tmp/x/prog.o", "-o", "prog", "-lm"])
    XCTAssertEqual(Set(p.temporaries), ["/tmp/x/prog.bc", "/tmp/x/prog.o"])
  }

  func testSwiftInputsFormOneModuleAndSwiftcLinks() throws {
    let p = try plan(
      ["a.swift", "b.swift", "c.c", "-o", "out/app", "-lfoo", "-L", "lib"], swiftHasMain: true)
    XCTAssertEqual(p.compileJobs.map(\.tool), ["/cc/clang", "/sw/swiftc"])
    let swift = p.compileJobs[1]
    XCTAssertEqual(swift.inputs, ["a.swift", "b.swift"])
    XCTAssertTrue(
      swift.arguments.starts(with: ["-O", "-wmo", "-emit-bc", "-Xfrontend", "-disable-llvm-optzns"]))
    XCTAssertTrue(swift.arguments.contains("-parse-as-library"))
    XCTAssertEqual(swift.output, "/tmp/x/app.swift.bc")
    XCTAssertEqual(p.middle?.modules, ["/tmp/x/c.bc", "/tmp/x/app.swift.bc"])
    XCTAssertEqual(p.linkJob?.tool, "/sw/swiftc")
    XCTAssertEqual(p.linkJob?.arguments, ["/tmp/x/app.o", "-o", "out/app", "-Llib", "-lfoo"])
  }

  func testCAndCxxCompileWithDebugInfoStrippedUnlessAsked() throws {
    let plain = try plan(["m.cpp", "c.c"])
    XCTAssertTrue(plain.compileJobs.allSatisfy { $0.arguments.contains("-g") })
    XCTAssertEqual(plain.middle?.stripsDebugInfo, true)
    XCTAssertEqual(try plan(["m.cpp", "-g"]).middle?.stripsDebugInfo, false)
    // IR inputs keep what they have.
    XCTAssertEqual(try plan(["x.ll", "-emit-llvm"]).middle?.stripsDebugInfo, false)
  }

  func testCxxLinksWithClangxx() throws {
    let p = try plan(["m.cpp"])
    XCTAssertEqual(p.compileJobs[0].tool, "/cc/clang++")
    XCTAssertEqual(p.linkJob?.tool, "/cc/clang++")
    XCTAssertEqual(p.linkJob?.output, "a.out")
  }

  func testEmitLLVMAndObjectNeedNoLink() throws {
    XCTAssertNil(try plan(["x.ll", "-emit-llvm", "-S", "-o", "y.ll"]).linkJob)
    XCTAssertEqual(try plan(["x.ll", "-emit-llvm", "-S"]).middle?.outputKind, .textualIR)
    XCTAssertEqual(try plan(["x.bc", "-emit-llvm"]).middle?.output, "a.bc")
    let object = try plan(["x.c", "-c", "-o", "x.o", "-O3"])
    XCTAssertNil(object.linkJob)
    XCTAssertEqual(object.middle?.outputKind, .object)
    XCTAssertEqual(object.middle?.optimizationLevel, 3)
    XCTAssertTrue(try plan(["x.bc"]).compileJobs.isEmpty)
  }

  func testSaveTempsKeepsIntermediatesNamedAfterInputs() throws {
    let p = try plan(["dot.c", "-save-temps", "-o", "bin/dot"])
    XCTAssertEqual(p.compileJobs[0].output, "dot.bc")
    XCTAssertEqual(p.middle?.savedLinked, "dot.linked.bc")
    XCTAssertEqual(p.middle?.savedDifferentiated, "dot.ad.bc")
    XCTAssertEqual(p.middle?.output, "dot.o")
    XCTAssertTrue(p.temporaries.isEmpty)
  }

  func testXclangAndXswiftcPassThrough() throws {
    let p = try plan([
      "a.c", "b.swift", "-Xclang", "-fno-math-errno", "-Xswiftc", "-enforce-exclusivity=unchecked",
    ])
    XCTAssertTrue(p.compileJobs[0].arguments.suffix(2) == ["-Xclang", "-fno-math-errno"])
    XCTAssertTrue(p.compileJobs[1].arguments.contains("-enforce-exclusivity=unchecked"))
  }

  func testClangFlagsReachTheCompilerAndTheLink() throws {
    let flags = [
      "-std=gnu89", "-Wall", "-Wno-unused", "-w", "-pedantic", "-ffast-math", "-march=native", "-UNDEBUG",
      "-U",
      "OLD", "-isystem", "/sys/inc", "-include", "config.h", "-mllvm", "-x86-asm-syntax=intel", "-pthread",
      "-Wl,--as-needed,-z,now", "-rdynamic",
    ]
    let p = try plan(["a.c", "b.swift"] + flags, swiftHasMain: true)
    XCTAssertEqual(
      Array(p.compileJobs[0].arguments.suffix(16)),
      [
        "-std=gnu89", "-Wall", "-Wno-unused", "-w", "-pedantic", "-ffast-math", "-march=native", "-UNDEBUG",
        "-UOLD",
        "-isystem", "/sys/inc", "-include", "config.h", "-mllvm", "-x86-asm-syntax=intel", "-pthread",
      ])
    // Not for swiftc; swiftc links here, with the -Wl, list as -Xlinker pairs.
    XCTAssertFalse(p.compileJobs[1].arguments.contains("-Wall"))
    XCTAssertEqual(
      Array(p.linkJob!.arguments.suffix(7)),
      ["-Xlinker", "--as-needed", "-Xlinker", "-z", "-Xlinker", "now", "-rdynamic"])
    // clang links with them as given.
    let c = try plan(["a.c", "-pthread", "-Wl,--as-needed", "-static"])
    XCTAssertEqual(Array(c.linkJob!.arguments.suffix(3)), ["-pthread", "-Wl,--as-needed", "-static"])
    XCTAssertThrowsError(try DriverOptions.parse(["a.c", "-fsanitize=address"])) {
      XCTAssertTrue("\($0)".contains("-fsanitize=address is not supported"))
    }
  }

  func testVectorLibraryReachesClangTheMiddleAndTheLink() throws {
    let c = try plan(["prog.c", "-fno-math-errno", "-fveclib=libmvec", "-o", "prog"])
    XCTAssertTrue(c.compileJobs[0].arguments.contains("-fveclib=libmvec"))
    XCTAssertEqual(c.middle?.vectorLibrary, "libmvec")
    // libmvec comes with libm, which swiftc does not link by itself.
    let swift = try plan(["a.swift", "-fveclib=libmvec", "-o", "app"], swiftHasMain: true)
    XCTAssertTrue(swift.linkJob?.arguments.contains("-lm") ?? false)
    XCTAssertNil(try plan(["prog.c", "-o", "prog"]).middle?.vectorLibrary)
    XCTAssertEqual(try plan(["prog.c", "-fveclib=none", "-o", "prog"]).middle?.vectorLibrary, "none")
    XCTAssertThrowsError(try plan(["prog.c", "-fveclib=SVML", "-o", "prog"]))
  }

  func testErrors() {
    XCTAssertThrowsError(try plan(["notes.txt"])) { error in
      XCTAssertTrue("\(error)".contains("notes.txt: unknown kind of input"))
    }
    XCTAssertThrowsError(try DriverOptions.parse([])) { XCTAssertEqual("\($0)", "no input files") }
    XCTAssertThrowsError(try DriverOptions.parse(["a.c", "--frobnicate"])) {
      XCTAssertEqual("\($0)", "unknown option '--frobnicate' (see swad --help)")
    }
    XCTAssertThrowsError(try DriverOptions.parse(["a.c", "-o"])) {
      XCTAssertEqual("\($0)", "-o needs a value")
    }
    XCTAssertThrowsError(try DriverOptions.parse(["a.c", "-c", "-emit-llvm"]))
  }

  func testSwiftImportingSwadAutodiffGetsItsModuleLibraryAndPlugin() throws {
    let location = SwadAutodiffLocation(
      modules: "/b/Modules", library: "/b", plugin: "/b/SwadAutodiffMacros-tool")
    let withAPI = Toolchain(
      clang: "/cc/clang", clangxx: "/cc/clang++", swiftc: "/sw/swiftc", swadAutodiff: location)
    var options = try DriverOptions.parse(["main.swift", "-o", "app"])
    options.importsSwadAutodiff = true
    let p = try Plan.make(options, toolchain: withAPI, temporaryDirectory: "/tmp/x")
    let swift = p.compileJobs[0].arguments
    let index = try XCTUnwrap(swift.firstIndex(of: "/b/Modules"))
    XCTAssertEqual(swift[index - 1], "-I")
    XCTAssertEqual(
      swift[index + 1...index + 2],
      ["-load-plugin-executable", "/b/SwadAutodiffMacros-tool#SwadAutodiffMacros"])
    XCTAssertEqual(p.linkJob?.arguments, ["/tmp/x/app.o", "-o", "app", "-L/b", "-lSwadAutodiff"])
    // Not found beside swad: an error that says what to do.
    XCTAssertThrowsError(try Plan.make(options, toolchain: toolchain, temporaryDirectory: "/tmp/x")) {
      XCTAssertTrue("\($0)".contains("imports SwadAutodiff, which is not beside swad"))
    }
    // The README's old flags still work, and nothing is added twice.
    var explicit = try DriverOptions.parse(["main.swift", "-L/b", "-lSwadAutodiff", "-I", "/b/Modules"])
    explicit.importsSwadAutodiff = true
    let q = try Plan.make(explicit, toolchain: toolchain, temporaryDirectory: "/tmp/x")
    XCTAssertEqual(q.linkJob?.arguments.filter { $0 == "-lSwadAutodiff" }.count, 1)
    // Swift that does not import it gets nothing.
    XCTAssertFalse(try plan(["m.swift"]).compileJobs[0].arguments.contains("-load-plugin-executable"))
  }

  func testRustLinksThroughSwadLdWithTheCInputsBitcode() throws {
    let tools = Toolchain(
      clang: "/cc/clang", clangxx: "/cc/clang++", swiftc: "/sw/swiftc", rustc: "/rs/rustc",
      swadLd: "/swad/swad-ld")
    let options = try DriverOptions.parse(["main.rs", "helper.c", "-O3", "-v", "-o", "app", "-lfoo"])
    let p = try Plan.make(options, toolchain: tools, temporaryDirectory: "/tmp/x")
    XCTAssertNil(p.middle)
    XCTAssertEqual(p.compileJobs.map(\.output), ["/tmp/x/helper.bc"])
    XCTAssertEqual(p.linkJob?.tool, "/rs/rustc")
    XCTAssertEqual(
      p.linkJob?.arguments,
      [
        "--crate-name", "main", "-C", "opt-level=2", "-C", "linker-plugin-lto", "-C", "linker=/cc/clang",
        "-C", "link-arg=--ld-path=/swad/swad-ld", "-C", "link-arg=-Wl,--lto-O3", "-C",
        "link-arg=-Wl,--swad-verbose",
        "-C", "link-arg=-Xlinker", "-C", "link-arg=/tmp/x/helper.bc", "-l", "foo", "main.rs", "-o", "app",
      ])
    XCTAssertThrowsError(
      try Plan.make(
        try DriverOptions.parse(["a.rs", "b.swift"]), toolchain: tools,
        temporaryDirectory: "/tmp/x")
    ) {
      XCTAssertEqual("\($0)", "Rust and Swift inputs cannot be combined")
    }
  }

  func testModuleNames() {
    XCTAssertEqual(Plan.crateName("my-app"), "my_app")
    XCTAssertEqual(Plan.crateName("3d"), "crate_3d")
    XCTAssertEqual(Plan.moduleName("sine-fit"), "sine_fit")
    XCTAssertEqual(Plan.moduleName("3d"), "M3d")
    XCTAssertEqual(Plan.moduleName("main"), "App")
  }
}
