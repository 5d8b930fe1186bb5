// The derivative rules: one entry per operation family, read by forward and reverse mode alike.
//
// Each entry lists every spelling of the operation and its partial derivatives with respect to each
// operand, written with the primal operands (x, y, z) and the primal result. Forward mode computes
// Σ ∂result/∂xᵢ · ẋᵢ; reverse mode accumulates x̄ᵢ += ∂result/∂xᵢ · r̄. Adding a function is one line.
//
// At a kink the rule gives the derivative of the branch the primal takes (relu'(0) = 0 through
// `select`, fabs'(±0) = ±1 by the sign bit, fmin/fmax follow the operand returned); floor, ceil, trunc and round
// have derivative zero, as in Enzyme.

private let x = DerivativeExpr.operand(0)
private let y = DerivativeExpr.operand(1)
private let z = DerivativeExpr.operand(2)
private let result = DerivativeExpr.result
private func math(_ name: String, _ args: DerivativeExpr...) -> DerivativeExpr { .math(name, args) }
private func select(_ c: DerivativeExpr.Comparison, _ a: DerivativeExpr, _ b: DerivativeExpr) -> DerivativeExpr {
  .select(c, a, b)
}
private func equal(_ a: DerivativeExpr, _ b: DerivativeExpr) -> DerivativeExpr.Comparison {
  .init(lhs: a, relation: .eq, rhs: b)
}

/// The spellings of a unary or binary libm function: `name`, `namef`, `namel`, and the intrinsic.
private func spellings(_ name: String, intrinsic: Bool = true) -> [String] {
  [name, name + "f", name + "l"] + (intrinsic ? ["llvm." + name] : [])
}

enum RuleTable {
  static let ln2 = 0.693_147_180_559_945_309_417_232_121_458
  static let ln10 = 2.302_585_092_994_045_684_017_991_454_684
  static let twoOverSqrtPi = 1.128_379_167_095_512_573_896_158_903_121

  static let all: [DerivativeRule] = instructions + elementary + powers + exponents + trigonometric + hyperbolic
    + special + piecewise + remainders + complex + x86Vector + floatBits

  // MARK: - Instructions

  static let instructions: [DerivativeRule] = [
    .init(["fadd"], [1, 1]),
    .init(["fsub"], [1, -1]),
    .init(["fmul"], [y, x]),
    .init(["fdiv"], [1 / y, -result / y]),
    .init(["fneg"], [-1]),
    // frem(x, y) = x - y * trunc(x / y)
    .init(["frem"], [1, -math("trunc", x / y)]),
    // The value itself, kept from fast-math reassociation (what optimization barriers become).
    .init(["llvm.arithmetic.fence"], [1]),
  ]

  // MARK: - Exponentials, logarithms, roots

  static let elementary: [DerivativeRule] = [
    // sqrt'(0) is taken as 0, not infinity, so that norms of zero vectors have finite gradients.
    .init(spellings("sqrt"), [select(equal(x, 0), 0, 0.5 / result)]),
    .init(spellings("cbrt", intrinsic: false), [1 / (3 * result * result)]),
    .init(spellings("exp"), [result]),
    .init(spellings("exp2"), [.constant(ln2) * result]),
    .init(spellings("exp10"), [.constant(ln10) * result]),
    .init(spellings("expm1", intrinsic: false), [result + 1]),
    .init(spellings("log"), [1 / x]),
    .init(spellings("log2"), [1 / (x * .constant(ln2))]),
    .init(spellings("log10"), [1 / (x * .constant(ln10))]),
    .init(spellings("log1p", intrinsic: false), [1 / (1 + x)]),
  ]

