// The floating-point operations AD adds (partials, tangents, adjoints) and how they may be rounded.
import CLLVM
import LLVMBinding

/// A derivative's arithmetic is not the program's: no statement of the user's says how `x̄ += ȳ · w`
/// rounds, and the order of an adjoint's sum is already AD's own (`addFloats`). So it carries
/// `contract`: where the target has a fused multiply-add (`-march=haswell` and up), code generation
/// may join a product with the sum it feeds, as clang's default `-ffp-contract=on` lets it do within
/// one of the user's statements. In the batched Jacobian's reverse sweep (`benchmarks/
/// jacobian_batched.c`, native), each lane's `x̄[j] += W1[i][j] · h̄[i]` was a multiply and an add,
/// twice the floating-point instructions of the fused form; the gradient ran 17% faster fused.
///
/// The primal's own operations, which the forward sweep and recomputations repeat, keep their flags:
/// where the user's build does not fuse them (no `contract` or `fast` on them), the derivative
/// computes the values the primal computes, to the bit. Without FMA in the target (x86-64's
/// baseline), `contract` changes nothing.
enum DerivativeArithmetic {
  static let contract = LLVMFastMathFlags(LLVMFastMathAllowContract)
  /// An adjoint's sum (`Gradient.addFloats`): its order (`reassoc`) and the sign of a zero (`nsz`)
  /// are accidents of AD's order too.
  static let adjointSum = LLVMFastMathFlags(
    LLVMFastMathAllowReassoc | LLVMFastMathNoSignedZeros | LLVMFastMathAllowContract)
}

extension Builder {
  /// `a + b` in a derivative (`DerivativeArithmetic`).
  func derivativeFAdd(_ a: Value, _ b: Value, flags: LLVMFastMathFlags = DerivativeArithmetic.contract)
    -> Value
  {
    flagged(fadd(a, b), flags)
  }
  /// `a - b` in a derivative.
  func derivativeFSub(_ a: Value, _ b: Value) -> Value { flagged(fsub(a, b), DerivativeArithmetic.contract) }
  /// `a · b` in a derivative.
  func derivativeFMul(_ a: Value, _ b: Value) -> Value { flagged(fmul(a, b), DerivativeArithmetic.contract) }

  /// `*address += value`, the adjoint kept in memory (a shadow, a slot) growing by `value`.
  @discardableResult
  func accumulate(_ value: Value, into address: Value) -> Value {
    store(derivativeFAdd(load(value.type, from: address), value), to: address)
  }

  /// `value` with `flags`; a constant the builder folded has none.
  private func flagged(_ value: Value, _ flags: LLVMFastMathFlags) -> Value {
    value.asInstruction?.fastMathFlags = flags
    return value
  }
}
