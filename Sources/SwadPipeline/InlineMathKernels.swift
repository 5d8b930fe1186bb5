// swad's own math functions, written out as arithmetic in place of the calls: what
// `--vector-library=swad` gives the vectorizers instead of a library's vector functions.
import CLLVM
import LLVMBinding
import SwadAD

/// Math functions that swad expands in place of their calls, as branch-free arithmetic on the
/// call's own type (a double, a float, or a vector of either).
///
/// A loop that calls `tanh` once per element runs at the speed of the library's function: glibc's
/// scalar `tanh` and even libmvec's vector ones cost several times XLA's own `tanh`, which is
/// arithmetic the compiler vectorizes (README, "Vector math functions", has the figures). The
/// arithmetic below has no branch and no call, so the loop vectorizer widens it to whatever the
/// target has (two, four or eight lanes, with FMA where there is one), on every target, including
/// those without libmvec; `log` only on x86-64 with AVX2 or AVX-512, where it pays.
///
/// Accuracy, against the long double functions (Runtime/Driver/vector-library-swad.c): `tanh`
/// within 2.5 ulp (glibc's scalar `tanh` measured 2.1), `exp` within 1 ulp over its whole finite
/// range, subnormal results included (glibc's 0.51), `log` within 1 ulp over every binade (0.84
/// measured; glibc's 0.52); their float versions are computed in double and rounded once, within
/// 0.51 ulp. IEEE's special values (±0, ±∞, NaN, overflow to ∞, underflow to 0) come out as the
/// library's do. The kernels never set `errno`; replacing a `tanh` that may set it assumes the C
/// library's never does (glibc's, musl's and Darwin's do not).
enum InlineMathKernels {
  /// A kernel: its arithmetic, and whether the library's function may set `errno` (as `exp` does
  /// on overflow): such a call is replaced only where it is free of side effects (`-fno-math-errno`,
  /// or the intrinsic), as the vectorizers would call a vector function only there.
  struct Kernel: Sendable {
    var emit: @Sendable (KernelEmitter, Value) -> Value
    var mayWriteErrno: Bool
    /// Whether the kernel pays only with vectors of 256 bits or more (x86's AVX2): `log`, whose
    /// division and series took 1.55 ms for 262 144 elements with SSE2's two lanes, where glibc's
    /// scalar `log` took 1.35 (0.34 ms with AVX2's four).
    var needsWideVectors = false

    /// Whether the kernel is worth writing out in `function`: for one that needs wide vectors, the
    /// function's target has AVX2 or AVX-512 (AVX alone splits 256-bit integer operations in two and
    /// has no FMA; it was not measured).
    func pays(in function: Function) -> Bool {
      guard needsWideVectors else { return true }
      let isas = VectorFunction.ISA.available(
        features: function.stringAttributeValue("target-features") ?? "")
      return isas.contains(.avx2) || isas.contains(.avx512)
    }
  }

  /// The kernels by the C name of the double function.
  static let kernels: [String: Kernel] = [
    "tanh": Kernel(emit: { $0.tanh($1) }, mayWriteErrno: false),
    "exp": Kernel(emit: { $0.exp($1) }, mayWriteErrno: true),
    "log": Kernel(emit: { $0.log($1) }, mayWriteErrno: true, needsWideVectors: true),
  ]

  /// The kernel of the function of C name `name` (`tanh`, `tanhf`), if it has one.
  static func kernel(named name: String) -> Kernel? {
    kernels[name] ?? (name.hasSuffix("f") ? kernels[String(name.dropLast())] : nil)
  }

  /// Replaces the calls in `module` of the functions that have a kernel (by C name, `tanhf` for
  /// floats, or by intrinsic, `llvm.tanh.v4f64` included) with the kernel's arithmetic, where
  /// `mayReplace` allows. Returns the number of calls replaced.
  @discardableResult
  static func expandCalls(in module: Module) -> Int {
    var expanded = 0
    let builder = Builder(context: module.context)
    for function in module.functions where mayReplaceCalls(in: function) {
      for block in function.blocks {
        for call in block.instructions where call.opcode == LLVMCall {
          guard let callee = call.calledFunction,
            let scalar = MathCall.scalarFunction(callee, call: call), scalar.arity == 1,
            let kernel = kernels[scalar.name], mayReplace(call, of: callee, kernel: kernel, in: function)
          else { continue }
          builder.position(before: call)
          builder.debugLocation = call.debugLocation
          let emitter = KernelEmitter(module: module, builder: builder)
          let result = emitter.inDouble(call.arguments[0]) { kernel.emit(emitter, $0) }
          call.value.replaceAllUses(with: result)
          call.eraseFromParent()
          expanded += 1
        }
      }
    }
    return expanded
  }

