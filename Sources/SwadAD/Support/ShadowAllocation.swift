// The shadow of a heap allocation, shared by both modes: the same allocator, called with the same
// arguments (a C allocation's may be a block kept from a previous call, `ShadowBlocks`), and zeroed.
import CLLVM
import LLVMBinding

extension Builder {
  /// Emits the shadow of `call` (an allocation of `kind`): a copy of the call with operands mapped by
  /// `map`, zero-filled. For `realloc`, `oldShadow` is the shadow being resized; its new tail is
  /// zeroed from the old usable size. For `posix_memalign`, `oldShadow` is the shadow of the first
  /// argument, where the shadow pointer is written; the shadow pointer is returned. For
  /// `swift_initStackObject`, `oldShadow` is the zeroed slot the shadow object is made in; for
  /// `swift_initStaticObject`, the shadow global's object (`GlobalShadows.staticObjectShadow`).
  func shadowAllocation(
    of call: Instruction, kind: CallSemantics.AllocationKind, mapping map: ValueMap,
    oldShadow: Value?, module: Module
  ) -> Value {
    let i64 = IRType.int(64, in: module.context)
    let zero = Value.constInt(IRType.int(8, in: module.context), 0)
    // A C allocation's shadow may be a block a previous derivative call released (`ShadowBlocks`).
    if case .uninitialized(let sizeArgument) = kind,
      let alignment = ShadowBlocks.alignment(of: call, mapping: map, builder: self, module: module)
    {
      let size = intCast(map[call.arguments[sizeArgument]], to: i64, signed: false)
      let name = call.value.name.isEmpty ? "" : "'" + call.value.name
      let shadow = self.call(ShadowBlocks.allocate(in: module), [size, alignment], name)
      let usable = module.mallocUsableSizeFunction
      _ = memset(shadow, byte: zero, length: self.call(usable, [shadow]))
      return shadow
    }
    var oldSize: Value? = nil
    if case .resize = kind, let oldShadow {
      let usable = module.mallocUsableSizeFunction
      oldSize = self.call(usable, [oldShadow])
    }
    let shadow = call.cloneForDerivative()
    for index in 0..<shadow.operandCount { shadow.setOperand(index, map[call.operand(index)]) }
    if case .resize = kind, let oldShadow { shadow.setOperand(0, oldShadow) }
    // posix_memalign writes the shadow pointer into the shadow of its first argument.
    if case .writtenThrough = kind, let oldShadow { shadow.setOperand(0, oldShadow) }
    // swift_initStackObject makes the object in the shadow slot, zeroed by the caller.
    if case .swiftStackObject = kind, let oldShadow { shadow.setOperand(1, oldShadow) }
    if case .swiftStaticObject = kind, let oldShadow { shadow.setOperand(1, oldShadow) }
    if case .swiftObject = kind {
      sizeSwiftObjectShadowAsPrimal(shadow, of: call, mapping: map, module: module)
    }
    insert(shadow, call.value.name.isEmpty ? "" : "'" + call.value.name)
    switch kind {
    case .writtenThrough:
      let pointer = load(IRType.pointer(in: module.context), from: shadow.operand(0))
      _ = memset(pointer, byte: zero, length: map[call.arguments[2]])
      return pointer
    case .uninitialized:
      // Zero all the usable bytes, not just those asked for: a later realloc copies them all.
      let usable = module.mallocUsableSizeFunction
      _ = memset(shadow.value, byte: zero, length: self.call(usable, [shadow.value]))
    case .userAllocator(let sizeArgument):
      // The user's allocator may not be malloc: zero the bytes asked for.
      _ = memset(shadow.value, byte: zero, length: map[call.arguments[sizeArgument]])
    case .zeroed, .swiftStackObject, .swiftStaticObject:
      break
    case .swiftObject:
      // Zero everything after the header the allocator initialized (the object header; for array
      // storage, its count and capacity too), up to the allocation's usable size.
      let usable = module.mallocUsableSizeFunction
      let header = Value.constInt(
        i64, SwiftRuntime.initializedHeaderSize(ofAllocation: call.calledFunction?.name ?? ""))
      let size = self.call(usable, [shadow.value])
      let body = select(icmp(LLVMIntUGT, size, header), sub(size, header), Value.constInt(i64, 0))
      _ = memset(byteOffset(shadow.value, header), byte: zero, length: body)
    case .resize:
      let newSize = CallSemantics.resizedBytes(of: call, operand: { map[$0] }, builder: self)
      let old = oldSize ?? Value.constInt(i64, 0)
      let grows = icmp(LLVMIntUGT, newSize, old)
      let tail = select(grows, sub(newSize, old), Value.constInt(i64, 0))
      let start = select(grows, old, Value.constInt(i64, 0))
      _ = memset(byteOffset(shadow.value, start), byte: zero, length: tail)
    }
    return shadow.value
  }

  /// Makes the shadow of a Swift object allocation hold at least as much as the primal's block. The
  /// standard library sizes an array's capacity from the block's usable size (`malloc_usable_size`),
  /// and malloc may hand the same request a larger block one time than another (a reused free
  /// chunk it does not split): the primal array then filled elements past the end of its shadow's
  /// block, corrupting the heap (a sort of 64 records merging through a temporary buffer, at
  /// random). `swift_allocObject` asks for the primal's usable size; the standard library's
  /// `_allocateBufferUninitialized(minimumCapacity:)` for the primal's capacity.
  private func sizeSwiftObjectShadowAsPrimal(
    _ shadow: Instruction, of call: Instruction, mapping map: ValueMap, module: Module
  ) {
    let i64 = IRType.int(64, in: module.context)
    let primal = map[call.value]
    let name = call.calledFunction?.name ?? ""
    let operand: Int
    let wanted: Value
    if name == "swift_allocObject" {
      operand = 1
      let usable = module.mallocUsableSizeFunction
      wanted = self.call(usable, [primal])
    } else if SwiftRuntime.isObjectAllocation(name), call.arguments.first?.type.isInteger == true {
      operand = 0
      // `_capacityAndFlags` after the object header and the count: the capacity shifted left once.
      let capacityAndFlags = load(i64, from: byteOffset(primal, Value.constInt(i64, 24)))
      wanted = lshr(capacityAndFlags, Value.constInt(i64, 1))
    } else {
      return
    }
    let asked = shadow.operand(operand)
    guard asked.type.isInteger else { return }
    let widened = intCast(wanted, to: asked.type, signed: false)
    shadow.setOperand(operand, select(icmp(LLVMIntUGT, widened, asked), widened, asked))
  }
}
