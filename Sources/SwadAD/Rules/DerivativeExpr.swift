// A small expression language for partial derivatives, in terms of an operation's operands and result.
//
// Rules are data, not code: `sin` is `[cos(x)]`, `fdiv` is `[1 / y, -result / y]`. One interpreter
// (RuleEmitter) turns an expression into IR for both modes: forward mode multiplies each partial by
// the operand's tangent, reverse mode multiplies it by the result's adjoint.

/// A partial derivative ∂result/∂operand, as an expression over the primal operands and result.
public indirect enum DerivativeExpr: Hashable, CustomStringConvertible {
  /// The primal operand at this position.
  case operand(Int)
  /// The primal result of the operation.
  case result
  /// One scalar of the primal result of a complex function (`elementPartials` rules): 0 is the real
  /// part, 1 the imaginary part.
  case resultPart(Int)
  /// A floating-point constant (splatted for vectors).
  case constant(Double)
  /// An integer operand converted to the float type of the result (e.g. the exponent of `powi`).
  case integerOperandAsFloat(Int)
  case add(DerivativeExpr, DerivativeExpr)
  case sub(DerivativeExpr, DerivativeExpr)
  case mul(DerivativeExpr, DerivativeExpr)
  case div(DerivativeExpr, DerivativeExpr)
  case neg(DerivativeExpr)
  /// A math function by its libm name (`cos`, `sqrt`, `pow`, ...), emitted as an LLVM intrinsic where
  /// one exists and as a libm call otherwise.
  case math(String, [DerivativeExpr])
  /// `powi(x, n)` with an integer exponent operand and a constant offset (for `n * powi(x, n - 1)`).
  case powiOffset(base: DerivativeExpr, exponentOperand: Int, offset: Int)
  /// A libm function of an integer order and a value (`jn(n, x)`), at the order of an integer operand
  /// plus a constant offset (for `(jn(n - 1, x) - jn(n + 1, x)) / 2`).
  case orderedMath(String, orderOperand: Int, offset: Int, DerivativeExpr)
  /// `condition ? a : b`, with an ordered floating-point comparison.
  case select(Comparison, DerivativeExpr, DerivativeExpr)

  public enum Relation: String, Hashable {
    case lt = "<", le = "<=", gt = ">", ge = ">=", eq = "==", ne = "!="
  }

  public struct Comparison: Hashable {
    public var lhs: DerivativeExpr
    public var relation: Relation
    public var rhs: DerivativeExpr
  }

  public var description: String {
    switch self {
    case .operand(let i): return "x\(i)"
    case .result: return "result"
    case .resultPart(let k): return "result[\(k)]"
    case .constant(let c): return "\(c)"
    case .integerOperandAsFloat(let i): return "float(x\(i))"
    case .add(let a, let b): return "(\(a) + \(b))"
    case .sub(let a, let b): return "(\(a) - \(b))"
    case .mul(let a, let b): return "(\(a) * \(b))"
    case .div(let a, let b): return "(\(a) / \(b))"
    case .neg(let a): return "-\(a)"
    case .math(let name, let args): return "\(name)(\(args.map(\.description).joined(separator: ", ")))"
    case .powiOffset(let base, let n, let offset): return "powi(\(base), x\(n) + \(offset))"
    case .orderedMath(let name, let n, let offset, let a): return "\(name)(x\(n) + \(offset), \(a))"
    case .select(let c, let a, let b): return "(\(c.lhs) \(c.relation.rawValue) \(c.rhs) ? \(a) : \(b))"
    }
  }

  /// Whether the partial is a constant (0 times it stays 0).
  public var isConstant: Bool {
    if case .constant = self { return true }
    return false
  }

  /// The operand positions the expression reads.
  public var operandsRead: Set<Int> {
    switch self {
    case .operand(let i), .integerOperandAsFloat(let i): return [i]
    case .result, .resultPart, .constant: return []
    case .add(let a, let b), .sub(let a, let b), .mul(let a, let b), .div(let a, let b):
      return a.operandsRead.union(b.operandsRead)
    case .neg(let a): return a.operandsRead
    case .math(_, let args): return args.reduce(into: []) { $0.formUnion($1.operandsRead) }
    case .powiOffset(let base, let n, _): return base.operandsRead.union([n])
    case .orderedMath(_, let n, _, let a): return a.operandsRead.union([n])
    case .select(let c, let a, let b):
      return c.lhs.operandsRead.union(c.rhs.operandsRead).union(a.operandsRead).union(b.operandsRead)
    }
  }

  /// Whether the expression reads the primal result.
  public var readsResult: Bool {
    switch self {
    case .result, .resultPart: return true
    case .operand, .constant, .integerOperandAsFloat: return false
    case .add(let a, let b), .sub(let a, let b), .mul(let a, let b), .div(let a, let b):
      return a.readsResult || b.readsResult
    case .neg(let a): return a.readsResult
    case .math(_, let args): return args.contains { $0.readsResult }
    case .powiOffset(let base, _, _): return base.readsResult
    case .orderedMath(_, _, _, let a): return a.readsResult
    case .select(let c, let a, let b):
      return c.lhs.readsResult || c.rhs.readsResult || a.readsResult || b.readsResult
    }
  }
}

