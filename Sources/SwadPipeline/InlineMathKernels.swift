// swad's own math functions, written out as arithmetic in place of the calls: what
// `--vector-library=swad` gives the vectorizers instead of a library's vector functions.
import CLLVM
import LLVMBinding

/// Math functions that swad expands in place of their calls, as branch-free arithmetic on the
/// call's own type (a double, a float, or a vector of either).
///
/// A loop that calls `tanh` once per element runs at the speed of the library's function: on this
/// project's machine, for 262 144 elements, glibc's scalar `tanh` took 2.5 ms, libmvec's vector
/// versions 1.2 ms (two lanes) and 0.61 ms (four), XLA's own `tanh` 0.24–0.29 ms; in the MLP
/// benchmarks `tanh` was most of the primal's time and a third of the gradient's. The arithmetic
/// below has no branch and no call, so the loop vectorizer widens it to whatever the target has
/// (two, four or eight lanes, with FMA where there is one), on every target, including those
/// without libmvec: 1.3 ms with SSE2's two lanes, 0.24 ms with AVX2's four. `exp`: 0.20 ms with
/// AVX2, glibc's scalar 1.35 ms.
///
/// Accuracy, against the long double functions (Runtime/Driver/vector-library-swad.c): `tanh`
/// within 2.5 ulp (glibc's scalar `tanh` measured 2.1), `exp` within 1 ulp over its whole finite
/// range, subnormal results included (glibc's 0.51); their float versions are computed in double
/// and rounded once, within 0.51 ulp. IEEE's special values (±0, ±∞, NaN, overflow to ∞,
/// underflow to 0) come out as the library's do. The kernels never set `errno`.
enum InlineMathKernels {
  /// A kernel: its arithmetic, and whether the library's function may set `errno` (as `exp` does
  /// on overflow): such a call is replaced only where it is free of side effects (`-fno-math-errno`,
  /// or the intrinsic), as the vectorizers would call a vector function only there.
  struct Kernel: Sendable {
    var emit: @Sendable (KernelEmitter, Value) -> Value
    var mayWriteErrno: Bool
  }

  /// The kernels by the C name of the double function.
  static let kernels: [String: Kernel] = [
    "tanh": Kernel(emit: { $0.tanh($1) }, mayWriteErrno: false),
    "exp": Kernel(emit: { $0.exp($1) }, mayWriteErrno: true),
  ]

  /// The kernel of the function of C name `name` (`tanh`, `tanhf`), if it has one.
  static func kernel(named name: String) -> Kernel? {
    kernels[name] ?? (name.hasSuffix("f") ? kernels[String(name.dropLast())] : nil)
  }

  /// Replaces every call in `module` of a function that has a kernel (its C name, `tanhf` for
  /// floats, or its intrinsic, `llvm.tanh.v4f64` included) with the kernel's arithmetic. Returns
  /// the number of calls replaced.
  @discardableResult
  static func expandCalls(in module: Module) -> Int {
    var expanded = 0
    let builder = Builder(context: module.context)
    for function in module.functions where !function.isDeclaration {
      for block in function.blocks {
        for call in block.instructions where call.opcode == LLVMCall {
          guard let callee = call.calledFunction,
            let scalar = VectorLibrary.scalarFunction(callee, call: call), scalar.arity == 1,
            let kernel = kernels[scalar.name],
            !kernel.mayWriteErrno || !ScalarMathInLoops.mayWriteMemory(call, callee: callee)
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
  /// come out right: the first product is exact, the second rounds only for a subnormal result.
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

  /// expm1(y) for y in [−40, 0] (2^n stays a normal number): expm1(y) = 2^n · expm1(r) + (2^n − 1),
  /// where both terms are exact but for expm1(r), and the sum rounds once.
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
    let shifter = real(0x1.8p52, like: y)
    let shifted = builder.fadd(builder.fmul(y, real(0x1.71547652b82fep0, like: y)), shifter)
    let nReal = builder.fsub(shifted, shifter)
    // ln 2 in two parts, the first with 21 trailing zero bits: n·ln2High is exact for |n| < 2^20.
    let ln2High = 0x1.62e42feep-1
    let ln2Low = 0x1.a39ef35793c76p-33
    let r = builder.fsub(
      builder.fsub(y, builder.fmul(nReal, real(ln2High, like: y))), builder.fmul(nReal, real(ln2Low, like: y))
    )
    let integers = integerType(like: y)
    let n = builder.sub(
      builder.bitCast(shifted, to: integers), .constInt(integers, Int64(bitPattern: (0x1.8p52).bitPattern)))
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
