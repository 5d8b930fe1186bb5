// Reading modules from files that may be corrupted. LLVM's bitcode reader trusts its input: on about 1%
// of randomly corrupted files it crashes, aborts ("out of memory") or runs on for minutes. So every
// input is read first in a child process, and read here only if the child survived.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LLVMBinding

/// Reads bitcode and textual IR so that a crash or hang of LLVM's reader is an error, not the tool's end.
public enum ModuleReader {
  /// Reads a module from bitcode or textual IR (told apart by content) into `context`. `name` names
  /// the input in errors. Throws `LLVMError.malformedInput` with LLVM's message when LLVM rejects the
  /// input, and `MalformedModuleError` when its reader crashed or did not finish.
  ///
  /// There is no cheap way to know that bitcode is well formed short of reading it (a file names the
  /// producer, not whether it was damaged since), so every input is read twice: once in a child,
  /// which either survives or not, then here. The child reads into its copy of `context`, as it is,
  /// so what it meets is exactly what the second reading meets (types already named by modules read
  /// before, in the driver). Reading is deterministic, so the second reading cannot crash.
  public static func read(_ bytes: [UInt8], name: String, context: Context) throws -> Module {
    let limits = limits(forSize: bytes.count)
    let outcome = ChildProcess.run(limits: limits) {
      let module = try? Module.parse(bytes, name: name, context: context)
      ChildProcess.exit(module != nil)
    }
    let kind: MalformedModuleError.Kind = Module.looksLikeBitcode(bytes) ? .bitcode : .textualIR
    switch outcome {
    case .killed(let signal) where signal == SIGALRM:
      throw MalformedModuleError(name: name, kind: kind, reason: .timedOut(seconds: limits.seconds))
    case .killed:
      throw MalformedModuleError(name: name, kind: kind, reason: .crashed)
    case .succeeded, .failed:
      // A clean rejection is read again for LLVM's message.
      break
    case .notStarted:
      // fork fails only when the system is out of processes or memory; reading in process is then
      // what LLVM's own tools do.
      break
    }
    return try Module.parse(bytes, name: name, context: context)
  }

  /// Generous bounds: LLVM reads bitcode at tens of megabytes a second, and a module in memory takes
  /// several times its bitcode's size (more with debug info).
  static func limits(forSize size: Int) -> ChildProcess.Limits {
    let mebibytes = size >> 20
    return ChildProcess.Limits(seconds: UInt32(10 + mebibytes), extraAddressSpace: (1 << 30) + 100 * size)
  }
}

/// Input that made LLVM's reader crash or run past its time limit.
public struct MalformedModuleError: Error, CustomStringConvertible, Equatable {
  public enum Kind: Equatable, Sendable { case bitcode, textualIR }
  public enum Reason: Equatable, Sendable {
    /// The reader was killed by a signal: a crash, or an abort on an impossible allocation.
    case crashed
    case timedOut(seconds: UInt32)
  }

  public var name: String
  public var kind: Kind
  public var reason: Reason

  public var description: String {
    let what = kind == .bitcode ? "malformed bitcode" : "malformed IR"
    switch reason {
    case .crashed: return "\(name): \(what) (LLVM's reader crashed on it)"
    case .timedOut(let seconds): return "\(name): \(what) (LLVM's reader did not finish in \(seconds) s)"
    }
  }
}