  static let powers: [DerivativeRule] = [
    // ∂/∂y pow(x, y) = pow(x, y) · ln x, taken as 0 at x = 0 (where the primal is 0 or 1); NaN at
    // x < 0, so its term is 0 where y's derivative is.
    .init(
      spellings("pow"), [y * math("pow", x, y - 1), select(equal(x, 0), 0, result * math("log", x))],
      guarded: [1]),
    .init(["llvm.powi", "__powidf2", "__powisf2"], [.integerOperandAsFloat(1) * .powiOffset(base: x, exponentOperand: 1, offset: -1), nil]),
    .init(spellings("hypot", intrinsic: false), [x / result, y / result]),
    .init(["llvm.fma", "llvm.fmuladd", "fma", "fmaf", "fmal"], [y, x, 1]),
  ]

  // MARK: - Binary exponent and fraction

  static let exponents: [DerivativeRule] = [
    // ldexp(x, n) = x · 2ⁿ.
    .init(spellings("ldexp") + spellings("scalbn", intrinsic: false) + spellings("scalbln", intrinsic: false),
          [math("exp2", .integerOperandAsFloat(1)), nil]),
    // frexp(x, &e) = m with x = m · 2ᵉ: ∂m/∂x = 2⁻ᵉ = m / x exactly (1 at x = 0, where e = 0); the
    // exponent written through the pointer is an integer. llvm.frexp returns { m, e }.
    .init(spellings("frexp", intrinsic: false), [select(equal(x, 0), 1, result / x), nil],
          outputs: [.init(operand: 1, isInteger: true)]),
    .init(["llvm.frexp"], [select(equal(x, 0), 1, result / x)], resultElement: 0),
    // modf(x, &i) = x − trunc(x): the fraction has derivative 1, the integral part written through
    // the pointer derivative 0. llvm.modf returns { fraction, integral part }.
    .init(spellings("modf", intrinsic: false), [1, nil], outputs: [.init(operand: 1, isInteger: false)]),
    .init(["llvm.modf"], [1], resultElement: 0),
    // significand(x) = x · 2⁻ᵉ with e = logb(x): 2⁻ᵉ = result / x (1 at x = 0, as frexp).
    .init(spellings("significand", intrinsic: false), [select(equal(x, 0), 1, result / x)]),
    // nextafter(x, y) moves x by one unit towards y: the derivative of the identity in x.
    .init(spellings("nextafter", intrinsic: false), [1, 0]),
  ]

  // MARK: - Trigonometric

  static let trigonometric: [DerivativeRule] = [
    .init(spellings("sin"), [math("cos", x)]),
    .init(spellings("cos"), [-math("sin", x)]),
    .init(spellings("tan"), [1 + result * result]),
    .init(spellings("asin"), [1 / math("sqrt", 1 - x * x)]),
    .init(spellings("acos"), [-1 / math("sqrt", 1 - x * x)]),
    .init(spellings("atan"), [1 / (1 + x * x)]),
    // atan2(y, x): the first operand is y.
    .init(spellings("atan2"), [y / (x * x + y * y), -x / (x * x + y * y)]),
  ]

  static let hyperbolic: [DerivativeRule] = [
    .init(spellings("sinh"), [math("cosh", x)]),
    .init(spellings("cosh"), [math("sinh", x)]),
    .init(spellings("tanh"), [1 - result * result]),
    .init(spellings("asinh", intrinsic: false), [1 / math("sqrt", x * x + 1)]),
    .init(spellings("acosh", intrinsic: false), [1 / math("sqrt", x * x - 1)]),
    .init(spellings("atanh", intrinsic: false), [1 / (1 - x * x)]),
  ]

  // MARK: - Special functions

