// Planning a `swad` run: which compilers run on which inputs, what the middle does in process, and how
// the result is linked. Planning touches no file and no LLVM, so it is tested without running anything.

/// An external command the driver runs.
public struct Job: Equatable, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable { case compile, link }
  public var kind: Kind
  public var tool: String
  public var arguments: [String]
  /// The files the job reads and the file it writes.
  public var inputs: [String]
  public var output: String

  /// The command line, quoted for a shell where needed (as `-v` prints it).
  public var description: String {
    ([tool] + arguments).map { $0.isEmpty || $0.contains(where: { " \"'$\\".contains($0) }) ? "'\($0)'" : $0 }
      .joined(separator: " ")
  }
}

/// What the driver does with the linked module, in process.
public struct MiddleStep: Equatable, Sendable {
  /// Modules to read and link, in order: IR inputs and the bitcode the compile jobs write.
  public var modules: [String]
  /// The post-AD optimization level.
  public var optimizationLevel: Int
  /// Where the linked module goes before AD, and the differentiated one after (with -save-temps).
  public var savedLinked: String?
  public var savedDifferentiated: String?
  /// What the middle writes: IR or an object.
  public var outputKind: OutputKind
  public var output: String
  /// The vector math library of `-fveclib=` (`VectorLibrary.chosen`).
  public var vectorLibrary: String? = nil
  /// Whether the middle removes the debug info after the pipeline: C and C++ are compiled with it
  /// for AD's sake, and the user did not ask for it (no -g).
  public var stripsDebugInfo = false
}

/// A planned run.
public struct Plan: Equatable, Sendable {
  public var compileJobs: [Job]
  /// Nil for Rust, whose middle runs inside swad-ld, the linker rustc is given.
  public var middle: MiddleStep?
  public var linkJob: Job?
  /// Intermediate files the run removes when it ends (empty with -save-temps).
  public var temporaries: [String]
}

