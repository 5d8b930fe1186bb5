// Forward mode: calls that find an address in an argument's memory (`Rules/SearchRoutines.swift`).
import CLLVM
import LLVMBinding

extension ForwardEmitter {
  /// A search: the library's call, and the address it finds (returned, or written through an
  /// argument) has its tangent at the same place of each lane's tangent of the searched memory, or
  /// is its own when that memory has none.
  func emitSearchForward(_ call: Instruction, _ routine: SearchRoutine) {
    let found = copyPrimal(call).value
    let base = call.arguments[routine.base]
    let shadowBases = hasTangent(base) ? tangent(of: base) : Array(repeating: map[base], count: width)
    if let through = routine.writtenThrough {
      let slot = call.arguments[through]
      guard hasTangent(slot) else { return }
      for (shadowSlot, shadowBase) in zip(tangent(of: slot), shadowBases) {
        let store = {
          SearchRoutine.storeShadow(
            writtenThrough: self.map[slot], shadowSlot: shadowSlot, base: self.map[base],
            shadowBase: shadowBase,
            builder: self.builder, context: self.module.context)
        }
        if constantShadows.contains(slot) {
          builder.unlessConstantShadow(shadowSlot, primal: map[slot], store)
        } else {
          store()
        }
      }
      return
    }
    guard activity.isVaried(call.value) else { return }
    tangents[call.value] = shadowBases.map { shadowBase in
      SearchRoutine.shadow(
        of: found, base: map[base], shadowBase: shadowBase, builder: builder, context: module.context)
    }
  }
}
