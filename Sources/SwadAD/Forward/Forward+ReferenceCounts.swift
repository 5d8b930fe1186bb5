// Forward mode: Swift objects stored where their tangents cannot follow.
import CLLVM
import LLVMBinding

/// A tangent object's reference count follows its primal's (`Forward+Calls`, reference counting),
/// so both are freed together. A Swift object stored into memory that has no tangent (a global
/// array, a field of a class instance passed as a constant) breaks the pairing: the primal's
/// reference moves into that memory, and the tangent's, taken by the same mirrored retain or
/// allocation, goes nowhere. Nothing released it: each derivative call leaked the tangent (8 KB a
/// call for a 1,000-element array kept in a global).
///
/// The tangent cannot be released at the store: the code after it may still use it, retaining it
/// only later. Its release is registered on the thread's list of releases
/// (`TapeRuntime.shadowsReleasedAfterGradient`), which the derivative runs down to the mark it took
/// on entry at each return.
extension ForwardEmitter {
  /// Registers the release of the tangents of the object `store` writes into memory without a
  /// tangent (none where the tangent is the primal at run time: the primal's own reference).
  func releaseTangentStoredWithoutTangent(_ store: Instruction) {
    let value = store.operand(0)
    guard value.type.isPointer, !hasTangent(store.operand(1)), hasTangent(value),
      SwiftRuntime.isCountedObject(value)
    else { return }
    let tape = TapeRuntime(module: module)
    for lane in tangent(of: value) {
      let register = { tape.registerCountedRelease(of: lane, by: "swift_release", builder: self.builder) }
      if constantShadows.contains(value) {
        builder.unlessConstantShadow(lane, primal: map[value], register)
      } else {
        register()
      }
    }
    releasesStoredTangents = true
  }

  /// Once the body is emitted, where `releaseTangentStoredWithoutTangent` registered releases: the
  /// list's mark on entry, and its releases down to the mark before each return.
  func releaseStoredTangentsAtReturns() {
    guard releasesStoredTangents, let entry = derived.entryBlock, let first = entry.firstNonPhi else {
      return
    }
    let tape = TapeRuntime(module: module)
    builder.position(before: first)
    let mark = tape.releasedAfterGradientMark(builder: builder)
    for block in derived.blocks {
      guard let terminator = block.terminator, terminator.opcode == LLVMRet else { continue }
      builder.position(before: terminator)
      builder.call(tape.releaseShadowsAfterGradient, [mark])
    }
  }
}
