// Errors the binding reports: each names what failed and carries LLVM's own message.

/// An error reported by LLVM through the binding.
public enum LLVMError: Error, CustomStringConvertible, Equatable {
  /// Bitcode or textual IR that LLVM could not read.
  case malformedInput(name: String, message: String)
  /// A module that fails the IR verifier.
  case verificationFailed(String)
  /// Modules that could not be linked.
  case linkFailed(String)
  /// A pass pipeline that could not be parsed or run.
  case passPipeline(pipeline: String, message: String)
  /// A target machine that could not be created or could not emit code.
  case codeGeneration(String)
  /// LLVM command-line options (`-mllvm`) that LLVM did not take.
  case invalidOptions(String)

  public var description: String {
    switch self {
    case .malformedInput(let name, let message): return "\(name): cannot read module: \(message)"
    case .verificationFailed(let message): return "module fails verification: \(message)"
    case .linkFailed(let message): return "cannot link modules: \(message)"
    case .passPipeline(let pipeline, let message): return "pass pipeline '\(pipeline)': \(message)"
    case .codeGeneration(let message): return "code generation: \(message)"
    case .invalidOptions(let message): return "-mllvm: \(message)"
    }
  }
}
