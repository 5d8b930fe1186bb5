// The macros' diagnostics and fix-its.
import SwiftDiagnostics
import SwiftSyntax

struct AutodiffDiagnostic: DiagnosticMessage {
  let message: String
  let id: String
  let severity: DiagnosticSeverity

  init(_ id: String, _ message: String, severity: DiagnosticSeverity = .error) {
    self.message = message
    self.id = id
    self.severity = severity
  }

  var diagnosticID: MessageID { MessageID(domain: "SwadAutodiff", id: id) }
}

struct AutodiffFixIt: FixItMessage {
  let message: String
  var fixItID: MessageID { MessageID(domain: "SwadAutodiff", id: message) }
  init(_ message: String) { self.message = message }
}

/// Thrown to end an expansion after its diagnostics were emitted.
struct ExpansionFailed: Error {}

/// Collects an expansion's diagnostics; any error stops the expansion.
struct Diagnoser {
  var diagnostics: [Diagnostic] = []
  var hasErrors: Bool { diagnostics.contains { $0.diagMessage.severity == .error } }

  mutating func error(_ id: String, _ message: String, at node: some SyntaxProtocol, fixIts: [FixIt] = []) {
    diagnostics.append(Diagnostic(node: Syntax(node), message: AutodiffDiagnostic(id, message), fixIts: fixIts))
  }

  mutating func warning(_ id: String, _ message: String, at node: some SyntaxProtocol, fixIts: [FixIt] = []) {
    diagnostics.append(
      Diagnostic(node: Syntax(node), message: AutodiffDiagnostic(id, message, severity: .warning), fixIts: fixIts))
  }
}

/// The names a derivative may have: Swift forbids a peer macro to introduce arbitrary names at global
/// scope, so SwadAutodiff's macro declarations list these (keep the two lists equal).
enum DerivativeNames {
  static let prefixes = [
    "d", "d_", "dd", "dd_", "grad_", "gradient_", "jvp_", "vjp_", "hvp_", "fwd_", "rev_", "diff_",
  ]
  static let suffixes = [
    "_d", "_grad", "_gradient", "Grad", "Gradient", "_jvp", "_vjp", "JVP", "VJP", "_derivative", "Derivative",
    "_fwd", "_rev", "Forward", "Reverse", "_tangent", "Tangent", "_prime", "Prime",
  ]
  static let names = ["df", "ddf", "grad", "gradient", "jvp", "vjp", "hvp", "derivative", "tangent"]

  static func allows(_ name: String, for function: String) -> Bool {
    names.contains(name) || prefixes.contains { $0 + function == name } || suffixes.contains { function + $0 == name }
  }
}
