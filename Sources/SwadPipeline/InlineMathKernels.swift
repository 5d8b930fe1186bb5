// swad's own math functions, written out as arithmetic in place of the calls: what
// `--vector-library=swad` gives the vectorizers instead of a library's vector functions.
import CLLVM
import LLVMBinding

/// Math functions that swad expands in place of their calls, as branch-free arithmetic on the
/// call's own type (a double, a float, or a vector of either).
///
/// A loop that calls `tanh` once per element runs at the speed of the library's function. glibc's
/// scalar `tanh` takes about 10 ns a call on this project's machine, and libmvec's vector versions
/// 2.3 ns an element (two lanes) and 2.3 ns per four (four lanes): in the MLP benchmarks they were
/// most of the primal's time and a third of the gradient's, while XLA's own `tanh` took 1.1 ns an
/// element. The arithmetic below has no branch and no call, so the loop vectorizer widens it to
/// whatever the target has (two, four or eight lanes, with FMA where there is one), on every target,
/// including those without libmvec.
///
/// Each kernel is accurate to a few units in the last place (`tanh`: 2.6 ulp at most, measured
/// against `tanhl` on 10^7 points from 5e-324 to 20; glibc's scalar `tanh` measured 2.1 there),
/// keeps IEEE's special values (±0, ±∞, NaN) and never sets `errno` (glibc's `tanh` does not
/// either). A float function is computed in double and rounded once, which makes it correctly
/// rounded but in rare cases.
enum InlineMathKernels {
  /// The kernels by the C name of the double function.
  static let kernels: [String: @Sendable (KernelEmitter, Value) -> Value] = [
    "tanh": { $0.tanh($1) }
  ]

  /// Whether the function of C name `name` (`tanh`, `tanhf`) has a kernel.
  static func hasKernel(_ name: String) -> Bool {
    kernels[name] != nil || (name.hasSuffix("f") && kernels[String(name.dropLast())] != nil)
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
            let kernel = kernels[scalar.name]
          else { continue }
          builder.position(before: call)
          builder.debugLocation = call.debugLocation
          let emitter = KernelEmitter(module: module, builder: builder)
          let result = emitter.inDouble(call.arguments[0]) { kernel(emitter, $0) }
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

  /// expm1(y) for y in [−40, 0] (no overflow, no subnormal scale): with y = n·ln 2 + r, |r| ≤ ln 2 / 2,
  /// expm1(y) = 2^n · expm1(r) + (2^n − 1), where both terms are exact but for expm1(r) and the
  /// sum rounds once. expm1(r) is its Taylor series to r^13, whose next term is below 2^−56 of it.
  func expm1(_ y: Value) -> Value {
    // n = round(y / ln 2): adding 1.5·2^52 leaves n in the low bits of the sum, no conversion.
    let shifter = real(0x1.8p52, like: y)
    let shifted = builder.fadd(builder.fmul(y, real(0x1.71547652b82fep0, like: y)), shifter)
    let n = builder.fsub(shifted, shifter)
    // ln 2 in two parts, the first with 21 trailing zero bits: n·ln2High is exact for |n| < 2^20.
    let ln2High = 0x1.62e42feep-1
    let ln2Low = 0x1.a39ef35793c76p-33
    let r = builder.fsub(
      builder.fsub(y, builder.fmul(n, real(ln2High, like: y))), builder.fmul(n, real(ln2Low, like: y)))
    // expm1(r) = r + r²·(1/2! + r·(1/3! + … + r/13!)).
    var factorials: [Double] = [1, 1]
    for k in 2...13 { factorials.append(factorials[k - 1] * Double(k)) }
    var sum = real(1 / factorials[13], like: y)
    for k in stride(from: 12, through: 2, by: -1) {
      sum = multiplyAdd(sum, r, real(1 / factorials[k], like: y))
    }
    let expm1r = multiplyAdd(builder.fmul(r, r), sum, r)
    // 2^n from n's bits in the shifted sum: its bits minus the shifter's are n.
    let integers = integerType(like: y)
    let exponentBits = builder.add(
      builder.sub(
        builder.bitCast(shifted, to: integers), .constInt(integers, Int64(bitPattern: (0x1.8p52).bitPattern))),
      .constInt(integers, 1023))
    let scale = builder.bitCast(builder.shl(exponentBits, .constInt(integers, 52)), to: y.type)
    return multiplyAdd(scale, expm1r, builder.fsub(scale, real(1, like: y)))
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
