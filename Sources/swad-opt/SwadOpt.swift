// swad-opt: reads a module, synthesizes the derivatives it asks for, optimizes it, writes it (like opt).
import ArgumentParser
import Glibc
import LLVMBinding
import SwadAD
import SwadPipeline

@main
struct SwadOpt: ParsableCommand {
  /// Runs the tool. Usage errors are reported like every other error (`swad-opt: error: …`, exit 1);
  /// `--opt=` with an empty value means an empty value, as in opt.
  static func main() {
    let arguments = CommandLine.arguments.dropFirst().flatMap { argument -> [String] in
      if argument.hasPrefix("--"), argument.hasSuffix("="), !argument.dropLast().contains("=") {
        return [String(argument.dropLast()), ""]
      }
      return [argument]
    }
    do {
      var command = try parseAsRoot(Array(arguments))
      try command.run()
      // The reports of LLVM's own options (-mllvm -time-passes) are printed when LLVM shuts down.
      if let tool = command as? SwadOpt, !tool.llvmOptions.isEmpty { LLVMCommandLine.finish() }
    } catch let exit as ExitCode {
      Glibc.exit(exit.rawValue)
    } catch {
      if exitCode(for: error) == .success { Self.exit(withError: error) }  // --help, --version
      printError("swad-opt: error: \(message(for: error))\n")
      Glibc.exit(1)
    }
  }

  static let configuration = CommandConfiguration(
    commandName: "swad-opt",
    abstract: "Differentiate and optimize an LLVM module.",
    discussion: """
      Reads bitcode or textual IR (told apart by content), runs the pre-AD simplification, replaces \
      every call of an Enzyme entry point (__enzyme_autodiff*, __enzyme_fwddiff*, ...) with a call of \
      a synthesized derivative, runs the post-AD optimization, verifies the result and writes it. A \
      module without such calls is simply optimized, as opt would.

      The default pre-AD pipeline is LLVM's O2 module simplification (thinlto-pre-link<O2>: inlining, \
      SROA, GVN, loop canonicalization) without vectorization or unrolling, as Enzyme recommends: \
      derivatives are taken of clean SSA, not of vector code or unrolled loops. The default post-AD \
      pipeline is default<O2>.
      """,
    version: swadVersion)

  @Argument(help: "The input module, bitcode or textual IR ('-' reads standard input).")
  var input: String = "-"

  @Option(name: .customShort("o"), help: "The output file ('-' writes standard output).")
  var output: String = "-"

  @Flag(name: .customShort("S"), help: "Write textual IR instead of bitcode.")
  var emitText = false

  @Flag(exclusivity: .chooseLast)
  var level: OptimizationLevel = .O2

  @Option(name: .customLong("passes"), help: "A pass pipeline to run after AD instead of -O<n>.")
  var postPasses: String?

  @Option(name: .customLong("pre-passes"), help: "The pass pipeline to run before AD ('' for none).")
  var prePasses: String = Pipeline.preADPipeline

  @Option(
    name: .customLong("derivatives-out-of-line-above"),
    help: ArgumentHelp(
      "Before the post-AD passes, mark noinline the derivatives that the program calls with more instructions than this, so the inliner does not simplify them again in every caller up the chain (a large number turns it off).",
      valueName: "instructions"))
  var outOfLineLimit: Int = DerivativesOutOfLine.instructionLimit

  @Option(
    name: .customLong("callee-derivatives-out-of-line-above"),
    help: ArgumentHelp(
      "The same for the derivatives that only other derivatives call (those of calls the pre-AD inliner left as calls).",
      valueName: "instructions"))
  var calleeOutOfLineLimit: Int = DerivativesOutOfLine.calleeInstructionLimit

  @Flag(name: .customLong("print-pipeline"), help: "Print the stages that would run, then exit.")
  var printPipeline = false

  @Flag(
    name: .customLong("print-activity"),
    help:
      "Print the activity of every value of each differentiated function (after the pre-AD passes), then exit."
  )
  var printActivity = false

  @Flag(
    name: .customLong("print-simplified"),
    help: "Print the module as the pre-AD passes leave it for AD, as textual IR, then exit."
  )
  var printSimplified = false

  @Flag(
    name: .customLong("print-integer-types"),
    help:
      "Print which bytes of the integers of the differentiated code carry floating-point values (after the pre-AD passes), then exit."
  )
  var printIntegerTypes = false

  @Flag(
    name: [.customLong("print-remarks"), .customLong("remarks")],
    help:
      "Print on standard error what the transform made and decided (derivatives synthesized, what the tape keeps per call and per iteration, BLAS operands copied or read again)."
  )
  var printRemarks = false

