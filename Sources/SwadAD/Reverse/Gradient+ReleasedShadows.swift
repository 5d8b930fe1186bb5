// Reverse mode: shadows of heap blocks the primal frees away from where they were allocated.
import CLLVM
import LLVMBinding

/// A shadow heap block is released by the reverse sweep of its allocation when the same function
/// may free the primal (`heapShadows`): the reverse sweep of everything that used the block has run
/// by then. A block allocated in one function and freed in another (a `std::unordered_map` node
/// made by a callee and freed by the map's destructor, a string buffer a library call made, a
/// helper that frees its argument) has no such place. Its shadow is registered where the primal is
/// freed, on a thread's list of `{ shadow, release function }` records, and released when the whole
/// gradient is done (the combined gradient's end, or `__enzyme_reverse`'s). The reverse sweep puts
/// the C and C++ shadows it releases on the same list, since one block may be both (a map's
/// `operator[]` that may drop the node it made, and the map's destructor), and the list releases
/// each block once. Blocks the differentiated code does not free (returned to the caller) keep
/// their shadows, which may be held in the caller's shadow memory. An exception that aborts a
/// gradient forgets the list's new records (their blocks leak rather than risk a double release).
/// The list is per thread, so code in an OpenMP parallel region releases its shadows directly.
extension GradientEmitter {
  /// Registers the shadow of the block `call` (a `free`, `operator delete` or user deallocator)
  /// releases.
  func registerShadowReleasedAfterGradient(_ call: Instruction) {
    // The list is a thread's: the threads of a parallel region release as before.
    guard !derivative.signature.inParallelRegion, let pointer = call.arguments.first, pointer.type.isPointer,
      shadow(of: pointer) != nil,
      let release = shadowRelease(forDeallocator: call.calledFunction),
      // The reverse sweep of this function's own allocation registers that one.
      !heapShadows.contains(MemoryWrites.underlyingObject(pointer))
    else { return }
    let checked = CXXRuntime.isOperatorDelete(release.name) && isHeldInArgumentMemory(pointer)
    let register = {
      self.tape.push(
        [self.shadowInForward(pointer), release.value], tape: self.tape.shadowsReleasedAfterGradient,
        builder: self.builder)
      if checked { self.checkAdjointsLeftBehind(in: self.shadowInForward(pointer), freedBy: call) }
    }
    if constantShadows.contains(pointer) {
      builder.unlessConstantShadow(shadowInForward(pointer), primal: map[pointer], register)
    } else {
      register()
    }
  }

  /// The function that releases a shadow block a call of `deallocator` frees the primal of: the
  /// same function when it takes the pointer alone, the plain `operator delete` for its sized forms;
  /// nil for the aligned forms and Swift's deallocation (their shadows stay as before).
  private func shadowRelease(forDeallocator callee: Function?) -> Function? {
    guard let callee else { return nil }
    let pointer = tape.pointer
    let void = IRType.void(in: module.context)
    if generator.classifier.rules.deallocators.contains(callee) { return callee }
    // A C block's shadow may serve the next call (`ShadowBlocks`).
    if ["free", "swad.block.release"].contains(callee.name) { return ShadowBlocks.release(in: module) }
    guard CXXRuntime.isOperatorDelete(callee.name), !callee.name.containsBytes(of: "align_val_t") else {
      return nil
    }
    let plain = callee.name.hasPrefix("_ZdlPv") ? "_ZdlPv" : "_ZdaPv"
    return module.declareFunction(named: plain, type: .function(returning: void, [pointer]))
  }

  /// In the reverse sweep: hands the shadow `shadow`, to be released by `release` (a name from
  /// `freeShadow`), to the list when `release` is one the list knows; says whether it did.
  func releaseAfterGradient(_ shadow: Value, by release: String) -> Bool {
    guard !derivative.signature.inParallelRegion else { return false }
    let pointer = tape.pointer
    let void = IRType.void(in: module.context)
    let function =
      module.function(named: release)
      ?? module.declareFunction(named: release, type: .function(returning: void, [pointer]))
    guard let made = shadowRelease(forDeallocator: function) else { return false }
    tape.push([shadow, made.value], tape: tape.shadowsReleasedAfterGradient, builder: builder)
    return true
  }
}

extension TapeRuntime {
  /// `@swad.release.after`: a thread's tape of `{ shadow, release function }` records of shadow
  /// blocks whose primal the differentiated code freed, released when the gradient is done.
  var shadowsReleasedAfterGradient: Value { releaseList(named: Self.releasedAfterGradientList) }
  static let releasedAfterGradientList = "swad.release.after"

  /// Whether `call` reserves a record on `@swad.release.after` (`push` onto it).
  static func reservesReleaseRecord(_ call: Instruction) -> Bool {
    guard call.calledFunction?.name == reserveName, let list = call.arguments.first else { return false }
    return list.isGlobalVariable && list.name == releasedAfterGradientList
  }

  /// Registers a release of the Swift object `shadow` by the one-argument `releaser`
  /// (`swift_release`), run when the gradient is done: a counted record, released as often as it
  /// was registered.
  func registerCountedRelease(of shadow: Value, by releaser: String, builder: Builder) {
    let function = module.declareFunction(
      named: releaser, type: .function(returning: IRType.void(in: context), [pointer]))
    // Counted records are tagged: their pointer is one byte below the object (objects are at least
    // 8-byte aligned).
    let tagged = builder.gep(i8, shadow, [Value.constInt(i64, -1)], "counted")
    push([tagged, function.value], tape: shadowsReleasedAfterGradient, builder: builder)
  }

