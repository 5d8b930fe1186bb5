// Enzyme's entry points: which calls ask for a derivative, and in which mode.
import LLVMBinding

/// The kind of derivative a call asks for.
public enum DerivativeMode: String, CaseIterable, Sendable {
  /// `__enzyme_fwddiff`: the tangent (Jacobian-vector product).
  case forward
  /// `__enzyme_autodiff`: the primal, then the adjoints (vector-Jacobian product) in one call.
  case reverse
  /// `__enzyme_augmentfwd`: split reverse mode, part 1: runs the primal, returns the tape.
  case augmentedForward
  /// `__enzyme_reverse`: split reverse mode, part 2: takes the tape, accumulates the adjoints.
  case reverseSplit
  /// `__enzyme_augmentsize`: the byte size of the tape object `__enzyme_augmentfwd` fills.
  case augmentSize
  /// `__enzyme_fwdsplit`: split forward mode, part 2: takes the tape `__enzyme_augmentfwd` recorded,
  /// returns the tangent without running the primal again (`ForwardSplit/`).
  case forwardSplit

  /// The name fragment that selects this mode. Enzyme matches calls whose callee name *contains* it,
  /// so front ends can declare as many typed prototypes as they like (`__enzyme_autodiff_g2`, ...).
  public var entryPointName: String {
    switch self {
    case .forward: return "__enzyme_fwddiff"
    case .reverse: return "__enzyme_autodiff"
    case .augmentedForward: return "__enzyme_augmentfwd"
    case .reverseSplit: return "__enzyme_reverse"
    case .augmentSize: return "__enzyme_augmentsize"
    case .forwardSplit: return "__enzyme_fwdsplit"
    }
  }

  /// The mode of a callee name, if it names an entry point swad implements.
  public static func of(calleeName name: String) -> DerivativeMode? {
    allCases.first { name.containsBytes(of: $0.entryPointName) }  // asked of every callee: a byte search
  }

  /// Enzyme's type annotations, called in the user's code to describe memory
  /// (`__enzyme_float(ptr, size)`); swad erases them. Every other `__enzyme_*` function is an error.
  public static let typeHints: Set<String> = ["__enzyme_float", "__enzyme_double", "__enzyme_integer", "__enzyme_pointer"]

  /// Whether the mode is one of reverse mode's (combined or split).
  var isReverse: Bool { self != .forward && self != .forwardSplit }

  /// Whether floats without a marker carry a tangent (forward modes) rather than being `enzyme_out`.
  var isForward: Bool { self == .forward || self == .forwardSplit }
}