  @Option(
    name: .customLong("mllvm", withSingleDash: true), parsing: .unconditionalSingleValue,
    help: ArgumentHelp(
      "An option for LLVM itself, as clang's -mllvm (-mllvm -time-passes: where the pipelines spend their time; -mllvm -pass-remarks-missed=loop-vectorize: why a loop of a derivative was not vectorized).",
      valueName: "option"))
  var llvmOptions: [String] = []

  @Option(
    name: .customLong("vector-library"),
    help: ArgumentHelp(
      "The vector math library the post-AD vectorizers may call for math functions, primal's and derivative's (libmvec: glibc's, linked by -lm; swad: swad's own tanh, exp and log, expanded as arithmetic the vectorizers widen on any target, log only with AVX2 or wider, and libmvec for the other functions; none). By default the one the input was compiled for (clang -fveclib=libmvec at -O1 and above).",
      valueName: "library"))
  var vectorLibraryName: String?

  var pipeline: Pipeline {
    pipeline(vectorLibrary: vectorLibraryName.flatMap { VectorLibrary(rawValue: $0.lowercased()) })
  }

  /// The pipeline, with the vector library of `--vector-library` or else `vectorLibrary`.
  func pipeline(vectorLibrary: VectorLibrary?) -> Pipeline {
    Pipeline.standard(
      preAD: prePasses, postAD: postPasses ?? Pipeline.postADPipeline(level: level.rawValue),
      outOfLineAbove: outOfLineLimit, calleesOutOfLineAbove: calleeOutOfLineLimit,
      vectorLibrary: vectorLibrary)
  }

  func validate() throws {
    for (limit, option) in [
      (outOfLineLimit, "derivatives-out-of-line-above"),
      (calleeOutOfLineLimit, "callee-derivatives-out-of-line-above"),
    ] where limit < 0 {
      throw ValidationError("--\(option) needs a count of instructions, 0 or more")
    }
    if let name = vectorLibraryName, !VectorLibrary.names.contains(name.lowercased()) {
      throw ValidationError(
        "--vector-library: unknown library '\(name)' (known: \(VectorLibrary.names.joined(separator: ", ")))")
    }
    if printPipeline { return }
    if emitText == false && output == "-" && isatty(STDOUT_FILENO) != 0 {
      throw ValidationError("refusing to write bitcode to a terminal; use -S or -o FILE")
    }
  }

  func run() throws {
    if printPipeline {
      for stage in pipeline.stages { print(stage) }
      return
    }
    do {
      try LLVMCommandLine.set(llvmOptions, tool: "swad-opt")
      let context = Context()
      let bytes = try readInput(input)
      let module = try ModuleReader.read(bytes, name: input == "-" ? "<stdin>" : input, context: context)
      let targetMachine = try TargetMachine(triple: module.targetTriple)
      if printSimplified {
        try pipeline.simplify(module, targetMachine: targetMachine)
        print(module.text(), terminator: "")
        return
      }
      if printIntegerTypes {
        try pipeline.simplify(module, targetMachine: targetMachine)
        print(IntegerTypePrinter.describe(module), terminator: "")
        return
      }
      if printActivity {
        try pipeline.simplify(module, targetMachine: targetMachine)
        print(try ActivityPrinter.describe(module), terminator: "")
        return
      }
      let vectorLibrary = VectorLibrary.chosen(vectorLibraryName, for: module)
      let remarks = try pipeline(vectorLibrary: vectorLibrary).run(on: module, targetMachine: targetMachine)
      for remark in remarks where printRemarks && !remark.isWarning {
        printError("swad-opt: remark: \(remark.message)\n")
      }
      for remark in remarks where remark.isWarning {
        printError("swad-opt: warning: \(remark.message)\n")
      }
      let data = emitText ? Array(module.text().utf8) : module.bitcode()
      try writeOutputAtomically(data, to: output)
    } catch let error as ValidationError {
      throw error
    } catch {
      printError("swad-opt: error: \("\(error)".trimmingWhitespace())\n")
      throw ExitCode.failure
    }
  }
}

enum OptimizationLevel: Int, EnumerableFlag {
  case O0 = 0
  case O1, O2, O3
  static func name(for value: OptimizationLevel) -> NameSpecification {
    .customLong("O\(value.rawValue)", withSingleDash: true)
  }
  static func help(for value: OptimizationLevel) -> ArgumentHelp? {
    switch value {
    case .O0: return "Run no optimization after AD (the pre-AD simplification still runs)."
    case .O1: return "Run LLVM's default<O1> after AD."
    case .O2: return "Run LLVM's default<O2> after AD (the default)."
    case .O3: return "Run LLVM's default<O3> after AD."
    }
  }
}
