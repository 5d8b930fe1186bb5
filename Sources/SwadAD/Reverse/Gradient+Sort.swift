// Reverse mode, sorts of the C library (`Rules/Sort`): the forward sweep applies the order it
// finds to the array and its shadows and keeps it; the reverse sweep undoes it on the shadows.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// `qsort(base, …)` on memory with a shadow, forward: the order found with the program's
  /// comparison (`SortRuntime.order`) is applied to the array and to each lane's shadow (which holds
  /// the caller's seeds and, for pointers, their shadows: they move with their elements), and is
  /// kept for the reverse sweep.
  func visitSortForward(_ call: Instruction, _ routine: SortRoutine) {
    let base = call.arguments[routine.base]
    guard hasShadow(base) else {
      copyPrimal(call)
      return
    }
    let runtime = SortRuntime(module: module)
    let (order, count, size) = runtime.sortPrimal(call, routine, builder: builder) { self.map[$0] }
    forEachLane {
      let shadow = shadowInForward(base)
      let move = {
        runtime.permute(shadow, count: count, size: size, order: order, inverse: false, builder: self.builder)
      }
      if constantShadows.contains(base) {
        builder.unlessConstantShadow(shadow, primal: map[base], move)
      } else {
        move()
      }
    }
    auxiliaries[call.value] = order
  }

  /// The sort backwards: element k's adjoint goes back to the place order[k] the element came from
  /// (the shadow holds the seeds the caller gave, moved by the forward sweep, plus the adjoints
  /// added since); then the order is released.
  func reverseSort(_ call: Instruction, _ routine: SortRoutine, in block: BasicBlock) {
    let base = call.arguments[routine.base]
    guard hasShadow(base) else { return }
    let runtime = SortRuntime(module: module)
    let order = primalOfAuxiliary(call, at: block)
    let count = runtime.sizeValue(primalInReverse(call.arguments[routine.count], at: block), builder: builder)
    let size = runtime.sizeValue(primalInReverse(call.arguments[routine.size], at: block), builder: builder)
    forEachLane {
      unlessConstantShadow(of: base, at: block) {
        runtime.permute(
          shadowInReverse(base, at: block), count: count, size: size, order: order, inverse: true,
          builder: builder)
      }
    }
    builder.call(runtime.free, [order])
  }
}