  static let special: [DerivativeRule] = [
    .init(spellings("erf", intrinsic: false), [.constant(twoOverSqrtPi) * math("exp", -(x * x))]),
    .init(spellings("erfc", intrinsic: false), [-.constant(twoOverSqrtPi) * math("exp", -(x * x))]),
    // Γ' = Γ · ψ and (ln |Γ|)' = ψ, with ψ the digamma function (Digamma.swift). lgamma_r writes
    // the sign of Γ(x) through its pointer.
    .init(spellings("tgamma", intrinsic: false), [result * math("digamma", x)]),
    .init(spellings("lgamma", intrinsic: false), [math("digamma", x)]),
    .init(["lgamma_r", "lgammaf_r", "lgammal_r"], [math("digamma", x), nil], outputs: [.init(operand: 1, isInteger: true)]),
    // Bessel functions of the first and second kind, orders 0 and 1: J₀' = −J₁, Y₀' = −Y₁,
    // J₁' = J₀ − J₁/x (1/2 at 0), Y₁' = Y₀ − Y₁/x; and of any integer order.
    .init(spellings("j0", intrinsic: false), [-math("j1", x)]),
    .init(spellings("y0", intrinsic: false), [-math("y1", x)]),
    .init(spellings("j1", intrinsic: false), [select(equal(x, 0), 0.5, math("j0", x) - result / x)]),
    .init(spellings("y1", intrinsic: false), [math("y0", x) - result / x]),
    // Integer orders n (the first operand): Jₙ' = (Jₙ₋₁ − Jₙ₊₁)/2, the same for Yₙ; regular at 0.
    .init(spellings("jn", intrinsic: false), [nil, 0.5 * (.orderedMath("jn", orderOperand: 0, offset: -1, y) - .orderedMath("jn", orderOperand: 0, offset: 1, y))]),
    .init(spellings("yn", intrinsic: false), [nil, 0.5 * (.orderedMath("yn", orderOperand: 0, offset: -1, y) - .orderedMath("yn", orderOperand: 0, offset: 1, y))]),
  ]

  // MARK: - Remainders: x − n·y with an integer quotient n, piecewise constant

  static let remainders: [DerivativeRule] = [
    // fmod rounds the quotient toward zero (as frem does), remainder to nearest, ties to even.
    .init(spellings("fmod", intrinsic: false), [1, -math("trunc", x / y)]),
    .init(spellings("remainder", intrinsic: false), [1, -math("roundeven", x / y)]),
    .init(spellings("remquo", intrinsic: false), [1, -math("roundeven", x / y), nil],
          outputs: [.init(operand: 2, isInteger: true)]),
  ]

  // MARK: - Piecewise: kinks take the branch the primal takes

  static let piecewise: [DerivativeRule] = [
    // The sign bit decides, as in Enzyme: +1 at +0.0, −1 at −0.0 (so fabs(-t*t) is t*t twice over).
    .init(spellings("fabs"), [math("copysign", 1, x)]),
    // copysign(x, y) = |x| · sign(y): ∂/∂x = sign(x)·sign(y), ∂/∂y = 0.
    .init(spellings("copysign"), [math("copysign", 1, x) * math("copysign", 1, y), 0]),
    .init(spellings("fmin") + ["llvm.minnum", "llvm.minimum", "llvm.minimumnum"], [select(x <= y, 1, 0), select(x <= y, 0, 1)]),
    .init(spellings("fmax") + ["llvm.maxnum", "llvm.maximum", "llvm.maximumnum"], [select(x >= y, 1, 0), select(x >= y, 0, 1)]),
    .init(spellings("fdim", intrinsic: false), [select(x > y, 1, 0), select(x > y, -1, 0)]),
    .init(spellings("floor") + spellings("ceil") + spellings("trunc") + spellings("round")
      + spellings("rint") + spellings("nearbyint") + ["llvm.roundeven", "roundeven", "roundevenf"]
      + spellings("logb", intrinsic: false), [0]),
  ]

  // MARK: - Vector reductions

