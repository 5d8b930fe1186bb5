// A derivative rule: the partial derivatives of one operation with respect to each operand.
import LLVMBinding

/// The derivative of an instruction, intrinsic or library function, as one partial per operand.
public struct DerivativeRule: Sendable {
  /// Every spelling: an opcode name (`fmul`), a libm name (`sin`, `sinf`), an intrinsic's base name
  /// (`llvm.sin`, which matches `llvm.sin.f64`, `llvm.sin.v4f32`, ...).
  public let names: [String]
  /// ∂result/∂operand for each operand; `nil` for operands that carry no derivative (integers).
  public let partials: [DerivativeExpr?]
  /// For an operation that returns a pair (`llvm.frexp`: { fraction, exponent }, `llvm.modf`:
  /// { fraction, integral part }): the element the partials are of, which `result` reads. The other
  /// elements have derivative zero (integers carry none).
  public let resultElement: Int?
  /// Pointer operands through which the operation also writes a value of derivative zero (frexp's
  /// integer exponent, modf's integral part): their shadows are cleared where the primal is written.
  public let outputs: [Output]

  /// A value written through a pointer operand.
  public struct Output: Sendable, Hashable {
    public var operand: Int
    /// What is written: an `int` (4 bytes) or a value of the operation's floating-point type.
    public var isInteger: Bool
  }

  /// For a function of complex numbers (C99's `cexp`, `cabs`, the `__muldc3` libcalls): the partial of
  /// each scalar of the result (re, im; one for `cabs`) with respect to each scalar of the operands,
  /// counted across the operands as the ABI passes them (`double, double` or one `<2 x float>` per
  /// complex number), so one rule serves `cexp(double, double)` and `cexpf(<2 x float>)`. `partials`
  /// is empty for these rules; `.operand(i)` reads scalar i and `.resultPart(k)` scalar k of the result.
  public let elementPartials: [[DerivativeExpr?]]?
  /// Operands whose partial may be NaN or infinite where the operation itself is finite (pow's
  /// exponent: pow(x, y) · ln x at x < 0): their term is 0 when their tangent (or the result's
  /// adjoint) is 0, not 0 · NaN. An exponent with no derivative but a derivative's place (a value
  /// reloaded from the tape that a derivative of the gradient gives a zero tangent) made Hessians NaN.
  public var guardedPartials: Set<Int> = []

  public init(
    _ names: [String], _ partials: [DerivativeExpr?], resultElement: Int? = nil, outputs: [Output] = [],
    guarded: Set<Int> = []
  ) {
    self.names = names
    self.partials = partials
    self.resultElement = resultElement
    self.outputs = outputs
    self.elementPartials = nil
    self.guardedPartials = guarded
  }

  /// A rule over the scalars of complex operands and results (see `elementPartials`).
  public init(_ names: [String], elementPartials: [[DerivativeExpr?]]) {
    self.names = names
    self.partials = []
    self.resultElement = nil
    self.outputs = []
    self.elementPartials = elementPartials
  }

  /// The rule as one of the element its partials are of (`resultElement` and outputs dropped).
  var ofElement: DerivativeRule { DerivativeRule(names, partials) }

  /// The type the partials are computed in, for an operation whose result has `type`.
  public func partialType(ofResult type: IRType) -> IRType {
    guard let resultElement else { return type }
    return type.structElements[resultElement]
  }

  /// Whether any partial reads the primal result (so it must be computed, or cached in reverse mode).
  public var readsResult: Bool {
    (partials + (elementPartials ?? []).joined()).contains { $0?.readsResult ?? false }
  }
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
  /// type suffixes removed (`llvm.pow.f32` → `llvm.pow`, `llvm.powi.f64.i32` → `llvm.powi`); swad's
  /// own functions by the name without a vector's lane count (`swad.exponent.replaced.f64.v2`); a
  /// libmvec function by its scalar function (`_ZGVdN4v_tanh` → `tanh`); a vector reduction
  /// (`llvm.vector.reduce.fadd.v4f64`) by its operation and lanes.
  public static func function(named name: String) -> DerivativeRule? {
    if let rule = byName[name] { return rule }
    // A math library's vector function (clang -fveclib=libmvec): its scalar function's, lane by lane.
    if let vector = VectorFunction(symbol: name) { return byName[vector.scalarName] }
    guard name.hasPrefix("llvm.") || name.hasPrefix("swad.") else { return nil }
    if let reduction = RuleTable.vectorReduction(named: name) { return reduction }
    var base = Substring(name)
    while let dot = base.lastIndex(of: "."), base.distance(from: base.startIndex, to: dot) > 4 {
      base = base[..<dot]
      if let rule = byName[String(base)] { return rule }
    }
    return nil
  }

  /// Every name in the table, for documentation and tests (not the vector reductions, which
  /// `RuleTable.vectorReduction(named:)` makes when asked).
  public static var allNames: [String] { byName.keys.sorted() }
}
