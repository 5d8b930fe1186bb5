// Forward mode, sorts of the C library (`Rules/Sort`): the order found once, applied to the array
// and to its tangents.
import CLLVM
import LLVMBinding

extension ForwardEmitter {
  /// `qsort(base, …)` on memory with tangents: the order of the elements is found with the program's
  /// comparison (`SortRuntime.order`) and applied to the array and to each lane's tangent array, so
  /// that every tangent stays with its element.
  func emitSortForward(_ call: Instruction, _ routine: SortRoutine) throws {
    let base = call.arguments[routine.base]
    guard hasTangent(base) else {
      copyPrimal(call)
      return
    }
    if generator.split != nil {
      // The split tangent function would sort the primal a second time.
      throw ADError(
        "cannot differentiate '\(routine.name)' of active data with __enzyme_fwdsplit: use __enzyme_fwddiff, "
          + "or sort outside the differentiated function", at: call)
    }
    let runtime = SortRuntime(module: module)
    let (order, count, size) = runtime.sortPrimal(call, routine, builder: builder) { self.map[$0] }
    forEachActiveShadow(of: base) { shadow in
      runtime.permute(shadow, count: count, size: size, order: order, inverse: false, builder: self.builder)
    }
    builder.call(runtime.free, [order])
  }
}
