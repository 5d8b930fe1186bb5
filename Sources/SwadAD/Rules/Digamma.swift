// The digamma function ψ = Γ'/Γ, which libm lacks: the derivative of lgamma, and tgamma' = tgamma · ψ.
// Emitted once per module and float type as an internal function the rules call.
import CLLVM
import LLVMBinding

enum Digamma {
  /// `swad.digamma.<type>`, defined in `module` on first use. Accurate to a few ulps away from ψ's
  /// root near 1.4616 (where the relative error of any formula grows):
  ///
  ///   - x < 1/2 is reflected: ψ(x) = ψ(1 − x) − π / tan(πx), with πx reduced by its nearest integer;
  ///   - ψ(x) = ψ(x + 1) − 1/x moves x to [10, ∞) in at most ten steps (unrolled, branch-free);
  ///   - there, ψ(x) = ln x − 1/(2x) − Σₙ B₂ₙ / (2n x²ⁿ), n = 1…7; the next term is below 5e-17.
  static func function(in module: Module, type: IRType) -> Function {
    let name = "swad.digamma." + typeSuffix(type)
    if let existing = module.function(named: name), !existing.isDeclaration { return existing }
    let function = module.addFunction(named: name, type: .function(returning: type, [type]))
    function.linkage = LLVMInternalLinkage
    let builder = Builder(context: module.context)
    builder.position(atEndOf: function.appendBlock(named: "entry"))
    let math = MathLibrary(module: module, builder: builder)
    func c(_ value: Double) -> Value { Value.constReal(type, value) }
    let x = function.parameter(0)

    let reflect = builder.fcmp(LLVMRealOLT, x, c(0.5), "reflect")
    var z = builder.select(reflect, builder.fsub(c(1), x), x, "z")
    let reduced = builder.fsub(x, math.call("rint", [x], type: type))
    let cotangent = builder.fdiv(c(Double.pi), math.call("tan", [builder.fmul(c(Double.pi), reduced)], type: type))
    var sum = builder.select(reflect, builder.fneg(cotangent), c(0), "sum")
    for _ in 0..<10 {
      let small = builder.fcmp(LLVMRealOLT, z, c(10))
      sum = builder.fsub(sum, builder.select(small, builder.fdiv(c(1), z), c(0)))
      z = builder.select(small, builder.fadd(z, c(1)), z)
    }
    let t = builder.fdiv(c(1), builder.fmul(z, z))
    // t/12 − t²/120 + t³/252 − t⁴/240 + t⁵/132 − 691t⁶/32760 + t⁷/12, by Horner's rule.
    var series = builder.fdiv(t, c(12))
    for coefficient in [691.0 / 32760, 1.0 / 132, 1.0 / 240, 1.0 / 252, 1.0 / 120, 1.0 / 12] {
      series = builder.fsub(c(coefficient), builder.fmul(t, series))
    }
    series = builder.fmul(t, series)
    let asymptotic = builder.fsub(
      builder.fsub(math.call("log", [z], type: type), builder.fdiv(c(0.5), z)), series)
    builder.ret(builder.fadd(sum, asymptotic, "digamma"))
    return function
  }

  private static func typeSuffix(_ type: IRType) -> String {
    switch type.kind {
    case LLVMFloatTypeKind: return "f32"
    case LLVMDoubleTypeKind: return "f64"
    case LLVMX86_FP80TypeKind: return "f80"
    case LLVMFP128TypeKind: return "f128"
    case LLVMHalfTypeKind: return "f16"
    default: return "other"
    }
  }
}
