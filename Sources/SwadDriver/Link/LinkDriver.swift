// Running swad-ld: plan from the linker command line, link the bitcode in process, run the pipeline,
// emit one object into a private folder, and run the system linker with it in place of the bitcode.
import Foundation
import LLVMBinding
import SwadPipeline

/// A swad-ld failure, naming the step that failed.
public struct LinkError: Error, CustomStringConvertible {
  public enum Step: String, Sendable {
    case temporaryFolder = "making a temporary folder"
    case readingInputs = "reading inputs"
    case linkingBitcode = "linking bitcode"
    case pipeline = "differentiating and optimizing"
    case emittingObject = "emitting the object"
    case systemLinker = "running the system linker"
    case output = "writing the output"
  }
  public var step: Step
  public var message: String
  public var description: String { "\(step.rawValue): \(message)" }

  public init(_ step: Step, _ message: String) {
    self.step = step
    self.message = message
  }
}

/// Runs swad-ld command lines.
public struct LinkDriver {
  /// swad-ld's own executable, which is never taken for the system linker.
  public var executable: String
  public var environment: [String: String]
  /// Where progress (`--swad-verbose`) goes.
  public var log: (String) -> Void

  public init(
    executable: String, environment: [String: String] = ProcessInfo.processInfo.environment,
    log: @escaping (String) -> Void
  ) {
    self.executable = executable
    self.environment = environment
    self.log = log
  }

  /// Links as `line` asks. Throws `LinkError` (or `DriverError` for the command line) on failure, after
  /// removing whatever it made.
  public func run(_ line: LinkerCommandLine) throws {
    let linker = try SystemLinker.find(given: line.swad.linker, environment: environment, own: executable)
    let verbose = line.swad.verbose
    // Nothing to link (`--version`, `-v`): the linker's answer is the answer.
    guard
      line.arguments.contains(where: {
        if case .input = $0 { true } else if case .library = $0 { true } else { false }
      })
    else {
      let arguments = line.arguments.filter { if case .lto = $0 { false } else { true } }
      try runLinker(linker, arguments.flatMap(\.tokens), verbose: verbose)
      return
    }
    let scratch: ScratchDirectory
    do { scratch = try ScratchDirectory(prefix: "swad-ld") } catch {
      throw LinkError(.temporaryFolder, "\(error) (TMPDIR names the folder)")
    }
    defer { scratch.remove() }
    let inspector = InputInspector()
    let plan: LinkPlan
    do {
      plan = try LinkPlan.make(
        line, object: scratch.file(Plan.stem(of: outputName(line)) + ".lto.o"),
        kind: inspector.kind(of:))
    } catch let error as DriverError {
      throw LinkError(.readingInputs, error.description)
    }
    if verbose {
      for ignored in line.ignoredLTOOptions { log("swad-ld: ignored LTO option: \(ignored)") }
    }
    // An output such as /dev/null is written in place: renaming a file over it would replace it.
    if TemporaryFiles.isSpecialFile(plan.output) {
      if let object = plan.object { try compile(plan, to: object, verbose: verbose) }
      try runLinker(linker, plan.linkerArguments(output: plan.output), verbose: verbose)
      return
    }
    // Link to a fresh name beside the output, then rename: no partial output on failure. The name is
    // taken first, so that an output that cannot be written is an error before any work.
    let temporary: String
    do { temporary = try TemporaryFiles.reserve(beside: plan.output) } catch {
      throw LinkError(.output, "\(error)")
    }
    do {
      if let object = plan.object { try compile(plan, to: object, verbose: verbose) }
      try runLinker(linker, plan.linkerArguments(output: temporary), verbose: verbose)
      try TemporaryFiles.replace(plan.output, with: temporary)
    } catch {
      TemporaryFiles.discard(temporary)
      throw error
    }
  }

  private func outputName(_ line: LinkerCommandLine) -> String {
    for case .output(let path, _) in line.arguments.reversed() { return path }
    return "a.out"
  }

  // MARK: - In process

