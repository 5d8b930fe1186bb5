// Which activity fits which parameter or result, and what to suggest instead.
import SwiftSyntax

/// The verdict on one activity: nil when it fits, else the message and the activity a fix-it puts
/// in its place (nil when none is natural).
struct Misfit {
  let message: String
  let suggestion: ActivityName?
}

enum ActivityRules {
  /// The activity that naturally fits `kind` in `mode` (what a fix-it proposes), keeping `Only`.
  static func natural(for kind: ParameterKind, mode: Mode, only: Bool = false) -> ActivityName {
    switch (kind, mode) {
    case (.integer, _), (.other, _): return .const
    case (.floats, .reverse): return .active
    case (_, .reverse): return only ? .duplicatedOnly : .duplicated
    case (_, .forward): return only ? .dualOnly : .dual
    }
  }

  static let reverseParameterList = ".const, .active (Float, Double and tuples of them), .duplicated or "
    + ".duplicatedOnly (pointers, buffer pointers, arrays, inout)"
  static let forwardParameterList = ".const, .dual, .dualOnly, .dualv or .dualvOnly"

  static func checkParameter(
    _ activity: ActivityName, kind: ParameterKind, name: String, type: String, mode: Mode
  ) -> Misfit? {
    if activity == .const { return nil }
    let what = "parameter '\(name)' of type \(type)"
    if case .integer = kind {
      return Misfit(message: "\(what) cannot be differentiated; mark it .const", suggestion: .const)
    }
    if case .other = kind {
      return Misfit(
        message: "\(what) cannot be differentiated (the macros differentiate Float, Double, tuples of them, "
          + "pointers, buffer pointers, arrays and inout parameters); mark it .const",
        suggestion: .const)
    }
    if activity.mode != mode {
      let list = mode == .reverse ? reverseParameterList : forwardParameterList
      // Reverse mode has no activity for Enzyme's enzyme_dupv (one shadow holding every lane).
      let vector = mode == .reverse && activity.isVector
        ? "; one shadow holding all lanes (Enzyme's enzyme_dupv) is not supported in reverse mode: with "
          + "width: N, .duplicated takes N shadows, one per lane" : ""
      return Misfit(
        message: "'\(activity.spelled)' is a \(mode == .reverse ? "forward" : "reverse")-mode activity; "
          + "\(mode.attributeName) takes \(list)" + vector,
        suggestion: natural(for: kind, mode: mode, only: activity.isOnly))
    }
    switch (activity, kind) {
    case (.active, .floats):
      return nil
    case (.active, _):
      return Misfit(
        message: "'.active' needs a Float, Double or a tuple of them; \(what) is \(kind.describedAs), whose "
          + "adjoint is added into a shadow: use .duplicated",
        suggestion: .duplicated)
    case (.activeOnly, _):
      return Misfit(
        message: "'.activeOnly' applies to the result (its primal value is then not returned); for "
          + "\(what) use \(natural(for: kind, mode: mode).spelled)",
        suggestion: natural(for: kind, mode: mode))
    case (.duplicated, .floats), (.duplicatedOnly, .floats):
      return Misfit(
        message: "'\(activity.spelled)' needs a pointer, buffer pointer, array or inout parameter; \(what) is "
          + "passed by value: use .active (its adjoint is returned)",
        suggestion: .active)
    case (.duplicated, _), (.duplicatedOnly, _), (.dual, _), (.dualOnly, _):
      return nil
    case (.dualv, .pointer), (.dualvOnly, .pointer):
      return Misfit(
        message: "'\(activity.spelled)' needs to know how many elements \(what) has, to find the lanes in "
          + "its one shadow: use a buffer pointer or an array, or .dual (one shadow pointer per lane)",
        suggestion: activity == .dualv ? .dual : .dualOnly)
    case (.dualv, .inoutFloats(let tree)) where !tree.isScalar,
      (.dualvOnly, .inoutFloats(let tree)) where !tree.isScalar:
      return Misfit(
        message: "'\(activity.spelled)' on an inout tuple is not supported; use .dual (one inout shadow per lane)",
        suggestion: activity == .dualv ? .dual : .dualOnly)
    case (.dualv, .inoutArray), (.dualvOnly, .inoutArray), (.dualv, .inoutOther), (.dualvOnly, .inoutOther):
      return Misfit(
        message: "'\(activity.spelled)' on \(what) is not supported (each lane needs its own shadow); use .dual",
        suggestion: activity == .dualv ? .dual : .dualOnly)
    case (.dualv, _), (.dualvOnly, _):
      return nil
    default:
      return nil
    }
  }

  /// The result: Float or Double can be differentiated, integers only as `.const`.
  static func checkResult(_ activity: ActivityName, kind: ParameterKind, type: String, mode: Mode) -> Misfit? {
    if case .integer = kind {
      return activity == .const
        ? nil : Misfit(message: "the result of type \(type) cannot be differentiated; mark it .const", suggestion: .const)
    }
    if activity == .const { return nil }
    if activity.mode != mode {
      let replacement: ActivityName =
        mode == .reverse ? (activity.isOnly ? .activeOnly : .active) : (activity.isOnly ? .dualOnly : .dual)
      let list = mode == .reverse ? ".const, .active or .activeOnly" : ".const, .dual, .dualOnly, .dualv or .dualvOnly"
      return Misfit(
        message: "'\(activity.spelled)' is a \(mode == .reverse ? "forward" : "reverse")-mode activity; the result "
          + "of a \(mode.attributeName) function is \(list)",
        suggestion: replacement)
    }
    if activity == .duplicated || activity == .duplicatedOnly {
      return Misfit(
        message: "'\(activity.spelled)' is for parameters; a \(type) result is .active (seeded, and returned "
          + "first) or .activeOnly (seeded, not returned)",
        suggestion: activity == .duplicated ? .active : .activeOnly)
    }
    return nil
  }
}