extension Plan {
  /// Plans a run of `options`. `temporaryDirectory` holds intermediates unless they are saved
  /// (`-save-temps`), in which case they go to the current directory, named after the inputs.
  public static func make(_ options: DriverOptions, toolchain: Toolchain, temporaryDirectory: String) throws
    -> Plan
  {
    var kinds: [(String, InputKind)] = []
    for input in options.inputs {
      guard let kind = InputKind(path: input) else {
        throw DriverError("\(input): unknown kind of input (expected .c, .cpp, .cc, .swift, .rs, .ll or .bc)")
      }
      kinds.append((input, kind))
    }
    let output = options.output ?? defaultOutput(for: options.outputKind)
    if output == "-" && (options.outputKind == .executable || options.outputKind == .object) {
      throw DriverError("-o - writes standard output only with -emit-llvm")
    }
    let outputStem = output == "-" ? "stdout" : stem(of: output)
    var temporaries: [String] = []
    // Intermediate names are unique, and never an input's or the output's name.
    var taken = Set(options.inputs + [output])
    func intermediate(_ name: String) -> String {
      let dot = name.firstIndex(of: ".") ?? name.endIndex
      var candidate = name
      var counter = 1
      while taken.contains(options.saveTemps ? candidate : temporaryDirectory + "/" + candidate)
        || (options.saveTemps && taken.contains(candidate))
      {
        candidate = name[..<dot] + "-\(counter)" + name[dot...]
        counter += 1
      }
      let path = options.saveTemps ? candidate : temporaryDirectory + "/" + candidate
      taken.insert(path)
      if !options.saveTemps { temporaries.append(path) }
      return path
    }

    var compileJobs: [Job] = []
    var modules: [String] = []
    for (input, kind) in kinds {
      switch kind {
      case .bitcode, .textualIR:
        modules.append(input)
      case .c, .cxx:
        let bitcode = intermediate(stem(of: input) + ".bc")
        var arguments = ["-O2", "-Xclang", "-disable-llvm-passes", "-emit-llvm", "-c", input, "-o", bitcode]
        // Always with debug info: the declared types of records lay out the copies nothing else
        // types (`DeclaredDebugTypes`), and errors name file:line. Without -g the middle strips it
        // after differentiating (`MiddleStep.stripsDebugInfo`).
        arguments.append("-g")
        if options.openMP { arguments.append("-fopenmp") }
        arguments += options.includePaths.map { "-I" + $0 } + options.defines.map { "-D" + $0 }
        arguments += options.compilerFlags
        arguments += options.clangArguments.flatMap { ["-Xclang", $0] }
        compileJobs.append(
          Job(
            kind: .compile, tool: kind == .c ? toolchain.clang : toolchain.clangxx,
            arguments: arguments, inputs: [input], output: bitcode))
        modules.append(bitcode)
      case .swift, .rust:
        continue
      }
    }
    let rustInputs = kinds.filter { $0.1 == .rust }.map(\.0)
    if !rustInputs.isEmpty {
      let link = try rustLinkJob(
        crates: rustInputs, kinds: kinds.map(\.1), bitcode: modules, output: output,
        options: options, toolchain: toolchain)
      return Plan(compileJobs: compileJobs, middle: nil, linkJob: link, temporaries: temporaries)
    }
    let swiftInputs = kinds.filter { $0.1 == .swift }.map(\.0)
    // swad's own Swift API, unless the command line names it already (the flags the README used to give).
    var swadAutodiff: SwadAutodiffLocation? = nil
    if options.importsSwadAutodiff && !options.libraries.contains("SwadAutodiff") {
      guard let location = toolchain.swadAutodiff else {
        throw DriverError(
          "a Swift input imports SwadAutodiff, which is not beside swad (a build folder with "
            + "Modules/, libSwadAutodiff.a and SwadAutodiffMacros-tool, or ../lib/swad): build it with "
            + "'swift build', or give -I, -L, -lSwadAutodiff and -Xswiftc -load-plugin-executable")
      }
      swadAutodiff = location
    }
    if !swiftInputs.isEmpty {
      let bitcode = intermediate(outputStem + ".swift.bc")
      var arguments = [
        "-O", "-wmo", "-emit-bc", "-Xfrontend", "-disable-llvm-optzns", "-module-name",
        moduleName(outputStem),
      ]
      if options.swiftHasMain { arguments.append("-parse-as-library") }
      if options.debugInfo { arguments.append("-g") }
      arguments += options.includePaths.flatMap { ["-I", $0] }
      if let swadAutodiff {
        arguments += [
          "-I", swadAutodiff.modules, "-load-plugin-executable", swadAutodiff.plugin + "#SwadAutodiffMacros",
        ]
      }
      arguments += options.defines.flatMap { ["-D", $0] }
      arguments += options.swiftcArguments
      arguments += swiftInputs + ["-o", bitcode]
      compileJobs.append(
        Job(
          kind: .compile, tool: toolchain.swiftc, arguments: arguments, inputs: swiftInputs,
          output: bitcode))
      modules.append(bitcode)
    }

    let middleOutput: String
    var linkJob: Job? = nil
    switch options.outputKind {
    case .executable:
      middleOutput = intermediate(outputStem + ".o")
      let usesSwift = !swiftInputs.isEmpty
      let usesCxx = kinds.contains { $0.1 == .cxx }
      let tool = usesSwift ? toolchain.swiftc : (usesCxx ? toolchain.clangxx : toolchain.clang)
      var arguments = [middleOutput, "-o", output]
      arguments += options.libraryPaths.map { "-L" + $0 } + options.libraries.map { "-l" + $0 }
      if let swadAutodiff { arguments += ["-L" + swadAutodiff.library, "-lSwadAutodiff"] }
      // libmvec comes with libm (its linker script), which swiftc does not link by itself.
      if !usesSwift || ["libmvec", "swad"].contains(options.vectorLibrary?.lowercased()) {
        arguments.append("-lm")
      }
      // clang links LLVM's OpenMP runtime for -fopenmp; swiftc is given the library.
      if options.openMP { arguments.append(usesSwift ? "-lomp" : "-fopenmp") }
      arguments += usesSwift ? Self.swiftcLinkerFlags(options.linkerFlags) : options.linkerFlags
      linkJob = Job(kind: .link, tool: tool, arguments: arguments, inputs: [middleOutput], output: output)
    case .object, .bitcode, .textualIR:
      middleOutput = output
    }
    let middle = MiddleStep(
      modules: modules, optimizationLevel: options.optimizationLevel,
      savedLinked: options.saveTemps ? intermediate(outputStem + ".linked.bc") : nil,
      savedDifferentiated: options.saveTemps ? intermediate(outputStem + ".ad.bc") : nil,
      outputKind: options.outputKind, output: middleOutput, vectorLibrary: options.vectorLibrary,
      stripsDebugInfo: !options.debugInfo && kinds.contains { $0.1 == .c || $0.1 == .cxx })
    return Plan(compileJobs: compileJobs, middle: middle, linkJob: linkJob, temporaries: temporaries)
  }

  /// clang's link flags as swiftc takes them: `-Wl,a,b` as `-Xlinker a -Xlinker b`; `-pthread` needs
  /// nothing (glibc has the threads in libc), the others pass as they are.
  static func swiftcLinkerFlags(_ flags: [String]) -> [String] {
    flags.flatMap { flag -> [String] in
      if flag == "-pthread" { return [] }
      guard flag.hasPrefix("-Wl,") else { return [flag] }
      return flag.dropFirst(4).split(separator: ",").flatMap { ["-Xlinker", String($0)] }
    }
  }

  static func defaultOutput(for kind: OutputKind) -> String {
    switch kind {
    case .executable: return "a.out"
    case .object: return "a.o"
    case .bitcode: return "a.bc"
    case .textualIR: return "a.ll"
    }
  }

  /// The file name without directory and extension.
  static func stem(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  /// A Swift module name from a file stem: letters, digits and underscores, not starting with a digit.
  static func moduleName(_ stem: String) -> String {
    var name = String(stem.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    if name.first?.isNumber ?? true { name = "M" + name }
    return name == "main" || name == "Swift" ? "App" : name
  }
}
