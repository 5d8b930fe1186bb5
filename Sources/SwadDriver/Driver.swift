// Running a plan: the compilers as subprocesses, the middle (link, simplify, differentiate, optimize,
// emit) in process, the final link as a subprocess. Outputs are written atomically, intermediates go
// to a private scratch folder (SwadPipeline/TemporaryFiles.swift).
import Foundation
import LLVMBinding
import SwadPipeline

/// Runs `swad` command lines.
public struct Driver {
  public var toolchain: Toolchain
  /// Where progress (`-v`) goes.
  public var log: (String) -> Void

  public init(toolchain: Toolchain = .discover(), log: @escaping (String) -> Void = { print($0) }) {
    self.toolchain = toolchain
    self.log = log
  }

  /// Plans and runs `options`; throws a `DriverError`, an LLVM error or an AD error on failure.
  public func run(_ options: DriverOptions) throws {
    var options = options
    for input in options.inputs where !FileManager.default.fileExists(atPath: input) {
      throw DriverError("\(input): no such file")
    }
    options.swiftHasMain = options.inputs.contains { input in
      guard input.hasSuffix(".swift"), let text = try? String(contentsOfFile: input, encoding: .utf8) else {
        return false
      }
      return Self.declaresMain(text)
    }
    options.importsSwadAutodiff = options.inputs.contains { input in
      guard input.hasSuffix(".swift"), let text = try? String(contentsOfFile: input, encoding: .utf8) else {
        return false
      }
      return SwadAutodiffLocation.isImported(by: text)
    }
    // A fresh private folder (mkdtemp), removed on every exit path, signals included.
    let scratch = try ScratchDirectory(prefix: "swad")
    defer { scratch.remove() }
    let plan = try Plan.make(options, toolchain: toolchain, temporaryDirectory: scratch.path)
    for temporary in plan.temporaries { scratch.track(temporary) }

    for job in plan.compileJobs { try runJob(job, verbose: options.verbose) }
    if let middle = plan.middle { try runMiddle(middle, verbose: options.verbose, remarks: options.remarks) }
    if let link = plan.linkJob, TemporaryFiles.isSpecialFile(link.output) {
      try runJob(link, verbose: options.verbose)  // `-o /dev/null`: nothing to replace
    } else if let link = plan.linkJob {
      // Link to a temporary name beside the output, then rename: no partial executable on failure.
      let final = link.output
      let temporary = try TemporaryFiles.reserve(beside: final)
      var job = link
      // The value of `-o`, not every argument that happens to equal it (a crate named like the output).
      if let flag = job.arguments.lastIndex(of: "-o"), flag + 1 < job.arguments.count {
        job.arguments[flag + 1] = temporary
      }
      job.output = temporary
      do {
        try runJob(job, verbose: options.verbose)
        try TemporaryFiles.replace(final, with: temporary)
      } catch {
        TemporaryFiles.discard(temporary)
        throw error
      }
    }
  }

  /// Whether Swift source declares `@main`: the attribute at the start of a line, outside comments.
  static func declaresMain(_ source: String) -> Bool {
    var inBlockComment = false
    for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
      var text = Substring(line)
      if inBlockComment {
        guard let end = text.range(of: "*/") else { continue }
        text = text[end.upperBound...]
        inBlockComment = false
      }
      let trimmed = text.drop { $0 == " " || $0 == "\t" }
      if trimmed.hasPrefix("/*") && !trimmed.contains("*/") {
        inBlockComment = true
        continue
      }
      if trimmed.hasPrefix("@main") {
        let after = trimmed.dropFirst(5).first
        if after == nil || !(after!.isLetter || after!.isNumber || after! == "_") { return true }
      }
    }
    return false
  }

  private func runJob(_ job: Job, verbose: Bool) throws {
    guard FileManager.default.isExecutableFile(atPath: job.tool) else {
      let variable =
        [toolchain.swiftc: "SWAD_SWIFTC", toolchain.clangxx: "SWAD_CLANGXX", toolchain.rustc: "SWAD_RUSTC"][
          job.tool] ?? "SWAD_CLANG"
      throw DriverError(
        "cannot find \(job.tool) to \(job.kind.rawValue) \(job.inputs.joined(separator: " ")); "
          + "install it (scripts/setup) or set \(variable)")
    }
    if verbose { log("swad: \(job.kind.rawValue): \(job)") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: job.tool)
    process.arguments = job.arguments
    try process.run()
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      let tool = job.tool.split(separator: "/").last.map(String.init) ?? job.tool
      throw DriverError(
        "\(tool) failed to \(job.kind.rawValue) \(job.inputs.joined(separator: " ")) "
          + "(exit status \(process.terminationStatus)); its messages are above")
    }
  }

  private func runMiddle(_ middle: MiddleStep, verbose: Bool, remarks: Bool) throws {
    let context = Context()
    if verbose { log("swad: read and link: \(middle.modules.joined(separator: " "))") }
    let inputs = try middle.modules.map { path in
      guard let data = FileManager.default.contents(atPath: path) else {
        throw DriverError("\(path): cannot read")
      }
      return ModuleInput(name: path, bytes: Array(data))
    }
    let module = try Middle.link(inputs, context: context)
    // Name the program after its output, not after a file in the scratch directory.
    module.identifier =
      middle.output == "-" ? "-" : (middle.output.split(separator: "/").last.map(String.init) ?? "")
    if module.targetTriple.isEmpty { module.targetTriple = TargetMachine.hostTriple }
    let targetMachine = try TargetMachine(
      triple: module.targetTriple, optimizationLevel: middle.optimizationLevel)
    if let saved = middle.savedLinked { try writeAtomically(module.bitcode(), to: saved) }
    let pipeline = Middle.pipeline(
      level: middle.optimizationLevel, vectorLibrary: VectorLibrary.chosen(middle.vectorLibrary, for: module))
    if verbose { log("swad: pipeline: \(pipeline.stages.map(\.description).joined(separator: ", "))") }
    let note: ((String) -> Void)? =
      remarks ? { FileHandle.standardError.write(Data("swad: remark: \($0)\n".utf8)) } : nil
    try Middle.run(pipeline, on: module, targetMachine: targetMachine, note: note) { message in
      FileHandle.standardError.write(Data("swad: warning: \(message)\n".utf8))
    }
    if middle.stripsDebugInfo { module.stripDebugInfo() }
    if let saved = middle.savedDifferentiated { try writeAtomically(module.bitcode(), to: saved) }
    switch middle.outputKind {
    case .bitcode where middle.output == "-":
      FileHandle.standardOutput.write(Data(module.bitcode()))
    case .textualIR where middle.output == "-":
      FileHandle.standardOutput.write(Data(module.text().utf8))
    case .bitcode: try writeAtomically(module.bitcode(), to: middle.output)
    case .textualIR: try writeAtomically(Array(module.text().utf8), to: middle.output)
    case .object, .executable:
      if verbose { log("swad: emit object: \(middle.output)") }
      let level = Middle.codeGenerationLevel(for: module, level: middle.optimizationLevel)
      let emitter =
        level == middle.optimizationLevel
        ? targetMachine : try TargetMachine(triple: module.targetTriple, optimizationLevel: level)
      try Middle.emitObject(module, targetMachine: emitter, to: middle.output)
    }
  }

  private func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    try TemporaryFiles.writeAtomically(bytes, to: path)
  }
}
