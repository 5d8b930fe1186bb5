// The LLVM context: owner of types and constants, and the collector of LLVM's diagnostics.
import CLLVM
import LLVMExtensions

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An LLVM context. Everything created in it (modules, types, values) is valid only while it lives;
/// modules keep their context alive by holding a strong reference to it.
///
/// LLVM reports some errors (bitcode reading, linking) through the context's diagnostic handler, and the
/// default handler exits the process on an error. A context installs its own handler that records the
/// messages instead, so that they surface as Swift errors; it prints remarks, which LLVM makes only
/// when asked for them (`-mllvm -pass-remarks=…`).
public final class Context {
  public let ref: LLVMContextRef
  private let sink: DiagnosticSink

  public init() {
    ref = LLVMContextCreate()
    sink = DiagnosticSink()
    LLVMContextSetDiagnosticHandler(
      ref,
      { info, opaque in
        guard let info, let opaque else { return }
        let sink = Unmanaged<DiagnosticSink>.fromOpaque(opaque).takeUnretainedValue()
        let message = takeMessage(LLVMGetDiagInfoDescription(info))
        switch LLVMGetDiagInfoSeverity(info) {
        case LLVMDSError: sink.errors.append(message)
        // Optimization remarks, which LLVM makes only when asked (`-mllvm -pass-remarks=…`).
        case LLVMDSRemark:
          let line = "remark: \(message)\n"
          _ = line.withCString { write(2, $0, strlen($0)) }
        default: break
        }
      }, Unmanaged.passUnretained(sink).toOpaque())
    swadContextRespectDiagnosticFilters(ref)
  }

  deinit { LLVMContextDispose(ref) }

  /// Returns and clears the error messages LLVM reported since the last call.
  public func takeDiagnostics() -> [String] {
    defer { sink.errors.removeAll() }
    return sink.errors
  }
}

private final class DiagnosticSink {
  var errors: [String] = []
}

/// Copies a message that LLVM allocated and releases LLVM's copy.
func takeMessage(_ message: UnsafeMutablePointer<CChar>?) -> String {
  guard let message else { return "" }
  defer { LLVMDisposeMessage(message) }
  return String(cString: message)
}

/// Turns an `LLVMErrorRef` into a Swift string and consumes the error.
func consumeError(_ error: LLVMErrorRef) -> String {
  let message = LLVMGetErrorMessage(error)
  defer { LLVMDisposeErrorMessage(message) }
  return message.map { String(cString: $0) } ?? "unknown LLVM error"
}
