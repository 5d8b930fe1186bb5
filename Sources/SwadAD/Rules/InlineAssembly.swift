// Inline assembly in differentiated code: the few templates whose meaning is known (Eigen's FMA
// kernels) have derivative rules; others that take or return floating-point data are errors, since
// nothing can see what they compute; the rest (compiler barriers, CPU queries) are inactive.
import CLLVM
import LLVMBinding

enum InlineAssembly {
  /// Templates by their text and constraints, with the rule of what they compute from their
  /// operands. `vfmadd231pd a, b, c` (AT&T order, `c` tied to the result) is c + a·b: Eigen 3.4's
  /// `pmadd` for AVX packets when compiled by clang with FMA (`-march=haswell` and later).
  ///
  /// `maxpd a, r` (r tied to b) is `b > a ? b : a` per lane (a where either is NaN or both are
  /// zeros), and `vmaxpd a, b, r` the same; `minpd` with `<`: Eigen 3.4's `pmax` and `pmin` for SSE
  /// and AVX packets when the compiler says it is a GCC older than 6.3, as clang does (a workaround
  /// for a GCC bug) — behind `exp()`, `max(x)`, `min(x)` and `maxCoeff()` of Eigen's arrays. The
  /// derivative follows the operand returned, as for `fmax`.
  static let rules: [Template: DerivativeRule] = [
    Template("vfmadd231pd $1, $2, $0", "=x,x,x,0"): fusedMultiplyAdd,
    Template("vfmadd231ps $1, $2, $0", "=x,x,x,0"): fusedMultiplyAdd,
    Template("vfmadd231sd $1, $2, $0", "=x,x,x,0"): fusedMultiplyAdd,
    Template("vfmadd231ss $1, $2, $0", "=x,x,x,0"): fusedMultiplyAdd,
    Template("maxpd $1, $0", "=x,x,0"): maximum,
    Template("maxps $1, $0", "=x,x,0"): maximum,
    Template("vmaxpd $1, $2, $0", "=x,x,x"): maximum,
    Template("vmaxps $1, $2, $0", "=x,x,x"): maximum,
    Template("minpd $1, $0", "=x,x,0"): minimum,
    Template("minps $1, $0", "=x,x,0"): minimum,
    Template("vminpd $1, $2, $0", "=x,x,x"): minimum,
    Template("vminps $1, $2, $0", "=x,x,x"): minimum,
  ]

  struct Template: Hashable {
    var text: String
    /// The constraints up to the clobbers (`~{…}`), which do not change the meaning.
    var constraints: String
    init(_ text: String, _ constraints: String) {
      self.text = text
      self.constraints = constraints
    }
  }

  private static let fusedMultiplyAdd = DerivativeRule(
    ["inline asm fma"], [.operand(1), .operand(0), .constant(1)])
  /// Operand 0 is a, operand 1 is b: the result is b where b > a (b < a), else a.
  private static let maximum = DerivativeRule(
    ["inline asm max"],
    [
      .select(.init(lhs: .operand(1), relation: .gt, rhs: .operand(0)), .constant(0), .constant(1)),
      .select(.init(lhs: .operand(1), relation: .gt, rhs: .operand(0)), .constant(1), .constant(0)),
    ])
  private static let minimum = DerivativeRule(
    ["inline asm min"],
    [
      .select(.init(lhs: .operand(1), relation: .lt, rhs: .operand(0)), .constant(0), .constant(1)),
      .select(.init(lhs: .operand(1), relation: .lt, rhs: .operand(0)), .constant(1), .constant(0)),
    ])

  /// What a call of inline assembly means: a rule, `.indirect` (an error where derivative data
  /// reaches it: what it computes cannot be seen), or inactive when no floating-point value goes in
  /// or comes out (barriers that take pointers, `cpuid`, `rdtsc`).
  static func semantics(of call: Instruction) -> CallSemantics {
    var length = 0
    let constraints =
      (LLVMGetInlineAsmConstraintString(call.calledOperand.ref, &length).map { String(cString: $0) } ?? "")
      .split(separator: ",").filter { !$0.hasPrefix("~") }.joined(separator: ",")
    if let rule = rules[Template(text(of: call), constraints)] { return .rule(rule) }
    let floats = call.type.containsFloatingPoint || call.arguments.contains { $0.type.containsFloatingPoint }
    return floats ? .indirect : .inactive
  }

  /// The assembly text of a call of inline assembly.
  static func text(of call: Instruction) -> String {
    var length = 0
    guard let text = LLVMGetInlineAsmAsmString(call.calledOperand.ref, &length) else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
  }
}
