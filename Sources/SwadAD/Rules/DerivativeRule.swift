// A derivative rule: the partial derivatives of one operation with respect to each operand.

/// The derivative of an instruction, intrinsic or library function, as one partial per operand.
public struct DerivativeRule: Sendable {
  /// Every spelling: an opcode name (`fmul`), a libm name (`sin`, `sinf`), an intrinsic's base name
  /// (`llvm.sin`, which matches `llvm.sin.f64`, `llvm.sin.v4f32`, ...).
  public let names: [String]
  /// ∂result/∂operand for each operand; `nil` for operands that carry no derivative (integers).
  public let partials: [DerivativeExpr?]

  public init(_ names: [String], _ partials: [DerivativeExpr?]) {
    self.names = names
    self.partials = partials
  }

  /// Whether any partial reads the primal result (so it must be computed, or cached in reverse mode).
  public var readsResult: Bool { partials.contains { $0?.readsResult ?? false } }
}

extension DerivativeExpr: @unchecked Sendable {}

/// Where rules are looked up: the table in `RuleTable.swift`, indexed by every spelling.
public enum DerivativeRules {
  private static let byName: [String: DerivativeRule] = {
    var index: [String: DerivativeRule] = [:]
    for rule in RuleTable.all {
      for name in rule.names {
        precondition(index[name] == nil, "duplicate derivative rule for \(name)")
        index[name] = rule
      }
    }
    return index
  }()

  /// The rule for an instruction opcode name (`fadd`, `fneg`, ...).
  public static func instruction(_ opcodeName: String) -> DerivativeRule? { byName[opcodeName] }

  /// The rule for a called function: a libm name exactly, or an intrinsic by its base name with the
  /// type suffixes removed (`llvm.pow.f32` → `llvm.pow`, `llvm.powi.f64.i32` → `llvm.powi`).
  public static func function(named name: String) -> DerivativeRule? {
    if let rule = byName[name] { return rule }
    guard name.hasPrefix("llvm.") else { return nil }
    var base = Substring(name)
    while let dot = base.lastIndex(of: "."), base.distance(from: base.startIndex, to: dot) > 4 {
      base = base[..<dot]
      if let rule = byName[String(base)] { return rule }
    }
    return nil
  }

  /// Every name with a rule, for documentation and tests.
  public static var allNames: [String] { byName.keys.sorted() }
}
