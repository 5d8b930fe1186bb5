// LLVM's own command-line options (`-time-passes`, `-pass-remarks=…`, a pass's `cl::opt`), as
// clang's `-mllvm` hands them over.
import CLLVM
import LLVMExtensions

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public enum LLVMCommandLine {
  /// Sets LLVM's options from `options` (each as on opt's command line, `-time-passes`), once per
  /// process. Throws LLVM's message when it does not take them (an unknown option, a missing value).
  public static func set(_ options: [String], tool: String) throws {
    guard !options.isEmpty else { return }
    let arguments = [tool] + options
    var pointers = arguments.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    var message: UnsafeMutablePointer<CChar>?
    let failed = pointers.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
        swadParseCommandLineOptions(Int32(arguments.count), $0, &message)
      }
    }
    if failed != 0 {
      // LLVM's lines start with the tool's name and send the user to `--help`, which lists the
      // tool's own options, not LLVM's.
      let report: String = takeMessage(message)
      let lines = report.split(separator: "\n" as Character).map { (line: Substring) -> String in
        var text = line.hasPrefix("\(tool): ") ? String(line.dropFirst(tool.count + 2)) : String(line)
        if let advice = text.firstRange(of: "  Try: ") { text = String(text[..<advice.lowerBound]) }
        return text
      }
      throw LLVMError.invalidOptions(lines.joined(separator: " "))
    }
  }

  /// Gives LLVM's option `name` (without its dash) `value` unless the command line gave it one;
  /// a tuning of swad's own that the user's `-mllvm` overrides. Throws when LLVM has no such option
  /// or it does not take `value`.
  public static func setUnlessGiven(_ name: String, _ value: String) throws {
    if swadSetOptionUnlessGiven(name, value) != 0 {
      throw LLVMError.invalidOptions("-\(name)=\(value)")
    }
  }

  /// Whether LLVM's option `name` has been given a value (by the command line or by
  /// `setUnlessGiven`); nil when LLVM has no such option.
  public static func isGiven(_ name: String) -> Bool? {
    switch swadOptionIsGiven(name) {
    case -1: return nil
    case 0: return false
    default: return true
    }
  }

  /// Runs `body` with LLVM's option `name` set to `value`, unless the command line gave it one, and
  /// gives it back its default afterwards: a tuning for one stage of a pipeline that must not reach
  /// the passes after it. Throws when LLVM has no such option or it does not take `value`.
  public static func withOptionUnlessGiven<T>(
    _ name: String, _ value: String, _ body: () throws -> T
  ) throws -> T {
    switch isGiven(name) {
    case nil: throw LLVMError.invalidOptions("-\(name)=\(value)")
    case false?:
      try setUnlessGiven(name, value)
      defer { swadResetOption(name) }
      return try body()
    case true?:
      return try body()
    }
  }

  /// Prints what the options collected for the end of the process (`-time-passes`'s report) by
  /// shutting LLVM down. Call once, last, when nothing of LLVM is in use any more.
  public static func finish() {
    LLVMShutdown()
  }
}