  /// Whether calls in `function` may become kernels: not where code size comes first (a kernel is
  /// some 45 instructions), not in `optnone` code, which is to stay as written, and not in
  /// `strictfp` code, whose floating-point operations must be the constrained intrinsics.
  static func mayReplaceCalls(in function: Function) -> Bool {
    !function.isDeclaration
      && !["optsize", "minsize", "optnone", "strictfp"].contains { function.hasAttribute($0) }
      && function.stringAttributeValue("no-builtins") == nil
  }

  /// Whether `call` of `callee` may become `kernel`'s arithmetic:
  /// - the callee is the library's (a declaration) or LLVM's intrinsic, not a function of the
  ///   program's own that has the name;
  /// - nothing asks for the library's function itself (`nobuiltin`, clang's `-fno-builtin-tanh`);
  /// - the call has no operand bundles, which the arithmetic would lose, and no `strictfp`;
  /// - for a function that may set errno (`exp`, `log`), the call may not (`-fno-math-errno`);
  /// - for a kernel that needs wide vectors, the caller's target has them.
  static func mayReplace(_ call: Instruction, of callee: Function, kernel: Kernel, in caller: Function)
    -> Bool
  {
    guard callee.isDeclaration || callee.isIntrinsic, call.operandBundleCount == 0,
      !call.hasCallSiteFunctionAttribute("nobuiltin"), !call.hasCallSiteFunctionAttribute("strictfp")
    else { return false }
    if !callee.isIntrinsic, caller.stringAttributeValue("no-builtin-\(callee.name)") != nil { return false }
    guard kernel.pays(in: caller) else { return false }
    return !kernel.mayWriteErrno || !MathCall.mayWriteMemory(call, callee: callee)
  }
}

/// Emits a kernel's arithmetic at a builder's position, on doubles or vectors of doubles: constants
/// take the type of the value they combine with.
struct KernelEmitter {
  let module: Module
  let builder: Builder

  /// `body` of `x` computed in double: a float (or vector of floats) is extended first and the
  /// result rounded back once.
  func inDouble(_ x: Value, _ body: (Value) -> Value) -> Value {
    let type = x.type
    let element = type.isVector ? type.elementType : type
    guard element.kind == LLVMFloatTypeKind else { return body(x) }
    let double = IRType.double(in: module.context)
    let wide = type.isVector ? IRType.vector(of: double, count: type.vectorSize) : double
    return builder.fpCast(body(builder.fpCast(x, to: wide)), to: type)
  }

  /// tanh(x) = −t / (t + 2), where t = expm1(−2|x|), with the sign of x.
  ///
  /// The quotient loses nothing where tanh is small (t ≈ −2|x|, t + 2 ≈ 2), unlike 1 − 2/(e^2x + 1).
  /// |x| is clamped to 20 first: tanh rounds to 1 from about 19.1 on, and 2^n below stays a normal
  /// number. NaN passes through the clamp (the comparison is false) and through the arithmetic.
  func tanh(_ x: Value) -> Value {
    let type = x.type
    let magnitude = intrinsic("llvm.fabs", x)
    let clamped = builder.select(
      builder.fcmp(LLVMRealOGT, magnitude, real(20, like: x)), real(20, like: x), magnitude)
    let t = expm1(builder.fmul(clamped, real(-2, like: x)))
    let quotient = builder.fdiv(builder.fneg(t), builder.fadd(t, real(2, like: x)))
    return call(module.intrinsic("llvm.copysign", overloadedOn: [type])!, [quotient, x])
  }

