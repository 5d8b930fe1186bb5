// Inline assembly in differentiated code: the few templates whose meaning is known (Eigen's FMA
// kernels) have derivative rules; others that take or return floating-point data are errors, since
// nothing can see what they compute; the rest (compiler barriers, CPU queries) are inactive.
import CLLVM
import LLVMBinding

enum InlineAssembly {
  /// Templates by their text and constraints, with the rule of what they compute from their
  /// operands. `vfmadd231pd a, b, c` (AT&T order, `c` tied to the result) is c + a·b: Eigen 3.4's
  /// `pmadd` for AVX packets when compiled by clang with FMA (`-march=haswell` and later).
  static let rules: [Template: DerivativeRule] = [
    Template("vfmadd231pd $1, $2, $0", "=x,x,x,0"): fusedMultiplyAdd,
    Template("vfmadd231ps $1, $2, $0", "=x,x,x,0"): fusedMultiplyAdd,
    Template("vfmadd231sd $1, $2, $0", "=x,x,x,0"): fusedMultiplyAdd,
    Template("vfmadd231ss $1, $2, $0", "=x,x,x,0"): fusedMultiplyAdd,
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

  private static let fusedMultiplyAdd = DerivativeRule(["inline asm fma"], [.operand(1), .operand(0), .constant(1)])

  /// What a call of inline assembly means: a rule, `.indirect` (an error where derivative data
  /// reaches it: what it computes cannot be seen), or inactive when no floating-point value goes in
  /// or comes out (barriers that take pointers, `cpuid`, `rdtsc`).
  static func semantics(of call: Instruction) -> CallSemantics {
    var length = 0
    let constraints = (LLVMGetInlineAsmConstraintString(call.calledOperand.ref, &length).map { String(cString: $0) } ?? "")
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
