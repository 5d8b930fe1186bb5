// LLVM's own command-line options (`-time-passes`, `-pass-remarks=…`, a pass's `cl::opt`), as
// clang's `-mllvm` hands them over.
import CLLVM

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public enum LLVMCommandLine {
  /// Sets LLVM's options from `options` (each as on opt's command line, `-time-passes`). LLVM reads
  /// them once per process; an unknown option is reported by LLVM on standard error and exits.
  public static func set(_ options: [String], tool: String) {
    guard !options.isEmpty else { return }
    let arguments = [tool] + options
    var pointers = arguments.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    pointers.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
        LLVMParseCommandLineOptions(Int32(arguments.count), $0, nil)
      }
    }
  }

  /// Prints what the options collected for the end of the process (`-time-passes`'s report) by
  /// shutting LLVM down. Call once, last, when nothing of LLVM is in use any more.
  public static func finish() {
    LLVMShutdown()
  }
}