  /// exp(x) = 2^n · (1 + expm1(r)), with x = n·ln 2 + r (`reduced`). 2^n is applied in two
  /// halves, each a normal number, so that results near the largest double and the subnormal ones
  /// come out right: the first product rounds 1 + expm1(r) (scaled exactly), the second is exact
  /// but for a subnormal result, which rounds twice (still within 1 ulp).
  /// x is clamped to [−746, 710] first, beyond which exp is 0 or ∞ all the same; NaN passes.
  func exp(_ x: Value) -> Value {
    let high = builder.select(builder.fcmp(LLVMRealOGT, x, real(710, like: x)), real(710, like: x), x)
    let clamped = builder.select(
      builder.fcmp(LLVMRealOLT, high, real(-746, like: x)), real(-746, like: x), high)
    let (n, r) = reduced(clamped)
    // n = first + second, first = ⌊n/2⌋: a logical shift of n biased to be positive.
    let integers = integerType(like: x)
    let bias: Int64 = 2048
    let first = builder.sub(
      builder.lshr(builder.add(n, .constInt(integers, bias)), .constInt(integers, 1)),
      .constInt(integers, bias / 2))
    let second = builder.sub(n, first)
    let firstPower = powerOfTwo(first)
    let scaled = multiplyAdd(expm1Polynomial(r), firstPower, firstPower)
    return builder.fmul(scaled, powerOfTwo(second))
  }

  /// log(x) = k·ln 2 + log(m), with x = 2^k·m and m in [√2/2, √2) (a subnormal x scaled by 2^52
  /// first): with f = m − 1 and s = f/(2 + f), log(m) = 2·atanh(s) = f − f²/2 + s·(f²/2 + R(s²)),
  /// where R(z) = 2z/3 + 2z²/5 + … + 2z^10/21, the series of atanh, whose next term is below 2^−60
  /// of log(m) for |s| ≤ 3 − 2√2. Written so that f, the largest part, is added last. Then the
  /// special cases by selection: log(+∞) = +∞, log(±0) = −∞, log of a negative number NaN, NaN.
  func log(_ x: Value) -> Value {
    let integers = integerType(like: x)
    func integer(_ value: UInt64) -> Value { .constInt(integers, Int64(bitPattern: value)) }
    let subnormal = builder.fcmp(LLVMRealOLT, x, real(0x1p-1022, like: x))
    let scaled = builder.select(subnormal, builder.fmul(x, real(0x1p52, like: x)), x)
    // Adding 2^0's exponent bits minus √2/2's moves every m ≥ √2 into the next binade; the
    // exponent field is then k + 1023, and the fraction bits plus √2/2's make m.
    let sqrtHalfBits: UInt64 = 0x3FE6_A09E_667F_3BCD
    let shiftedBits = builder.add(
      builder.bitCast(scaled, to: integers), integer(0x3FF0_0000_0000_0000 - sqrtHalfBits))
    let m = builder.bitCast(
      builder.add(builder.and(shiftedBits, integer(0x000F_FFFF_FFFF_FFFF)), integer(sqrtHalfBits)), to: x.type
    )
    // k as a double without a conversion: 2^52 + the exponent field, exactly, minus 2^52 and 1023.
    let field = builder.lshr(shiftedBits, integer(52))
    let fieldPlusTwo52 = builder.bitCast(builder.or(field, integer((0x1p52).bitPattern)), to: x.type)
    let bias = builder.select(subnormal, real(1023 + 52, like: x), real(1023, like: x))
    let k = builder.fsub(builder.fsub(fieldPlusTwo52, real(0x1p52, like: x)), bias)
    let f = builder.fsub(m, real(1, like: x))
    let halfSquare = builder.fmul(real(0.5, like: x), builder.fmul(f, f))
    let s = builder.fdiv(f, builder.fadd(real(2, like: x), f))
    let z = builder.fmul(s, s)
    var series = real(2.0 / 21, like: x)
    for j in stride(from: 9, through: 1, by: -1) {
      series = multiplyAdd(series, z, real(2.0 / Double(2 * j + 1), like: x))
    }
    series = builder.fmul(series, z)
    // k·ln2High − ((f²/2 − (s·(f²/2 + R) + k·ln2Low)) − f)
    let low = multiplyAdd(s, builder.fadd(halfSquare, series), builder.fmul(k, real(Self.ln2Low, like: x)))
    let logarithm = builder.fsub(
      builder.fmul(k, real(Self.ln2High, like: x)), builder.fsub(builder.fsub(halfSquare, low), f))
    // Special cases, the last selection the one that wins.
    let infinity = real(.infinity, like: x)
    var result = builder.select(builder.fcmp(LLVMRealOEQ, x, infinity), infinity, logarithm)
    result = builder.select(builder.fcmp(LLVMRealOEQ, x, real(0, like: x)), real(-.infinity, like: x), result)
    result = builder.select(builder.fcmp(LLVMRealOLT, x, real(0, like: x)), real(.nan, like: x), result)
    // A NaN is returned quieted (x + x), as the library's would be.
    return builder.select(builder.fcmp(LLVMRealUNO, x, x), builder.fadd(x, x), result)
  }

