// swad's sort runtime, emitted into the module as small internal functions: the order a sort puts
// elements in, found once with the program's comparison, and that order applied to an array or
// undone on it.
import CLLVM
import LLVMBinding

/// The functions derivatives of sorts call (`SortRoutine`):
///
///     ptr  @swad.sort.order(ptr %base, i64 %count, i64 %size, ptr %compare, ptr %context, i1 %withContext)
///          ; a malloc'd array of `count` i64 indices: element order[k] of the array goes to place k
///     void @swad.sort.permute(ptr %data, i64 %count, i64 %size, ptr %order, i1 %inverse)
///          ; data[k] = old data[order[k]] (the sort), or data[order[k]] = old data[k] (undoing it)
///
/// `order` sorts the indices with the C library's `qsort_r` and a comparison that compares the
/// elements the indices name with the program's function, ties by index (a stable order, so that
/// the same array always gets the same order). Elements move as bytes: floats, pointers and the
/// rest of a struct alike, so a shadow moved with the same order stays the shadow of its element.
struct SortRuntime {
  let module: Module
  let context: Context
  let pointer: IRType
  let i64: IRType
  let i32: IRType
  let i8: IRType
  let i1: IRType
  let void: IRType
  /// What `@swad.sort.compare` reads: `{ base, size, compare, context, withContext }`.
  let comparisonType: IRType

  init(module: Module) {
    self.module = module
    context = module.context
    pointer = IRType.pointer(in: context)
    i64 = IRType.int(64, in: context)
    i32 = IRType.int(32, in: context)
    i8 = IRType.int(8, in: context)
    i1 = IRType.int(1, in: context)
    void = IRType.void(in: context)
    comparisonType = IRType.structure([pointer, i64, pointer, pointer, i1], in: context)
  }

  private var malloc: Function {
    module.declareFunction(named: "malloc", type: .function(returning: pointer, [i64]))
  }

  var free: Function {
    module.declareFunction(named: "free", type: .function(returning: void, [pointer]))
  }

  /// `@swad.sort.order`: see the type's comment.
  var order: Function {
    let name = "swad.sort.order"
    if let made = module.definedFunction(named: name) { return made }
    return module.defineInternalFunction(
      named: name, returning: pointer, [pointer, i64, i64, pointer, pointer, i1]
    ) {
      f, b in
      let count = f.parameter(1)
      let entry = b.insertBlock
      let loop = f.appendBlock(named: "index")
      let body = f.appendBlock(named: "set")
      let sort = f.appendBlock(named: "sort")
      // At least one byte, so that an empty array's order is a block like any other.
      let bytes = b.mul(
        b.select(b.icmp(LLVMIntEQ, count, Value.constInt(i64, 0)), Value.constInt(i64, 1), count),
        Value.constInt(i64, 8))
      let order = b.call(malloc, [bytes], "order")
      let comparison = b.alloca(comparisonType, "comparison")
      b.br(loop)
      b.position(atEndOf: loop)
      let index = b.phi(i64, "k")
      b.condBr(b.icmp(LLVMIntULT, index.value, count), body, sort)
      b.position(atEndOf: body)
      b.store(index.value, to: b.gep(i64, order, [index.value]))
      let next = b.add(index.value, Value.constInt(i64, 1))
      b.br(loop)
      index.addIncoming([(Value.constInt(i64, 0), entry), (next, body)])
      b.position(atEndOf: sort)
      for (field, value) in [f.parameter(0), f.parameter(2), f.parameter(3), f.parameter(4), f.parameter(5)]
        .enumerated()
      {
        b.store(
          value,
          to: b.gep(comparisonType, comparison, [Value.constInt(i32, 0), Value.constInt(i32, Int64(field))]))
      }
      let qsortR = module.declareFunction(
        named: "qsort_r", type: .function(returning: void, [pointer, i64, i64, pointer, pointer]))
      b.call(qsortR, [order, count, Value.constInt(i64, 8), compareIndices.value, comparison])
      b.ret(order)
      f.addAttribute("nounwind")
    }
  }