  /// `llvm.vector.reduce.*` of float vectors, which the loop vectorizer makes of a sum (with
  /// fast-math's reassociation), a product, or a maximum or minimum (`fmax` in a loop, at plain -O2),
  /// as rules over the lanes (`elementPartials`: the start value is scalar 0 where there is one,
  /// lane i is scalar i + 1). One rule per lane count and element type, 2 to 64 lanes for sums (the
  /// vectorizer interleaves 4 vectors of 8 or 16 lanes, and SLP makes odd widths such as 20), 2 to
  /// 32 for the others (whose partials grow with the square of the lanes).
  /// fadd(s, v) = s + Σ vᵢ: every partial 1. fmul(s, v) = s · Π vᵢ: the product of the others.
  /// fmax and fmin (and fmaximum, fminimum) return one lane: its partial is 1, the others' 0; on a
  /// tie the first lane equal to the result takes it (as the scalar fmax rule gives a tie to its
  /// first operand).
  ///
  /// Made for the name asked, not listed with the others: the 250 of them, quadratic in the lanes,
  /// were most of the cost of building the table, which every run of swad-opt paid (27 M
  /// instructions, a quarter of `swad-opt -O0` on the sine fit) for intrinsics few modules have.
  static func vectorReduction(named name: String) -> DerivativeRule? {
    let prefix = "llvm.vector.reduce."
    guard name.hasPrefix(prefix) else { return nil }
    let parts = name.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].hasPrefix("v"), let f = parts[1].firstIndex(of: "f"),
      let lanes = Int(parts[1][parts[1].index(after: parts[1].startIndex)..<f]), lanes >= 2,
      ["f64", "f32"].contains(parts[1][f...])
    else { return nil }
    let operands = (0...lanes).map { DerivativeExpr.operand($0) }
    switch parts[0] {
    case "fadd" where lanes <= 64:
      return DerivativeRule([name], elementPartials: [Array(repeating: 1, count: lanes + 1)])
    case "fmul" where lanes <= 32:
      let products = (0...lanes).map { skipped -> DerivativeExpr? in
        let others = operands.enumerated().filter { $0.offset != skipped }.map(\.element)
        return others.dropFirst().reduce(others[0], *)
      }
      return DerivativeRule([name], elementPartials: [products])
    case "fmax", "fmin", "fmaximum", "fminimum":
      guard lanes <= 32 else { return nil }
      // Lane i takes the derivative when it equals the result and no lane before it does.
      let lane = operands.dropLast()  // no start value: lane i is operand i
      let chosen = (0..<lanes).map { i -> DerivativeExpr? in
        (0..<i).reversed().reduce(select(equal(lane[i], result), 1, 0)) { later, j in
          select(equal(lane[j], result), 0, later)
        }
      }
      return DerivativeRule([name], elementPartials: [chosen])
    default:
      return nil
    }
  }

  // MARK: - Operations on a float's bits that swad names (`Types/`)

  /// `swad.exponent.replaced(x, 2^e)`: x with its exponent field replaced by e's, the sign and
  /// significand kept (`ExponentReplacement`). For a normal x the result is x·2^(e−k), k its
  /// exponent: ∂/∂x = result / x. Below the smallest normal number the significand has no hidden
  /// bit and the result is sign(x)·2^e·(1 + |x|·2^m), m = 1022 (126 for float): ∂/∂x = 2^e·2^m,
  /// which is also the limit at ±0. The unit is a constant.
  static let floatBits: [DerivativeRule] = [
    .init(["swad.exponent.replaced.f64"],
          [select(.init(lhs: math("fabs", x), relation: .lt, rhs: 0x1p-1022), y * 0x1p1022, result / x), 0]),
    .init(["swad.exponent.replaced.f32"],
          [select(.init(lhs: math("fabs", x), relation: .lt, rhs: 0x1p-126), y * 0x1p126, result / x), 0]),
  ]

  // MARK: - Complex numbers (C99 <complex.h>, std::complex, clang's multiply and divide libcalls)

  // On x86-64 a `double _Complex` is passed as two doubles and returned as { double, double }; a
  // `float _Complex` is passed and returned as <2 x float>. Long double complex goes through memory
  // and has no rules. Operand scalars: u = x0 + i·x1 and, for binary functions, v = x2 + i·x3;
  // f = result[0] + i·result[1].

  private static let u = ComplexExpr(.operand(0), .operand(1))
  private static let v = ComplexExpr(.operand(2), .operand(3))
  private static let f = ComplexExpr(.resultPart(0), .resultPart(1))

  /// A holomorphic function: f'(z) = a + bi for each complex operand gives the real Jacobian
  /// [[a, −b], [b, a]] of (re f, im f) with respect to (re z, im z).
  private static func holomorphic(_ name: String, _ derivatives: [ComplexExpr]) -> DerivativeRule {
    holomorphic(spelled: [name, name + "f"], derivatives)
  }

  private static func holomorphic(spelled names: [String], _ derivatives: [ComplexExpr]) -> DerivativeRule {
    var rows: [[DerivativeExpr?]] = [[], []]
    for d in derivatives {
      rows[0] += [d.re, -d.im]
      rows[1] += [d.im, d.re]
    }
    return DerivativeRule(names, elementPartials: rows)
  }

  static let complex: [DerivativeRule] = [
    // |z| = hypot(re, im); its gradient at 0 is taken as 0, as for sqrt.
    .init(["cabs", "cabsf"], elementPartials: [[select(equal(result, 0), 0, x / result), select(equal(result, 0), 0, y / result)]]),
    // arg z = atan2(im, re).
    .init(["carg", "cargf"], elementPartials: [[-y / (x * x + y * y), x / (x * x + y * y)]]),
    .init(["creal", "crealf"], elementPartials: [[1, 0]]),
    .init(["cimag", "cimagf"], elementPartials: [[0, 1]]),
    .init(["conj", "conjf"], elementPartials: [[1, 0], [0, -1]]),
    .init(["cproj", "cprojf"], elementPartials: [[1, 0], [0, 1]]),
    holomorphic("cexp", [f]),
    holomorphic("clog", [1 / u]),
    holomorphic("csqrt", [0.5 / f]),
    // u^v = exp(v log u): ∂/∂u = v·f/u, ∂/∂v = f·log u.
    holomorphic("cpow", [v * f / u, f * .log(u)]),
    holomorphic("csin", [.cos(u)]),
    holomorphic("ccos", [-.sin(u)]),
    holomorphic("ctan", [1 + f * f]),
    holomorphic("csinh", [.cosh(u)]),
    holomorphic("ccosh", [.sinh(u)]),
    holomorphic("ctanh", [1 - f * f]),
    // The inverse functions through their results: asin' = 1/√(1−z²) = 1/cos(asin z) on the
    // principal branches, and likewise for the others.
    holomorphic("casin", [1 / .cos(f)]),
    holomorphic("cacos", [-1 / .sin(f)]),
    holomorphic("catan", [1 / (1 + u * u)]),
    holomorphic("casinh", [1 / .cosh(f)]),
    holomorphic("cacosh", [1 / .sinh(f)]),
    holomorphic("catanh", [1 / (1 - u * u)]),
    // z·w and z/w, which clang calls when the inline product or quotient is NaN (compiled without
    // -ffast-math): __muldc3(a, b, c, d) = (a + bi)(c + di).
    holomorphic(spelled: ["__muldc3", "__mulsc3"], [v, u]),
    holomorphic(spelled: ["__divdc3", "__divsc3"], [1 / v, -f / v]),
  ]

  // MARK: - x86 vector intrinsics that survive as calls (Eigen's packet reductions with AVX)

  /// Horizontal add and subtract (`haddpd`, `hsubps`, …): within each 128-bit block, the adjacent
  /// pairs of the first operand, then those of the second, added (or the second of each pair
  /// subtracted). Linear, so the partials are constants, per result lane.
  private static func horizontal(_ name: String, elements n: Int, perBlock: Int, subtract: Bool) -> DerivativeRule {
    var rows: [[DerivativeExpr?]] = []
    for block in 0..<(n / perBlock) {
      for source in 0..<2 {
        for pair in 0..<(perBlock / 2) {
          var row = [DerivativeExpr?](repeating: nil, count: 2 * n)
          let first = source * n + block * perBlock + 2 * pair
          row[first] = .constant(1)
          row[first + 1] = .constant(subtract ? -1 : 1)
          rows.append(row)
        }
      }
    }
    return DerivativeRule([name], elementPartials: rows)
  }

  static let x86Vector: [DerivativeRule] = {
    var rules: [DerivativeRule] = []
    for op in ["hadd", "hsub"] {
      let subtract = op == "hsub"
      rules.append(horizontal("llvm.x86.sse3." + op + ".pd", elements: 2, perBlock: 2, subtract: subtract))
      rules.append(horizontal("llvm.x86.sse3." + op + ".ps", elements: 4, perBlock: 4, subtract: subtract))
      rules.append(horizontal("llvm.x86.avx." + op + ".pd.256", elements: 4, perBlock: 2, subtract: subtract))
      rules.append(horizontal("llvm.x86.avx." + op + ".ps.256", elements: 8, perBlock: 4, subtract: subtract))
    }
    // SSE4.1/AVX rounding of packed values (`_mm256_round_pd`: Eigen's AVX floor, ceil and round,
    // behind its vectorized exp): piecewise constant; the mode is an integer immediate.
    rules.append(DerivativeRule(
      ["llvm.x86.sse41.round.pd", "llvm.x86.sse41.round.ps", "llvm.x86.avx.round.pd.256",
       "llvm.x86.avx.round.ps.256"], [0, nil]))
    // Approximate reciprocal square roots and reciprocals of packed floats (`_mm_rsqrt_ps`: Eigen's
    // float sqrt and rsqrt under EIGEN_FAST_MATH, followed by a Newton step). The partials are the
    // exact function's at the approximate result; the Newton step after it cancels their error to
    // first order, as it does the value's. (`.ss` forms copy the upper lanes: not elementwise.)
    rules.append(DerivativeRule(
      ["llvm.x86.sse.rsqrt.ps", "llvm.x86.avx.rsqrt.ps.256"], [-0.5 * result * result * result]))
    rules.append(DerivativeRule(["llvm.x86.sse.rcp.ps", "llvm.x86.avx.rcp.ps.256"], [-(result * result)]))
    // blendv(a, b, mask): b where the mask lane's sign bit is set, else a (`_mm256_blendv_pd`:
    // Eigen's AVX pselect). A comparison's all-ones mask is a NaN with its sign set, so the sign is
    // read with copysign, not with a comparison.
    let signSet = DerivativeExpr.Comparison(lhs: math("copysign", 1, z), relation: .lt, rhs: 0)
    rules.append(DerivativeRule(
      ["llvm.x86.sse41.blendvpd", "llvm.x86.sse41.blendvps", "llvm.x86.avx.blendv.pd.256",
       "llvm.x86.avx.blendv.ps.256"], [select(signSet, 0, 1), select(signSet, 1, 0), nil]))
    // Packed maximum and minimum (`_mm_max_pd`, `_mm256_min_ps`): `a > b ? a : b` lane by lane (`<`
    // for the minimum), b where either is NaN or both are zeros; the derivative follows the lane
    // returned, as for `fmax`. (`.sd`/`.ss` compare lane 0 and copy the others: not elementwise;
    // AVX-512's take a rounding operand.) Before, a call was an error.
    for (op, relation) in [("max", DerivativeExpr.Relation.gt), ("min", .lt)] {
      let first = DerivativeExpr.Comparison(lhs: x, relation: relation, rhs: y)
      rules.append(DerivativeRule(
        ["llvm.x86.sse2.\(op).pd", "llvm.x86.sse.\(op).ps", "llvm.x86.avx.\(op).pd.256",
         "llvm.x86.avx.\(op).ps.256"], [select(first, 1, 0), select(first, 0, 1)]))
    }
    return rules
  }()
}