  /// expm1(y) for y in [−40, 0] (2^n stays a normal number): expm1(y) = 2^n · expm1(r) + (2^n − 1),
  /// where the scaling is exact, 2^n − 1 is exact for n ≥ −53 (below, expm1(y) rounds to −1 all
  /// the same), and the sum rounds once.
  func expm1(_ y: Value) -> Value {
    let (n, r) = reduced(y)
    let scale = powerOfTwo(n)
    return multiplyAdd(scale, expm1Polynomial(r), builder.fsub(scale, real(1, like: y)))
  }

  /// y = n·ln 2 + r with n an integer (an i64, or a vector of them) and |r| ≤ ln 2 / 2, for
  /// |y| < 2^20.
  func reduced(_ y: Value) -> (n: Value, r: Value) {
    // n = round(y / ln 2): adding 1.5·2^52 leaves n in the low bits of the sum, whose bits minus
    // the constant's are n; no conversion, whose result for NaN would be poison.
    let shifterValue = 0x1.8p52
    let log2e = 0x1.71547652b82fep0  // 1 / ln 2
    let shifter = real(shifterValue, like: y)
    let shifted = builder.fadd(builder.fmul(y, real(log2e, like: y)), shifter)
    let nReal = builder.fsub(shifted, shifter)
    let r = builder.fsub(
      builder.fsub(y, builder.fmul(nReal, real(Self.ln2High, like: y))),
      builder.fmul(nReal, real(Self.ln2Low, like: y))
    )
    let integers = integerType(like: y)
    let n = builder.sub(
      builder.bitCast(shifted, to: integers), .constInt(integers, Int64(bitPattern: shifterValue.bitPattern)))
    return (n, r)
  }

  /// expm1(r) for |r| ≤ ln 2 / 2: r + r²·(1/2! + r·(1/3! + … + r/13!)), the Taylor series, whose
  /// next term is below 2^−56 of the sum.
  func expm1Polynomial(_ r: Value) -> Value {
    var factorials: [Double] = [1, 1]
    for k in 2...13 { factorials.append(factorials[k - 1] * Double(k)) }
    var sum = real(1 / factorials[13], like: r)
    for k in stride(from: 12, through: 2, by: -1) {
      sum = multiplyAdd(sum, r, real(1 / factorials[k], like: r))
    }
    return multiplyAdd(builder.fmul(r, r), sum, r)
  }

  /// 2^n for integers n in [−1022, 1023], by the bits of a double.
  func powerOfTwo(_ n: Value) -> Value {
    let integers = n.type
    let exponent = builder.add(n, .constInt(integers, 1023))
    let double = IRType.double(in: module.context)
    let type = integers.isVector ? IRType.vector(of: double, count: integers.vectorSize) : double
    return builder.bitCast(builder.shl(exponent, .constInt(integers, 52)), to: type)
  }

  // MARK: - Helpers

  /// ln 2 in two parts, the first with 21 trailing zero bits: n·ln2High is exact for |n| < 2^21.
  static let ln2High = 0x1.62e42feep-1
  static let ln2Low = 0x1.a39ef35793c76p-33

  func real(_ value: Double, like other: Value) -> Value { .constReal(other.type, value) }

  /// The integers of a double's width, in the shape of `value` (scalar or vector).
  func integerType(like value: Value) -> IRType {
    let i64 = IRType.int(64, in: module.context)
    return value.type.isVector ? .vector(of: i64, count: value.type.vectorSize) : i64
  }

  /// a·b + c, fused where the target fuses (`llvm.fmuladd`).
  func multiplyAdd(_ a: Value, _ b: Value, _ c: Value) -> Value {
    call(module.intrinsic("llvm.fmuladd", overloadedOn: [a.type])!, [a, b, c])
  }

  func intrinsic(_ name: String, _ x: Value) -> Value {
    call(module.intrinsic(name, overloadedOn: [x.type])!, [x])
  }

  func call(_ function: Function, _ arguments: [Value]) -> Value { builder.call(function, arguments) }
}