  /// `i32 @swad.sort.compare(ptr %a, ptr %b, ptr %comparison)`: the program's comparison of the
  /// elements that indices `*a` and `*b` name; equal elements by index.
  private var compareIndices: Function {
    let name = "swad.sort.compare"
    if let made = module.definedFunction(named: name) { return made }
    return module.defineInternalFunction(named: name, returning: i32, [pointer, pointer, pointer]) { f, b in
      let field = { (index: Int64, type: IRType, name: String) -> Value in
        b.load(
          type,
          from: b.gep(
            self.comparisonType, f.parameter(2),
            [Value.constInt(self.i32, 0), Value.constInt(self.i32, index)]), name)
      }
      let first = b.load(i64, from: f.parameter(0), "a")
      let second = b.load(i64, from: f.parameter(1), "b")
      let base = field(0, pointer, "base")
      let size = field(1, i64, "size")
      let compare = field(2, pointer, "compare")
      let userContext = field(3, pointer, "context")
      let withContext = field(4, i1, "with.context")
      let elementA = b.gep(i8, base, [b.mul(first, size)])
      let elementB = b.gep(i8, base, [b.mul(second, size)])
      let threeOperands = f.appendBlock(named: "context")
      let twoOperands = f.appendBlock(named: "plain")
      let join = f.appendBlock(named: "compared")
      b.condBr(withContext, threeOperands, twoOperands)
      b.position(atEndOf: threeOperands)
      let withResult = b.call(
        type: .function(returning: i32, [pointer, pointer, pointer]), compare,
        [elementA, elementB, userContext])
      b.br(join)
      b.position(atEndOf: twoOperands)
      let plainResult = b.call(
        type: .function(returning: i32, [pointer, pointer]), compare, [elementA, elementB])
      b.br(join)
      b.position(atEndOf: join)
      let result = b.phi(i32, "order")
      result.addIncoming([(withResult, threeOperands), (plainResult, twoOperands)])
      let greater = b.intCast(b.icmp(LLVMIntUGT, first, second), to: i32, signed: false)
      let less = b.intCast(b.icmp(LLVMIntULT, first, second), to: i32, signed: false)
      let byIndex = b.sub(greater, less)
      b.ret(b.select(b.icmp(LLVMIntEQ, result.value, Value.constInt(i32, 0)), byIndex, result.value))
    }
  }

  /// `@swad.sort.permute`: see the type's comment. Through a scratch block of the array's size.
  var permute: Function {
    let name = "swad.sort.permute"
    if let made = module.definedFunction(named: name) { return made }
    return module.defineInternalFunction(named: name, returning: void, [pointer, i64, i64, pointer, i1]) {
      f, b in
      let data = f.parameter(0)
      let count = f.parameter(1)
      let size = f.parameter(2)
      let order = f.parameter(3)
      let inverse = f.parameter(4)
      let entry = b.insertBlock
      let loop = f.appendBlock(named: "element")
      let body = f.appendBlock(named: "move")
      let done = f.appendBlock(named: "done")
      let bytes = b.mul(count, size, "bytes")
      let scratch = b.call(
        malloc, [b.select(b.icmp(LLVMIntEQ, bytes, Value.constInt(i64, 0)), Value.constInt(i64, 1), bytes)],
        "scratch")
      b.br(loop)
      b.position(atEndOf: loop)
      let index = b.phi(i64, "k")
      b.condBr(b.icmp(LLVMIntULT, index.value, count), body, done)
      b.position(atEndOf: body)
      let chosen = b.load(i64, from: b.gep(i64, order, [index.value]), "chosen")
      let from = b.select(inverse, index.value, chosen)
      let to = b.select(inverse, chosen, index.value)
      _ = b.memcpy(b.gep(i8, scratch, [b.mul(to, size)]), b.gep(i8, data, [b.mul(from, size)]), length: size)
      let next = b.add(index.value, Value.constInt(i64, 1))
      b.br(loop)
      index.addIncoming([(Value.constInt(i64, 0), entry), (next, body)])
      b.position(atEndOf: done)
      _ = b.memcpy(data, scratch, length: bytes)
      b.call(free, [scratch])
      b.retVoid()
      f.addAttribute("nounwind")
    }
  }

  /// Emits the order of the array `call` of `routine` sorts and sorts the array in that order;
  /// `value` gives the values of the call's arguments where `builder` is. Returns the order and the
  /// element count and size as `i64`, for the shadows.
  func sortPrimal(_ call: Instruction, _ routine: SortRoutine, builder: Builder, value: (Value) -> Value)
    -> (order: Value, count: Value, size: Value)
  {
    let arguments = orderArguments(of: call, routine, builder: builder, value: value)
    let order = builder.call(self.order, arguments, "order")
    let (base, count, size) = (arguments[0], arguments[1], arguments[2])
    permute(base, count: count, size: size, order: order, inverse: false, builder: builder)
    return (order, count, size)
  }

  /// Moves the elements of `data` in `order` (undoes it when `inverse`).
  func permute(_ data: Value, count: Value, size: Value, order: Value, inverse: Bool, builder: Builder) {
    builder.call(permute, [data, count, size, order, Value.constInt(i1, inverse ? 1 : 0)])
  }

  /// The arguments `order` takes for `call` of `routine`, from the values `value` gives for the
  /// call's arguments (the primal copies, or their values in the reverse sweep).
  private func orderArguments(
    of call: Instruction, _ routine: SortRoutine, builder: Builder, value: (Value) -> Value
  )
    -> [Value]
  {
    let arguments = call.arguments
    let context = routine.context.map { value(arguments[$0]) } ?? Value.null(pointer)
    return [
      value(arguments[routine.base]), sizeValue(value(arguments[routine.count]), builder: builder),
      sizeValue(value(arguments[routine.size]), builder: builder), value(arguments[routine.compare]), context,
      Value.constInt(i1, routine.context == nil ? 0 : 1),
    ]
  }

  /// A count or size as `i64` (`size_t` on the targets swad runs on; zero-extended when narrower).
  func sizeValue(_ value: Value, builder: Builder) -> Value {
    value.type == i64 ? value : builder.intCast(value, to: i64, signed: false)
  }
}
