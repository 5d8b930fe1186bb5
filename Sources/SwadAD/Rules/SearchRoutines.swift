// Library functions that find an address inside an argument's memory: which argument, where the
// address goes, and its shadow. Both modes read this table.
import CLLVM
import LLVMBinding

/// A function that finds an address inside the memory of one of its arguments and changes none of
/// the program's memory otherwise: `bsearch`'s element, `strchr`'s character, `strtod`'s end of the
/// number, `dynamic_cast`'s object. It has no derivative; the address it finds does: its shadow is
/// the same place of the argument's shadow, `found == null ? null : shadow(base) + (found - base)`.
///
/// Without this, `strtod(s, &end)` was refused, and marked inactive (as the refusal suggested) it
/// left `end`'s shadow null: a parser that went on reading through `end` crashed in its derivative.
/// Memory without a shadow (a string literal, constant text) is its own.
///
/// glibc's headers inline `bsearch` into optimized code, so that call is what unoptimized code and
/// other C libraries leave.
struct SearchRoutine: Equatable {
  let name: String
  /// The argument whose memory the address found is in.
  let base: Int
  /// `bsearch`'s comparison, which it calls.
  let compare: Int?
  /// The argument through which the address is written (`strtod`'s `char **end`, which may be
  /// null), or nil when it is returned.
  let writtenThrough: Int?
  /// The number of parameters of its C signature.
  let parameterCount: Int

  private init(
    _ name: String, base: Int = 0, compare: Int? = nil, writtenThrough: Int? = nil, parameters: Int
  ) {
    self.name = name
    self.base = base
    self.compare = compare
    self.writtenThrough = writtenThrough
    self.parameterCount = parameters
  }

  static let routines: [String: SearchRoutine] = {
    var table: [SearchRoutine] = [
      SearchRoutine("bsearch", base: 1, compare: 4, parameters: 5),
      // The C++ runtime's `dynamic_cast<T *>(object)`: a base or derived object of the same block.
      SearchRoutine("__dynamic_cast", parameters: 4),
    ]
    table += ["strchr", "strrchr", "strchrnul", "rawmemchr", "strstr", "strpbrk", "strcasestr"].map {
      SearchRoutine($0, parameters: 2)
    }
    table += ["memchr", "memrchr", "memmem"].map { SearchRoutine($0, parameters: $0 == "memmem" ? 4 : 3) }
    // The numbers they read have no derivative; the end of the number does (a parser goes on there).
    let floatingPoint = ["strtod", "strtof", "strtold"]
    let integer = ["strtol", "strtoll", "strtoul", "strtoull", "strtoimax", "strtoumax"]
    table += floatingPoint.map { SearchRoutine($0, writtenThrough: 1, parameters: 2) }
    table += (integer + integer.map { "__isoc23_" + $0 }).map {
      SearchRoutine($0, writtenThrough: 1, parameters: 3)
    }
    return Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0) })
  }()

  /// The routine `name` names, if `callee` is a library declaration with its C signature.
  static func called(name: String, callee: Function) -> SearchRoutine? {
    guard callee.isDeclaration, let routine = routines[name] else { return nil }
    let parameters = callee.type.parameterTypes
    guard parameters.count == routine.parameterCount, parameters[routine.base].isPointer,
      routine.compare.map({ parameters[$0].isPointer }) ?? true,
      routine.writtenThrough.map({ parameters[$0].isPointer }) ?? callee.returnType.isPointer
    else { return nil }
    return routine
  }

  /// Whether the routine returns the address it finds (rather than writing it through an argument).
  var returnsAddress: Bool { writtenThrough == nil }

  /// The shadow of `found` (an address in the memory at `base`) in that memory's shadow
  /// `shadowBase`: the same byte offset, or null when nothing was found.
  static func shadow(of found: Value, base: Value, shadowBase: Value, builder: Builder, context: Context)
    -> Value
  {
    let i64 = IRType.int(64, in: context)
    let i8 = IRType.int(8, in: context)
    let offset = builder.sub(
      builder.cast(LLVMPtrToInt, found, to: i64), builder.cast(LLVMPtrToInt, base, to: i64))
    let element = builder.gep(i8, shadowBase, [offset], "found.shadow")
    return builder.select(
      builder.icmp(LLVMIntEQ, found, Value.null(found.type)), Value.null(found.type), element)
  }

  /// After the call: the shadow of the address written through `slot` (the primal's pointer to it)
  /// into `shadowSlot`, when `slot` is not null at run time. `shadowBase` is the shadow of the
  /// memory searched.
  static func storeShadow(
    writtenThrough slot: Value, shadowSlot: Value, base: Value, shadowBase: Value, builder: Builder,
    context: Context
  ) {
    guard !slot.isNull else { return }
    let pointer = IRType.pointer(in: context)
    let function = builder.insertBlock.parent
    let write = function.appendBlock(named: "found.end")
    let done = function.appendBlock(named: "found.end.done")
    builder.condBr(builder.icmp(LLVMIntEQ, slot, Value.null(pointer)), done, write)
    builder.position(atEndOf: write)
    let found = builder.load(pointer, from: slot)
    builder.store(
      shadow(of: found, base: base, shadowBase: shadowBase, builder: builder, context: context),
      to: shadowSlot)
    builder.br(done)
    builder.position(atEndOf: done)
  }

  /// What the routine may write besides the address: nothing itself; its comparison, unless it is
  /// known to write nothing, might write anything.
  func comparisonMayWrite(_ call: Instruction) -> Bool {
    compare.map { comparisonMayWriteMemory(call.arguments[$0]) } ?? false
  }
}