  /// Reads and links the plan's bitcode, runs the pipeline and writes the object.
  private func compile(_ plan: LinkPlan, to object: String, verbose: Bool) throws {
    let context = Context()
    let module: Module
    do {
      let modules = try neededModules(plan, context: context, verbose: verbose)
      if verbose {
        log(
          "swad-ld: link bitcode: "
            + (modules.isEmpty
              ? "none needed (an empty object)" : modules.map(\.identifier).joined(separator: " ")))
      }
      // Libraries nothing needs: the object is empty.
      module = modules.isEmpty ? Module(name: plan.output, context: context) : try Middle.link(modules)
    } catch let error as LinkError {
      throw error
    } catch {
      var message = "\(error)"
      if message.contains("'EnableSplitLTOUnit'") {
        message +=
          " (objects compiled with -flto=thin and with -flto=full are mixed: compile them all with -flto=full)"
      }
      throw LinkError(.linkingBitcode, message)
    }
    module.identifier = plan.output.split(separator: "/").last.map(String.init) ?? plan.output
    if module.targetTriple.isEmpty { module.targetTriple = TargetMachine.hostTriple }
    let targetMachine: TargetMachine
    do {
      targetMachine = try TargetMachine(
        triple: module.targetTriple, optimizationLevel: plan.optimizationLevel,
        cpu: plan.cpu)
    } catch { throw LinkError(.emittingObject, "\(error)") }
    let pipeline = Middle.pipeline(
      level: plan.optimizationLevel, vectorLibrary: VectorLibrary.chosen(plan.vectorLibrary, for: module))
    if verbose {
      log(
        "swad-ld: pipeline (cpu \(plan.cpu ?? "host")): \(pipeline.stages.map(\.description).joined(separator: ", "))"
      )
    }
    do {
      try Middle.run(pipeline, on: module, targetMachine: targetMachine) { message in
        FileHandle.standardError.write(Data("swad-ld: warning: \(message)\n".utf8))
      }
    } catch { throw LinkError(.pipeline, "\(error)") }
    if verbose { log("swad-ld: emit object: \(object)") }
    do {
      let level = Middle.codeGenerationLevel(for: module, level: plan.optimizationLevel)
      let emitter =
        level == plan.optimizationLevel
        ? targetMachine
        : try TargetMachine(triple: module.targetTriple, optimizationLevel: level, cpu: plan.cpu)
      try Middle.emitObject(module, targetMachine: emitter, to: object)
    } catch { throw LinkError(.emittingObject, "\(error)") }
  }

  /// The bitcode objects, and the bitcode members of libraries that the link needs (as ld decides:
  /// those defining a symbol that the objects, native ones included, or other needed members
  /// reference and nothing defines), in command-line order.
  private func neededModules(_ plan: LinkPlan, context: Context, verbose: Bool) throws -> [Module] {
    var groups: [(isArchive: Bool, modules: [Module])] = []
    for source in plan.bitcode {
      switch source {
      case .object(let path): groups.append((false, try Middle.read([readObject(path)], context: context)))
      case .archive(let path): groups.append((true, try Middle.read(readMembers(path), context: context)))
      case .wholeArchive(let path):
        groups.append((false, try Middle.read(readMembers(path), context: context)))
      }
    }
    let symbols = { (module: Module) in
      let table = module.linkerSymbols
      return SymbolSet(defined: table.defined, undefined: table.undefined)
    }
    let native = plan.nativeInputs.compactMap { path in
      (try? Data(contentsOf: URL(fileURLWithPath: path))).flatMap(ELFSymbols.read)
    }
    let roots = groups.filter { !$0.isArchive }.flatMap(\.modules).map(symbols) + native
    let archives = groups.filter(\.isArchive).map { $0.modules.map(symbols) }
    var selection = MemberSelection.select(roots: roots, archives: archives)[...]
    var modules: [Module] = []
    for group in groups {
      guard group.isArchive else {
        modules += group.modules
        continue
      }
      let taken = selection.removeFirst()
      for (module, isTaken) in zip(group.modules, taken) {
        if isTaken {
          modules.append(module)
        } else if verbose {
          log("swad-ld: not needed: \(module.identifier)")
        }
      }
    }
    return modules
  }

  private func readObject(_ path: String) throws -> ModuleInput {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LinkError(.readingInputs, "\(path): cannot read")
    }
    return ModuleInput(name: path, bytes: Array(data))
  }

  /// The bitcode members of an archive, named `lib.a(member.o)`.
  private func readMembers(_ path: String) throws -> [ModuleInput] {
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
      let archive = try Archive(data, name: path)
      return try archive.members.compactMap { member in
        let contents = try archive.contents(of: member, in: data, archivePath: path)
        guard InputInspector.isBitcode(contents.prefix(4)) else { return nil }
        return ModuleInput(name: "\(path)(\(member.name))", bytes: Array(contents))
      }
    } catch let error as ArchiveError {
      throw LinkError(.readingInputs, error.description)
    } catch let error as LinkError {
      throw error
    } catch {
      throw LinkError(.readingInputs, "\(path): cannot read: \(error.localizedDescription)")
    }
  }

  // MARK: - The system linker

  private func runLinker(_ linker: String, _ arguments: [String], verbose: Bool) throws {
    if verbose {
      let job = Job(kind: .link, tool: linker, arguments: arguments, inputs: [], output: "")
      log("swad-ld: system linker: \(job)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: linker)
    process.arguments = arguments
    do { try process.run() } catch {
      throw LinkError(.systemLinker, "cannot run \(linker): \(error.localizedDescription)")
    }
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      throw LinkError(
        .systemLinker, "\(linker) failed (exit status \(process.terminationStatus)); its messages are above")
    }
  }
}
