// Reading and writing through a shadow that may equal its primal (`ConstantShadows`): the checks
// both modes emit, branch-free where the access allows it.
import CLLVM
import LLVMBinding

extension Builder {
  /// Whether `shadow` stands for constant data: it is the primal pointer itself.
  func isConstantShadow(_ shadow: Value, primal: Value) -> Value {
    icmp(LLVMIntEQ, shadow, primal, "shadow.is.primal")
  }

  /// A tangent or adjoint read through `shadow`: zero when the shadow is the primal (constant data
  /// has no derivative). The load itself is safe either way: both pointers address valid memory.
  /// Pointers read through it need no check: constant memory's pointers are their own shadows.
  func loadThroughShadow(_ type: IRType, shadow: Value, primal: Value, alignment: UInt32) -> Value {
    let loaded = load(type, from: shadow)
    Instruction(loaded.ref).alignment = alignment
    guard !type.containsPointer else { return loaded }
    return select(isConstantShadow(shadow, primal: primal), Value.null(type), loaded)
  }

  /// Stores `value` through `shadow` unless the shadow is the primal, in which case `primalValue`
  /// (what the primal memory holds, or has just been given) is stored back instead.
  func storeThroughShadow(_ value: Value, orPrimal primalValue: Value, shadow: Value, primal: Value,
                          alignment: UInt32) {
    let chosen = select(isConstantShadow(shadow, primal: primal), primalValue, value)
    let made = store(chosen, to: shadow)
    Instruction(made.ref).alignment = alignment
  }

  /// Runs `body` only when `shadow` is not its primal (a memset or memcpy of derivative bytes, a free
  /// of a shadow); the builder continues after it.
  func unlessConstantShadow(_ shadow: Value, primal: Value, _ body: () -> Void) {
    let function = insertBlock.parent
    let then = function.appendBlock(named: "shadow.active"), done = function.appendBlock(named: "shadow.done")
    then.moveAfter(insertBlock)
    done.moveAfter(then)
    condBr(isConstantShadow(shadow, primal: primal), done, then)
    position(atEndOf: then)
    body()
    br(done)
    position(atEndOf: done)
  }
}

extension Builder {
  /// Runs `constant` when `shadow` is its primal and `active` otherwise; the builder continues after.
  func branchOnConstantShadow(_ shadow: Value, primal: Value, constant: () -> Void, active: () -> Void) {
    let function = insertBlock.parent
    let whenConstant = function.appendBlock(named: "shadow.constant")
    let whenActive = function.appendBlock(named: "shadow.active"), done = function.appendBlock(named: "shadow.done")
    whenConstant.moveAfter(insertBlock)
    whenActive.moveAfter(whenConstant)
    done.moveAfter(whenActive)
    condBr(isConstantShadow(shadow, primal: primal), whenConstant, whenActive)
    position(atEndOf: whenConstant)
    constant()
    br(done)
    position(atEndOf: whenActive)
    active()
    br(done)
    position(atEndOf: done)
  }
}
