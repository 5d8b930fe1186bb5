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
  /// A word that is an address (`keepsBits`) is read as it is, as a pointer is.
  func loadThroughShadow(
    _ type: IRType, shadow: Value, primal: Value, alignment: UInt32, keepsBits: Bool = false
  ) -> Value {
    let loaded = load(type, from: shadow)
    Instruction(loaded.ref).alignment = alignment
    guard !type.containsPointer, !keepsBits else { return loaded }
    return select(isConstantShadow(shadow, primal: primal), Value.null(type), loaded)
  }

  /// Stores `value` through `shadow` unless the shadow is the primal, in which case `primalValue`
  /// (what the primal memory holds, or has just been given) is stored back instead.
  func storeThroughShadow(
    _ value: Value, orPrimal primalValue: Value, shadow: Value, primal: Value,
    alignment: UInt32
  ) {
    let chosen = select(isConstantShadow(shadow, primal: primal), primalValue, value)
    let made = store(chosen, to: shadow)
    Instruction(made.ref).alignment = alignment
  }

  /// Runs `body` only when `shadow` is not its primal (a memset or memcpy of derivative bytes, a free
  /// of a shadow); the builder continues after it.
  func unlessConstantShadow(_ shadow: Value, primal: Value, _ body: () -> Void) {
    let function = insertBlock.parent
    let then = function.appendBlock(named: "shadow.active")
    let done = function.appendBlock(named: "shadow.done")
    then.moveAfter(insertBlock)
    done.moveAfter(then)
    condBr(isConstantShadow(shadow, primal: primal), done, then)
    position(atEndOf: then)
    body()
    br(done)
    position(atEndOf: done)
  }

  /// `body`'s value when `shadow` is not its primal, `otherwise` when it is: a call mirrored on
  /// shadows that returns the shadow's new storage (Swift's `_consumeAndCreateNew` returns the
  /// array's new buffer), whose result on constant data is the primal's own. Merged through a stack
  /// slot rather than a phi: the unwinding paths split the blocks of calls made here later.
  func unlessConstantShadow(_ shadow: Value, primal: Value, otherwise: Value, _ body: () -> Value) -> Value {
    let current = insertBlock
    position(before: current.parent.entryBlock!.firstInstruction!)
    let slot = alloca(otherwise.type, "shadow.result")
    position(atEndOf: current)
    store(otherwise, to: slot)
    unlessConstantShadow(shadow, primal: primal) { store(body(), to: slot) }
    return load(otherwise.type, from: slot)
  }
}

extension Builder {
  /// Runs `constant` when `shadow` is its primal and `active` otherwise; the builder continues after.
  func branchOnConstantShadow(_ shadow: Value, primal: Value, constant: () -> Void, active: () -> Void) {
    let function = insertBlock.parent
    let whenConstant = function.appendBlock(named: "shadow.constant")
    let whenActive = function.appendBlock(named: "shadow.active")
    let done = function.appendBlock(named: "shadow.done")
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