// Operators so that rule entries read like the mathematics.
func + (a: DerivativeExpr, b: DerivativeExpr) -> DerivativeExpr { .add(a, b) }
func - (a: DerivativeExpr, b: DerivativeExpr) -> DerivativeExpr { .sub(a, b) }
func * (a: DerivativeExpr, b: DerivativeExpr) -> DerivativeExpr { .mul(a, b) }
func / (a: DerivativeExpr, b: DerivativeExpr) -> DerivativeExpr { .div(a, b) }
prefix func - (a: DerivativeExpr) -> DerivativeExpr { .neg(a) }
func < (a: DerivativeExpr, b: DerivativeExpr) -> DerivativeExpr.Comparison {
  .init(lhs: a, relation: .lt, rhs: b)
}
func <= (a: DerivativeExpr, b: DerivativeExpr) -> DerivativeExpr.Comparison {
  .init(lhs: a, relation: .le, rhs: b)
}
func > (a: DerivativeExpr, b: DerivativeExpr) -> DerivativeExpr.Comparison {
  .init(lhs: a, relation: .gt, rhs: b)
}
func >= (a: DerivativeExpr, b: DerivativeExpr) -> DerivativeExpr.Comparison {
  .init(lhs: a, relation: .ge, rhs: b)
}

extension DerivativeExpr: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
  public init(floatLiteral value: Double) { self = .constant(value) }
  public init(integerLiteral value: Int) { self = .constant(Double(value)) }
}

/// A complex number as two real expressions, for writing the derivatives of complex functions as
/// complex arithmetic (`1 / z`, `w * f / z`); the table expands them into real partials.
struct ComplexExpr {
  var re: DerivativeExpr
  var im: DerivativeExpr

  init(_ re: DerivativeExpr, _ im: DerivativeExpr) {
    self.re = re
    self.im = im
  }
  /// A real number as a complex one. (No literal conformance: it would slow the type checking of
  /// every arithmetic expression with literals in the module.)
  init(_ re: DerivativeExpr) { self.init(re, 0) }

  var isReal: Bool { im == .constant(0) }

  static func + (a: ComplexExpr, b: ComplexExpr) -> ComplexExpr {
    ComplexExpr(a.re + b.re, a.isReal && b.isReal ? 0 : a.im + b.im)
  }
  static func - (a: ComplexExpr, b: ComplexExpr) -> ComplexExpr {
    ComplexExpr(a.re - b.re, a.isReal && b.isReal ? 0 : a.im - b.im)
  }
  static prefix func - (a: ComplexExpr) -> ComplexExpr { ComplexExpr(-a.re, a.isReal ? 0 : -a.im) }
  static func * (a: ComplexExpr, b: ComplexExpr) -> ComplexExpr {
    if a.isReal { return ComplexExpr(a.re * b.re, a.re * b.im) }
    if b.isReal { return ComplexExpr(a.re * b.re, a.im * b.re) }
    return ComplexExpr(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
  }
  /// (a + bi) / (c + di) = ((ac + bd) + (bc − ad) i) / (c² + d²).
  static func / (a: ComplexExpr, b: ComplexExpr) -> ComplexExpr {
    if b.isReal { return ComplexExpr(a.re / b.re, a.isReal ? 0 : a.im / b.re) }
    let norm = b.re * b.re + b.im * b.im
    if a.isReal { return ComplexExpr(a.re * b.re / norm, -(a.re * b.im) / norm) }
    return ComplexExpr((a.re * b.re + a.im * b.im) / norm, (a.im * b.re - a.re * b.im) / norm)
  }
  static func + (a: DerivativeExpr, b: ComplexExpr) -> ComplexExpr { ComplexExpr(a) + b }
  static func - (a: DerivativeExpr, b: ComplexExpr) -> ComplexExpr { ComplexExpr(a) - b }
  static func / (a: DerivativeExpr, b: ComplexExpr) -> ComplexExpr { ComplexExpr(a) / b }

  /// Elementary functions of a complex argument, in real arithmetic.
  static func sin(_ z: ComplexExpr) -> ComplexExpr {
    ComplexExpr(.math("sin", [z.re]) * .math("cosh", [z.im]), .math("cos", [z.re]) * .math("sinh", [z.im]))
  }
  static func cos(_ z: ComplexExpr) -> ComplexExpr {
    ComplexExpr(.math("cos", [z.re]) * .math("cosh", [z.im]), -(.math("sin", [z.re]) * .math("sinh", [z.im])))
  }
  static func sinh(_ z: ComplexExpr) -> ComplexExpr {
    ComplexExpr(.math("sinh", [z.re]) * .math("cos", [z.im]), .math("cosh", [z.re]) * .math("sin", [z.im]))
  }
  static func cosh(_ z: ComplexExpr) -> ComplexExpr {
    ComplexExpr(.math("cosh", [z.re]) * .math("cos", [z.im]), .math("sinh", [z.re]) * .math("sin", [z.im]))
  }
  /// The principal logarithm: ln |z| + i·arg z.
  static func log(_ z: ComplexExpr) -> ComplexExpr {
    ComplexExpr(0.5 * .math("log", [z.re * z.re + z.im * z.im]), .math("atan2", [z.im, z.re]))
  }
}
