// Inline assembly in differentiated code: the few templates whose meaning is known (Eigen's FMA
// kernels) have derivative rules; empty templates that pass a value through (optimization
// barriers) become `llvm.arithmetic.fence`; others that take or return floating-point data are
// errors, since nothing can see what they compute; the rest (CPU queries) are inactive.
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

  /// Rewrites optimization barriers, an empty template whose one output is tied to its one
  /// floating-point input (Eigen's `EIGEN_OPTIMIZATION_BARRIER(x)`, `__asm__("" : "+g,x"(x))`, in its
  /// rounding by 2^52 and its argument reduction of sin and cos), as `llvm.arithmetic.fence` of the
  /// value: it computes nothing either and, like the barrier, keeps fast-math reassociation from
  /// crossing it, but the pre-AD passes see through it and the rule table gives it a derivative (the
  /// identity). A barrier on the value's memory (`=*m`: clang passes the address) becomes a store of
  /// the fenced value there. Run before the pre-AD passes, which then keep the value in a register.
  /// Barriers that also clobber memory (`"memory"`, a benchmark's `DoNotOptimize`) stay as they are.
  static func replaceBarriers(in functions: [Function], module: Module) {
    let builder = Builder(context: module.context)
    for function in functions where !function.isDeclaration {
      for block in function.blocks {
        for call in block.instructions where call.isCall && call.calledOperand.isInlineAsm {
          guard text(of: call).allSatisfy(\.isWhitespace) else { continue }
          let all = constraints(of: call, keepingClobbers: true)
          guard !all.contains("~{memory}") else { continue }
          let operands = all.filter { !$0.hasPrefix("~") }
          guard operands.count == 2, operands[0].hasPrefix("="), operands[1] == "0" else { continue }
          let indirect = operands[0].hasPrefix("=*")
          let arguments = call.arguments
          guard arguments.count == (indirect ? 2 : 1), let value = arguments.last,
            value.type.isFloatingPointOrVector, indirect ? call.type.isVoid : call.type == value.type,
            let fence = module.intrinsic("llvm.arithmetic.fence", overloadedOn: [value.type])
          else { continue }
          builder.position(before: call)
          builder.debugLocation = call.debugLocation
          let fenced = builder.call(fence, [value])
          if indirect {
            let store = builder.store(fenced, to: arguments[0]).asInstruction!
            store.alignment =
              arguments[0].asInstruction.map { $0.opcode == LLVMAlloca ? $0.alignment : 1 } ?? 1
          } else {
            call.value.replaceAllUses(with: fenced)
          }
          let name = call.value.name
          call.eraseFromParent()
          fenced.name = name
        }
      }
    }
  }

  /// What a call of inline assembly means: a rule, `.indirect` (an error where derivative data
  /// reaches it: what it computes cannot be seen), or inactive when no floating-point value goes in
  /// or comes out (barriers that take pointers, `cpuid`, `rdtsc`).
  static func semantics(of call: Instruction) -> CallSemantics {
    let constraints = constraints(of: call, keepingClobbers: false).joined(separator: ",")
    if let rule = rules[Template(text(of: call), constraints)] { return .rule(rule) }
    let floats = call.type.containsFloatingPoint || call.arguments.contains { $0.type.containsFloatingPoint }
    return floats ? .indirect : .inactive
  }

  /// The constraints of a call of inline assembly, one per operand (alternatives joined by `|`),
  /// then the clobbers (`~{…}`) if kept.
  private static func constraints(of call: Instruction, keepingClobbers: Bool) -> [String] {
    var length = 0
    let all =
      LLVMGetInlineAsmConstraintString(call.calledOperand.ref, &length).map {
        String(decoding: UnsafeRawBufferPointer(start: $0, count: length), as: UTF8.self)
      } ?? ""
    return all.split(separator: ",").map(String.init).filter { keepingClobbers || !$0.hasPrefix("~") }
  }

  /// The assembly text of a call of inline assembly.
  static func text(of call: Instruction) -> String {
    var length = 0
    guard let text = LLVMGetInlineAsmAsmString(call.calledOperand.ref, &length) else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
  }
}