  /// The byte size of the records on `@swad.release.after` now: the mark a gradient releases down to.
  func releasedAfterGradientMark(builder: Builder) -> Value {
    bytes(of: shadowsReleasedAfterGradient, builder: builder)
  }

  /// `void @swad.release.after.run(i64 %mark)`: releases the blocks of the records of
  /// `@swad.release.after` above `mark`, each once (sorted by address, so that a block registered
  /// twice is seen twice in a row), and drops the records. A counted record (a Swift shadow
  /// object's release, `Gradient+ReferenceCounts`) is tagged by an address one byte below its
  /// object's: it is released as often as it was registered, before any record that frees a block.
  var releaseShadowsAfterGradient: Function {
    let name = "swad.release.after.run"
    if let made = module.function(named: name), !made.isDeclaration { return made }
    let list = shadowsReleasedAfterGradient
    let void = IRType.void(in: context)
    let i32 = IRType.int(32, in: context)
    let function = module.addFunction(named: name, type: .function(returning: void, [i64]))
    function.linkage = LLVMInternalLinkage
    function.addAttribute("noinline")
    let b = Builder(context: context)
    let entry = function.appendBlock(named: "entry")
    let loop = function.appendBlock(named: "loop")
    let body = function.appendBlock(named: "record")
    let counted = function.appendBlock(named: "counted")
    let once = function.appendBlock(named: "once")
    let release = function.appendBlock(named: "release")
    let next = function.appendBlock(named: "next")
    let done = function.appendBlock(named: "done")
    b.position(atEndOf: entry)
    let topField = b.gep(type, list, [Value.constInt(i32, 0), Value.constInt(i32, 1)])
    let base = b.load(pointer, from: list, "base")
    let start = b.gep(i8, base, [function.parameter(0)], "start")
    let count = b.udiv(
      b.sub(bytes(of: list, builder: b), function.parameter(0)), Value.constInt(i64, 16), "count")
    let qsort = module.declareFunction(
      named: "qsort", type: .function(returning: void, [pointer, i64, i64, pointer]))
    b.call(qsort, [start, count, Value.constInt(i64, 16), recordOrder.value])
    b.br(loop)
    b.position(atEndOf: loop)
    let index = b.phi(i64, "i")
    let previous = b.phi(pointer, "previous")
    b.condBr(b.icmp(LLVMIntULT, index.value, count), body, done)
    b.position(atEndOf: body)
    let record = b.gep(i8, start, [b.mul(index.value, Value.constInt(i64, 16))])
    let shadow = b.load(pointer, from: record, "shadow")
    let releaser = b.load(pointer, from: b.gep(i8, record, [Value.constInt(i64, 8)]), "release")
    let tag = b.and(b.cast(LLVMPtrToInt, shadow, to: i64), Value.constInt(i64, 1))
    b.condBr(b.icmp(LLVMIntNE, tag, Value.constInt(i64, 0)), counted, once)
    b.position(atEndOf: counted)
    b.call(
      type: IRType.function(returning: void, [pointer]), releaser,
      [b.gep(i8, shadow, [Value.constInt(i64, 1)])])
    b.br(next)
    b.position(atEndOf: once)
    b.condBr(b.icmp(LLVMIntEQ, shadow, previous.value), next, release)
    b.position(atEndOf: release)
    b.call(type: IRType.function(returning: void, [pointer]), releaser, [shadow])
    b.br(next)
    b.position(atEndOf: next)
    let kept = b.phi(pointer, "kept")
    kept.addIncoming([(previous.value, counted), (shadow, once), (shadow, release)])
    let following = b.add(index.value, Value.constInt(i64, 1))
    b.br(loop)
    index.addIncoming([(Value.constInt(i64, 0), entry), (following, next)])
    previous.addIncoming([(Value.null(pointer), entry), (kept.value, next)])
    b.position(atEndOf: done)
    b.store(start, to: topField)
    b.retVoid()
    return function
  }

  /// `i32 @swad.release.order(ptr, ptr)`: qsort's comparison of two records: counted ones first
  /// (a Swift release may read a block another record frees: a stack object's shadow), then by
  /// block address.
  private var recordOrder: Function {
    let name = "swad.release.order"
    if let made = module.function(named: name), !made.isDeclaration { return made }
    let i32 = IRType.int(32, in: context)
    let function = module.addFunction(named: name, type: .function(returning: i32, [pointer, pointer]))
    function.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    b.position(atEndOf: function.appendBlock(named: "entry"))
    // Counted records (tagged, odd) first, then the rest by address: `x >> 1`, with the top bit set
    // for an untagged record.
    let key = { (record: Value) -> Value in
      let bits = b.cast(LLVMPtrToInt, b.load(self.pointer, from: record), to: i64)
      let untagged = b.xor(b.and(bits, Value.constInt(i64, 1)), Value.constInt(i64, 1))
      return b.or(b.lshr(bits, Value.constInt(i64, 1)), b.shl(untagged, Value.constInt(i64, 63)))
    }
    let a = key(function.parameter(0))
    let c = key(function.parameter(1))
    let greater = b.intCast(b.icmp(LLVMIntUGT, a, c), to: i32, signed: false)
    let less = b.intCast(b.icmp(LLVMIntULT, a, c), to: i32, signed: false)
    b.ret(b.sub(greater, less))
    return function
  }
}
