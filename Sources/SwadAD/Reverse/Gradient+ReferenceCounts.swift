// Reverse mode: the reference counts of Swift shadow objects.
import CLLVM
import LLVMBinding

/// A shadow object's reference count follows its primal's, as in forward mode, with one difference:
/// it does not reach zero before the gradient is done. The reverse sweep adds adjoints into the
/// shadows of objects the primal has released by then (a row replaced in a matrix, an array's old
/// buffer, a copy a helper made and dropped), so the forward sweep retains a shadow where the
/// primal is retained and, where the primal is released, registers the shadow's release on the
/// thread's release list (`swad.release.after`) as a counted record: released once per record when
/// the gradient is done, not once per block.
///
/// The counts must follow the primal's because the runtime's own functions, called on the shadows
/// as on the primals (`_consumeAndCreateNew`, the element copies), retain and release inside:
/// counting nothing, as before, a helper's copy of a caller's `[[Double]]` released the caller's
/// shadow array and the caller then read freed memory.
///
/// Shadows released elsewhere: an object whose release the combined gradient defers to its
/// allocation's reverse releases its shadow there (`heapShadows`); a stack object's shadow (heap
/// memory) is freed from the same list, after its counted releases.
extension GradientEmitter {
  /// Whether this function mirrors reference counts on shadows: not in an OpenMP parallel region,
  /// whose threads have release lists of their own (Swift code has no such regions).
  var mirrorsReferenceCounts: Bool { !derivative.signature.inParallelRegion }

  /// The forward sweep's mirror of `call` (a Swift retain or release the primal runs) on the shadow
  /// of the object it counts, in the current lane.
  ///
  /// An object without a shadow is its own (`shadowInForward`), counted as
  /// `SwiftRuntime.mirrorsOnPrimal` says; a shadow that is its primal at run time is not counted.
  func mirrorReferenceCount(_ call: Instruction) throws {
    guard mirrorsReferenceCounts, let name = call.calledFunction?.name,
      let change = SwiftRuntime.referenceCountChange(of: name), let object = call.arguments.first,
      object.type.isPointer, !object.isConstant,
      shadow(of: object) != nil || SwiftRuntime.mirrorsOnPrimal(call, counted: countedOnThemselves)
    else { return }
    if change == .destroyElements { return try destroyShadowElementsAfterGradient(call) }
    var times = 1
    if case .release = change, call.arguments.count > 1 {
      // `swift_release_n`: a constant count after the pre-AD simplification.
      guard let count = call.arguments[1].constantInt, count >= 0 else {
        throw ADError(
          "cannot differentiate this '\(name)': the number of references it drops is known only at run "
            + "time, and the shadow object's must drop by as many when the gradient is done", at: call)
      }
      times = Int(count)
    }
    let shadow = shadowInForward(object)
    let mirror = {
      switch change {
      case .retain:
        let made = call.cloneForDerivative()
        for index in 0..<made.operandCount { made.setOperand(index, self.map[call.operand(index)]) }
        made.setOperand(0, shadow)
        self.builder.insert(made)
      case .release(let releaser):
        self.registerCountedRelease(of: shadow, by: releaser, times: times)
      case .destroyElements:
        break
      }
    }
    // A shadow that is its primal at run time is the primal's memory, counted by the primal's
    // calls: a release mirrored on it would give back a reference no mirrored retain took (the
    // global array a helper's growth consumed).
    if self.shadow(of: object) != nil, constantShadows.contains(object) {
      builder.unlessConstantShadow(shadow, primal: map[object], mirror)
    } else {
      mirror()
    }
  }

