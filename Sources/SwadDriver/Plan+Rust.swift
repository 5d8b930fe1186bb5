// Planning a Rust build: rustc compiles the crate to bitcode (-C linker-plugin-lto) and links it with
// clang and swad-ld as its linker, which links the crate's bitcode with the C inputs' and runs the
// middle (simplify, differentiate, optimize); rustc's standard library stays native.

extension Plan {
  /// The link job of a Rust program: `crates` holds its root (rustc finds the crate's modules), and
  /// `bitcode` what the C and C++ compile jobs write (or `.bc` inputs), given to the linker as is.
  static func rustLinkJob(
    crates: [String], kinds: [InputKind], bitcode: [String], output: String,
    options: DriverOptions, toolchain: Toolchain
  ) throws -> Job {
    guard crates.count == 1, let crate = crates.first else {
      throw DriverError(
        "give one Rust input, the crate's root (rustc finds its modules): \(crates.joined(separator: " "))")
    }
    if kinds.contains(.swift) { throw DriverError("Rust and Swift inputs cannot be combined") }
    if kinds.contains(.textualIR) {
      throw DriverError("with a Rust input, LLVM IR inputs must be bitcode (.bc), which the linker reads")
    }
    guard options.outputKind == .executable else {
      throw DriverError(
        "a Rust input builds an executable: rustc links it through swad-ld (no -c or -emit-llvm)")
    }
    // rustc optimizes the crate before AD as the C front end does (-O2), whatever the level after AD.
    var arguments = [
      "--crate-name", crateName(stem(of: crate)), "-C", "opt-level=2",
      "-C", "linker-plugin-lto", "-C", "linker=" + toolchain.clang,
      "-C", "link-arg=--ld-path=" + toolchain.swadLd,
      // After rustc's own -plugin-opt=O<n>: the last level given wins.
      "-C", "link-arg=-Wl,--lto-O\(options.optimizationLevel)",
    ]
    if options.verbose { arguments += ["-C", "link-arg=-Wl,--swad-verbose"] }
    if options.debugInfo { arguments.append("-g") }
    // Through -Xlinker, so that clang hands the bitcode to the linker rather than compiling it first.
    arguments += bitcode.flatMap { ["-C", "link-arg=-Xlinker", "-C", "link-arg=" + $0] }
    arguments += options.libraryPaths.flatMap { ["-L", $0] } + options.libraries.flatMap { ["-l", $0] }
    arguments += [crate, "-o", output]
    return Job(
      kind: .link, tool: toolchain.rustc, arguments: arguments, inputs: [crate] + bitcode, output: output)
  }

  /// A crate name from a file stem: letters, digits and underscores (rustc infers `my-app` as invalid).
  static func crateName(_ stem: String) -> String {
    let name = String(stem.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    return name.first?.isNumber ?? true ? "crate_" + name : name
  }
}
