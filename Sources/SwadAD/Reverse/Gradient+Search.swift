// Reverse mode: calls that find an address in an argument's memory (`Rules/SearchRoutines.swift`).
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// A search forward: the library's call, and the address it finds (returned, or written through
  /// an argument) has its shadow at the same place of the searched memory's shadow, or is its own
  /// when that memory has none. There is nothing to do backwards.
  func visitSearchForward(_ call: Instruction, _ routine: SearchRoutine) {
    copyPrimal(call)
    let base = call.arguments[routine.base]
    let shadowBase = { self.hasShadow(base) ? self.shadowInForward(base) : self.map[base] }
    if let through = routine.writtenThrough {
      let slot = call.arguments[through]
      guard hasShadow(slot) else { return }
      forEachLane {
        let store = {
          SearchRoutine.storeShadow(
            writtenThrough: self.map[slot], shadowSlot: self.shadowInForward(slot), base: self.map[base],
            shadowBase: shadowBase(), builder: self.builder, context: self.module.context)
        }
        if constantShadows.contains(slot) {
          builder.unlessConstantShadow(shadowInForward(slot), primal: map[slot], store)
        } else {
          store()
        }
      }
      return
    }
    guard activity.isVaried(call.value) else { return }
    forEachLane {
      shadows[call.value] = SearchRoutine.shadow(
        of: map[call.value], base: map[base], shadowBase: shadowBase(), builder: builder,
        context: module.context)
    }
  }
}