  /// `swift_arrayDestroy(elements, count, type)` on a shadow array's elements (an array literal's
  /// storage at its end): the references they hold move to a block of their own, released when
  /// the gradient is done. Shadow elements that are the primal's (constant data) were released
  /// with them.
  private func destroyShadowElementsAfterGradient(_ call: Instruction) throws {
    let elements = call.arguments[0]
    guard shadow(of: elements) != nil else { return }
    let shadow = shadowInForward(elements)
    let count = builder.intCast(map[call.arguments[1]], to: i64, signed: false)
    let type = map[call.arguments[2]]
    let move = {
      // The element stride, from the type's value witness table (Swift's ABI: the table's address
      // is the word before the metadata; its stride follows 8 functions and the size).
      let witnesses = self.builder.load(
        self.tape.pointer, from: self.builder.gep(self.tape.i8, type, [Value.constInt(self.i64, -8)]))
      let stride = self.builder.load(
        self.i64, from: self.builder.gep(self.tape.i8, witnesses, [Value.constInt(self.i64, 72)]))
      let bytes = self.builder.mul(count, stride)
      let malloc = self.module.declareFunction(
        named: "malloc", type: .function(returning: self.tape.pointer, [self.i64]))
      let block = self.builder.call(
        malloc, [self.builder.add(bytes, Value.constInt(self.i64, 16))], "destroyed.elements")
      self.builder.store(count, to: block)
      self.builder.store(type, to: self.builder.gep(self.tape.i8, block, [Value.constInt(self.i64, 8)]))
      _ = self.builder.memcpy(
        self.builder.gep(self.tape.i8, block, [Value.constInt(self.i64, 16)]), shadow, length: bytes)
      let tagged = self.builder.gep(self.tape.i8, block, [Value.constInt(self.i64, -1)], "counted")
      self.tape.push(
        [tagged, self.tape.destroyElementsAfterGradient.value], tape: self.tape.shadowsReleasedAfterGradient,
        builder: self.builder)
    }
    if constantShadows.contains(elements) {
      builder.unlessConstantShadow(shadow, primal: map[elements], move)
    } else {
      move()
    }
  }

  /// A Swift object stored into memory that has no shadow (a global array, a field of a class
  /// instance passed as a constant): the primal's reference moves into that memory, and the
  /// shadow's, taken by the same mirrored retain or allocation, goes nowhere. Nothing released it:
  /// each gradient leaked the shadow (8 KB a call for a 1,000-element array kept in a global). Its
  /// release is registered for when the gradient is done, as the primal's would be when the memory
  /// lets the object go. A shadow that is its primal at run time is the primal's own reference.
  func releaseShadowStoredWithoutShadow(_ store: Instruction) {
    let value = store.operand(0)
    guard mirrorsReferenceCounts, value.type.isPointer, shadow(of: store.operand(1)) == nil,
      shadow(of: value) != nil, SwiftRuntime.isCountedObject(value)
    else { return }
    let shadow = shadowInForward(value)
    let release = { self.registerCountedRelease(of: shadow, by: "swift_release", times: 1) }
    if constantShadows.contains(value) {
      builder.unlessConstantShadow(shadow, primal: map[value], release)
    } else {
      release()
    }
  }

  /// Registers `times` releases of `shadow` by the one-argument `releaser`, run when the gradient is
  /// done.
  private func registerCountedRelease(of shadow: Value, by releaser: String, times: Int) {
    for _ in 0..<times { tape.registerCountedRelease(of: shadow, by: releaser, builder: builder) }
  }

  /// A stack object's shadow (heap memory the forward sweep made, `swift_initStackObject`'s slot)
  /// freed when the gradient is done, after the releases its retains registered.
  func registerStackObjectShadowFreedAfterGradient(_ shadow: Value) {
    let void = IRType.void(in: module.context)
    let free = module.declareFunction(named: "free", type: .function(returning: void, [tape.pointer]))
    tape.push([shadow, free.value], tape: tape.shadowsReleasedAfterGradient, builder: builder)
  }
}

extension TapeRuntime {
  /// `void @swad.array.destroy.after(ptr %block)`: releases what the elements in `block` hold
  /// (`{ i64 count, ptr type, elements... }`, made by `destroyShadowElementsAfterGradient`) with
  /// `swift_arrayDestroy`, and frees the block.
  var destroyElementsAfterGradient: Function {
    let name = "swad.array.destroy.after"
    if let made = module.function(named: name), !made.isDeclaration { return made }
    let void = IRType.void(in: context)
    let function = module.addFunction(named: name, type: .function(returning: void, [pointer]))
    function.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    b.position(atEndOf: function.appendBlock(named: "entry"))
    let block = function.parameter(0)
    let count = b.load(i64, from: block, "count")
    let type = b.load(pointer, from: b.gep(i8, block, [Value.constInt(i64, 8)]), "type")
    let destroy = module.declareFunction(
      named: "swift_arrayDestroy", type: .function(returning: void, [pointer, i64, pointer]))
    b.call(destroy, [b.gep(i8, block, [Value.constInt(i64, 16)]), count, type])
    let free = module.declareFunction(named: "free", type: .function(returning: void, [pointer]))
    b.call(free, [block])
    b.retVoid()
    return function
  }
}
