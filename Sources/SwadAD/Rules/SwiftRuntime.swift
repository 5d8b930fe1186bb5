// The Swift runtime and standard library as a rule table: what each function a differentiated Swift
// function may call without its body does to memory and derivatives. KnownFunctions' classifier
// consults it; the generators never test these names.
//
// How an array grows, after the pre-AD simplification: the standard library's growth functions
// (`_ContiguousArrayBuffer._consumeAndCreateNew`, `Array._createNewBuffer`, `reserveCapacity`,
// `replaceSubrange`, `append(contentsOf:)`, ...) are specialized into the module with their bodies,
// so they are ordinary defined functions with derivatives: new storage comes from `swift_allocObject`
// (an allocation whose shadow is a second object) or `_allocateBufferUninitialized`, the elements
// move with `memcpy`/`memmove` (memory transfers of the shadows), and the count and capacity stored
// into the storage's header are mirrored into the shadow's (integer stores into shadowed memory).
// Arrays of arrays (or of class instances) grow through libswiftCore's prespecializations for
// `Array<AnyObject>`, declarations here, which move references and counts only: the shadows get the
// same call. A standard-library function that stays a declaration (in libswiftCore only) and receives active
// data is an error naming it, demangled. Swift's calling convention passes a context (`swiftself`)
// and an error register (`swifterror`) as attributed parameters: derivatives keep them.

import CLLVM
import LLVMBinding

/// The Swift runtime's functions that matter to AD.
enum SwiftRuntime {
  /// Reference counting: no derivative, but in forward mode a shadow object's count follows its
  /// primal's.
  static let referenceCountingNames: Set<String> = [
    "swift_retain", "swift_release", "swift_retain_n", "swift_release_n", "swift_bridgeObjectRetain",
    "swift_bridgeObjectRelease", "swift_bridgeObjectRetain_n", "swift_bridgeObjectRelease_n",
    // The end of an object's life on the stack (an array literal's storage): the shadow's with it.
    "swift_setDeallocating",
    // The release of what `count` elements hold (an array literal's storage at its end).
    "swift_arrayDestroy",
  ]

  /// What a reference-counting call does to its object's count: a retain, a release by the named
  /// one-argument function (what a shadow's release after the gradient calls), or the release of
  /// the references `count` elements hold (`swift_arrayDestroy(elements, count, type)`); nil for
  /// `swift_setDeallocating`, which ends a stack object's life and has no count to follow.
  enum ReferenceCountChange: Equatable {
    case retain
    case release(String)
    case destroyElements
  }

  static func referenceCountChange(of name: String) -> ReferenceCountChange? {
    switch name {
    case "swift_retain", "swift_retain_n", "swift_bridgeObjectRetain", "swift_bridgeObjectRetain_n": .retain
    case "swift_release", "swift_release_n": .release("swift_release")
    case "swift_bridgeObjectRelease", "swift_bridgeObjectRelease_n": .release("swift_bridgeObjectRelease")
    case "swift_arrayDestroy": .destroyElements
    default: nil
    }
  }

  /// Whether `value` is known to be a reference-counted Swift object, not a raw pointer: the
  /// function retains or releases it, it is an object allocation's result or the runtime's empty
  /// storage, or it is chosen (a phi, a select) between values one of which is (`y.map { … }`
  /// gives the empty array's storage or a new buffer).
  static func isCountedObject(_ value: Value) -> Bool {
    var seen: Set<Value> = [value]
    var work = [value]
    while let next = work.popLast() {
      if next.isGlobalValue, isEmptyStorage(next.name) { return true }
      let counted = next.users.contains { user in
        guard let call = user.asInstruction, call.isCall, let name = call.calledFunction?.name,
          referenceCountChange(of: name) != nil
        else { return false }
        return call.arguments.first == next
      }
      if counted { return true }
      guard let instruction = next.asInstruction, seen.count < 32 else { continue }
      if instruction.isCall, let name = instruction.calledFunction?.name, isObjectAllocation(name) {
        return true
      }
      let sources: [Value] =
        switch instruction.opcode {
        case LLVMPHI: instruction.incoming.map(\.value)
        case LLVMSelect: [instruction.operand(1), instruction.operand(2)]
        default: []
        }
      for source in sources where seen.insert(source).inserted { work.append(source) }
    }
    return false
  }

  /// The objects of `function` that are counted on themselves where they have no shadow (see
  /// `mirrorsOnPrimal`): retained here, and handed where shadow memory may keep the reference —
  /// stored into memory that has a shadow (`hasShadow`), or passed to a call other than the
  /// runtime's counting and uniqueness checks (the shadows' `append` stores it). A retain's result
  /// names the same object, as does the payload word it was taken out of (`wordsNaming`).
  static func objectsCountedOnThemselves(in function: Function, hasShadow: (Value) -> Bool) -> Set<Value> {
    var counted: Set<Value> = []
    for block in function.blocks {
      for call in block.instructions where call.isCall {
        guard let name = call.calledFunction?.name, referenceCountChange(of: name) == .retain,
          let object = call.arguments.first
        else { continue }
        let names = wordsNaming(object) + [call.value]
        let handedOn = names.contains { name in
          name.users.contains { user in
            guard let instruction = user.asInstruction else { return false }
            if instruction.opcode == LLVMStore {
              return instruction.operand(0) == name && hasShadow(instruction.operand(1))
            }
            guard instruction.isCall, instruction.arguments.contains(name) else { return false }
            let callee = instruction.calledFunction?.name ?? ""
            return referenceCountChange(of: callee) == nil && !isInactive(callee)
          }
        }
        if handedOn { counted.formUnion(names) }
      }
    }
    return counted
  }

  /// `object` and the integers it was taken out of: an indirect enum's payload word holds its box's
  /// address under tag bits (`inttoptr (and word, mask)`), and the word, not the pointer, is what
  /// the code stores into another node.
  private static func wordsNaming(_ object: Value) -> [Value] {
    var words = [object]
    var current = object
    while let step = current.asInstruction, words.count < 8 {
      switch step.opcode {
      case LLVMIntToPtr, LLVMPtrToInt, LLVMBitCast, LLVMFreeze: current = step.operand(0)
      case LLVMAnd,
        LLVMOr where step.operand(1).isConstant:
        current = step.operand(0)
      default: return words
      }
      words.append(current)
    }
    return words
  }

  /// Whether a derivative mirrors reference-counting `call`, on an object without a shadow, on the
  /// primal object itself. Shadow memory holds a constant object's primal reference (a row of a
  /// constant `[[Double]]` appended to an active one), and releases it when it ends: the retain
  /// that copied the reference must be mirrored too. Only for objects `counted` on themselves (see
  /// `objectsCountedOnThemselves`), retains and releases alike, so that the two balance; a reference
  /// that ends in memory without a shadow keeps one count too many (its object leaks, nothing is
  /// freed early), one taken out of constant memory is never given back twice.
  static func mirrorsOnPrimal(_ call: Instruction, counted: Set<Value>) -> Bool {
    guard let name = call.calledFunction?.name, let object = call.arguments.first, object.type.isPointer,
      !object.isConstant
    else { return false }
    switch referenceCountChange(of: name) {
    case .retain, .release: return wordsNaming(object).contains { counted.contains($0) }
    case .destroyElements, nil: return false
    }
  }

  /// Exclusivity checks, uniqueness tests, one-time initialization and the release of objects the
  /// runtime owns: no derivative, and no program data written that AD tracks.
  static let inactiveNames: Set<String> = [
    "swift_beginAccess", "swift_endAccess", "swift_isUniquelyReferenced_nonNull_native",
    "swift_isUniquelyReferenced_native", "swift_isUniquelyReferenced_nonNull",
    "swift_isUniquelyReferenced_nonNull_bridgeObject", "swift_once", "swift_unknownObjectRetain",
    "swift_unknownObjectRelease", "swift_deallocUninitializedObject", "swift_getTypeByMangledNameInContext2",
    "swift_getTypeByMangledNameInContextInMetadataState2", "swift_getGenericMetadata",
    "swift_getWitnessTable", "swift_getSingletonMetadata", "swift_getCanonicalSpecializedMetadata",
    "swift_willThrow", "swift_willThrowTypedImpl", "swift_errorRelease", "swift_errorRetain", "swift_reportError",
    "swift_verifyEndOfLifetime",
    // An error's box: it has no shadow, so a payload with a derivative stored in it and read back
    // after the catch is the run-time unshadowed-memory error (`UnshadowedMemory`), never a silent 0.
    "swift_allocError", "swift_deallocError",
  ]

  /// Output and text: `print` and `debugPrint` (output, as C's `printf`), the members of `String`,
  /// string interpolation (`"loss \(x)"`), a number's or a collection's `description` and a
  /// number's `write(to:)` into a text stream. They read numbers and write characters, never a
  /// derivative: a `print` left in the function being differentiated (to watch an optimization)
  /// was refused.
  static func isText(_ name: String) -> Bool {
    name == "$ss5print_9separator10terminatoryypd_S2StF"
      || name == "$ss10debugPrint_9separator10terminatoryypd_S2StF"
      || name.hasPrefix("$sSS") || name.hasPrefix("$ss26DefaultStringInterpolationV")
      // Substring's members (a character of a constant string being parsed), and a number parsed
      // from text (`Double(parts[1])`): a constant, whose derivative is 0.
      || name.hasPrefix("$sSs")
      || ["$sSdySdSg", "$sSfySfSg"].contains {
        name.hasPrefix($0) && (name.hasSuffix("SScfC") || name.hasSuffix("SscfC"))
      }
      || name.hasPrefix("$ss11_StringGutsV") || name.hasPrefix("$ss13_StringObjectV")
      // `==` and `<` of strings (`name == "relu"` choosing an activation).
      || name.hasPrefix("$ss27_stringCompareWithSmolCheck")
      || (name.hasPrefix("$sS") && name.containsBytes(of: "5write2to") && name.hasSuffix("16TextOutputStreamRzlF"))
      || ["$sSd", "$sSf", "$sSi", "$sSu"].contains { name.hasPrefix($0 + "11descriptionSSvg") }
      || ["$sSd", "$sSf"].contains { name.hasPrefix($0 + "16debugDescriptionSSvg") }
      // A collection's text (`"w = \(w)"` of an array: Array.description, which runs in
      // libswiftCore and reads the elements through their own description).
      || ["$sSa", "$ss10ArraySliceV", "$ss15ContiguousArrayV", "$sSD", "$sSh", "$sSq"].contains {
        name.hasPrefix($0 + "11descriptionSSvg") || name.hasPrefix($0 + "16debugDescriptionSSvg")
      }
      // The protocols' dispatch thunks (`String(x)`, `"\(x)"` of a generic value).
      || name == "$ss23CustomStringConvertibleP11descriptionSSvgTj"
      || name == "$ss28CustomDebugStringConvertibleP16debugDescriptionSSvgTj"
      || name.hasPrefix("$ss20TextOutputStreamableP5write2to")
      || name.hasPrefix("$ss16TextOutputStreamP5write")
  }

  /// Standard-library functions that stay declarations and only fail (with a message) or report:
  /// `_assertionFailure`, `_fatalErrorMessage`, `preconditionFailure`'s and the bounds checks' paths.
  static func isDiagnostic(_ name: String) -> Bool {
    name.hasPrefix("$ss17_assertionFailure") || name.hasPrefix("$ss18_fatalErrorMessage")
      || name.hasPrefix("$ss30_diagnoseUnexpectedNilOptional")
  }

  /// The compiler's helpers that open, copy and destroy the box of an existential (`any P`): the
  /// `__swift_project_boxed_opaque_existential_N` family and a protocol's outlined copy (`…_pWOc`),
  /// take (`…_pWOb`) and destroy (`…_pWOh`).
  static func isExistentialBoxAccess(_ name: String) -> Bool {
    name.hasPrefix("__swift_project_boxed_opaque_existential_")
      || name.hasPrefix("__swift_destroy_boxed_opaque_existential_")
      || (name.hasPrefix("$s")
        && (name.hasSuffix("_pWOc") || name.hasSuffix("_pWOb") || name.hasSuffix("_pWOh")))
  }

  /// The protocol (or composition) of the existential container `container` points to, as the user
  /// wrote it (`a.Shape`), where it is a stack slot of the container's type: Swift names the LLVM
  /// type of `any Shape` `%T1a5ShapeP`, `T` and the mangled type. Nil elsewhere (an array's element,
  /// an object's field).
  static func existentialTypeName(_ container: Value) -> String? {
    guard let slot = MemoryWrites.underlyingObject(container).asInstruction, slot.opcode == LLVMAlloca,
      let name = slot.allocatedType.structName, name.hasPrefix("T"), name.count > 1
    else { return nil }
    return demangledSwiftName("$s" + name.dropFirst())
  }

  /// `swift_dynamicCastClass(object, type)`: the object, or null when it is not of that class
  /// (`Array(slice)` asks whether the slice's storage is a native array buffer it can keep). A
  /// shadow object has its primal's class, so the same cast of the shadow is the result's shadow.
  static func isDynamicCast(_ name: String) -> Bool {
    name == "swift_dynamicCastClass" || name == "swift_dynamicCastClassUnconditional"
  }

  static func isInactive(_ name: String) -> Bool {
    inactiveNames.contains(name) || isDiagnostic(name) || isText(name) || isHashing(name)
  }

  /// `Hasher`'s methods (`init(_seed:)`, `combine`, `finalize`): they mix bytes into the hasher's
  /// state and give an `Int`, for a dictionary's or a set's lookups (of `String` keys, say).
  static func isHashing(_ name: String) -> Bool {
    name.hasPrefix("$ss6HasherV")
  }

  /// Allocations: the shadow of the result is a second object from the same call, its contents after
  /// the header the allocator initialized zeroed (`initializedHeaderSize`; released with
  /// `swift_release`).
  static func isObjectAllocation(_ name: String) -> Bool {
    if name == "swift_allocObject" { return true }
    // The standard library's array storage allocation (`_allocateBufferUninitialized(minimumCapacity:)`
    // and its specializations), which the optimizer may leave as a call.
    return name.hasPrefix("$s") && name.containsBytes(of: "_allocateBufferUninitialized")
  }

  /// The bytes at the start of an object allocation that the allocator itself initializes, which
  /// the shadow keeps: the 16-byte object header, and for `_allocateBufferUninitialized` the array
  /// header after it (the count, and the capacity from the block's usable size, which its caller
  /// never stores). Zeroed, the shadow's capacity was 0: libswiftCore's `Array<AnyObject>` growth
  /// (a `[[Double]]` made by `Array(repeating:count:)`, then appended to), run again on the shadow,
  /// sized the shadow's new buffer from it, smaller than the primal's, and the appends the primal
  /// found room for wrote past its end (a crash in both modes).
  static func initializedHeaderSize(ofAllocation name: String) -> Int64 {
    name.containsBytes(of: "_allocateBufferUninitialized") ? 32 : 16
  }

  /// A function of the standard library (mangled in module `Swift`, `$ss…` or `$sS…`), as opposed to
  /// one of the user's modules.
  static func isStandardLibrary(_ name: String) -> Bool {
    name.hasPrefix("$ss") || name.hasPrefix("$sS")
  }

  /// What to do when active data reaches a standard-library function that stays in libswiftCore.
  static let unsupportedAdvice =
    "keep the active data out of it (arrays of Float and Double grow through functions the compiler "
    + "specializes into the module, which swad differentiates, and arrays of arrays through the "
    + "Array<AnyObject> functions of Rules/SwiftRuntime.swift), or report the function to swad"

  /// libswiftCore's prespecializations for `Array<AnyObject>` (suffix `yXl_Ts5`), which arrays of
  /// arrays and of class instances grow through: they move references and set counts only.
  static let referenceArrayMethods = [
    "_makeUniqueAndReserveCapacityIfNot", "_appendElementAssumeUniqueAndCapacity", "_createNewBuffer",
    "15reserveCapacity", "36_reserveCapacityAssumingUniqueBuffer", "12_endMutation",
  ]

  static func isReferenceArrayMethod(_ name: String) -> Bool {
    guard name.hasSuffix("yXl_Ts5") else { return false }
    if name.hasPrefix("$ss22_ContiguousArrayBufferV20_consumeAndCreateNew") { return true }
    // `Array` and `ContiguousArray` (`map` builds its result in one: `rows.map { $0.map { … } }`).
    return (name.hasPrefix("$sSa") || name.hasPrefix("$ss15ContiguousArrayV"))
      && referenceArrayMethods.contains { name.containsBytes(of: $0) }
  }

  /// The runtime's shared, immutable storage of empty collections.
  static func isEmptyStorage(_ name: String) -> Bool {
    ["_swiftEmptyArrayStorage", "_swiftEmptyDictionarySingleton", "_swiftEmptySetSingleton"].contains(name)
  }

  /// The type of the elements a runtime element copy (`swift_arrayInitWithCopy`) moves: as the code
  /// around it accesses the memory (`accessed`: the specialization indexes its storage by the element
  /// type), as the element metadata it is given names it, or as its specialization's name does; the
  /// first of those whose bytes all say what they hold (the accesses around a slice's copy lay out
  /// the slice, not its elements). An error when neither tells, or when the
  /// type has bytes of unknown content (an enum's payload), which may be a float whose adjoint or
  /// tangent would be lost.
  static func elementType(copiedBy call: Instruction, accessedAs accessed: IRType?, module: Module) throws
    -> IRType
  {
    let name = call.calledFunction?.name ?? "the runtime"
    let candidates = [
      accessed, metadataType(of: call.arguments.last, in: module),
      specializationType(of: call.function, in: module),
    ].compactMap { $0 }.filter { module.allocSize(of: $0) > 0 }
    guard let type = candidates.first(where: { !hasOpaqueBytes($0, module: module) }) ?? candidates.first else {
      throw ADError(
        "cannot tell the type of the elements '\(name)' copies from the code around it, so their "
          + "floating-point fields' derivatives could not be told from their other bytes", at: call)
    }
    guard !hasOpaqueBytes(type, module: module) else {
      throw ADError(
        "the elements '\(name)' copies have fields whose bytes may hold a floating-point value or not (an "
          + "enum's payload: \(type)), so their derivatives could not be followed; keep such a field out of "
          + "the array's elements", at: call)
    }
    return paddedToStride(type, module: module)
  }

  /// The alignment Swift gives a value of the IR type `type`: the largest of its fields', at most 16
  /// (a SIMD vector's; Swift's IR structs are packed, so LLVM's alignment of them is 1).
  static func alignment(of type: IRType, module: Module) -> Int {
    if type.isStruct { return type.structElements.map { alignment(of: $0, module: module) }.max() ?? 1 }
    if type.isArray { return alignment(of: type.elementType, module: module) }
    return min(16, Int(LLVMABIAlignmentOfType(LLVMGetModuleDataLayout(module.ref)!, type.ref)))
  }

  /// `type`, a Swift type's packed IR struct, with the tail padding that makes its size Swift's
  /// stride: the size rounded up to the largest alignment of its fields, at most 16 (a SIMD vector's
  /// in Swift). A packed struct's size is Swift's size, not its stride: `{v: SIMD2<Double>, tag:
  /// Tag}` is 24 bytes, its elements 32 apart, and taken 24 apart, the elements' shadows were
  /// moved to the wrong places and read with misaligned vector loads (a crash).
  static func paddedToStride(_ type: IRType, module: Module) -> IRType {
    let size = Int(module.allocSize(of: type))
    let align = alignment(of: type, module: module)
    let stride = (size + align - 1) / align * align
    guard stride > size else { return type }
    let context = module.context
    return .structure(
      [type, .array(of: .int(8, in: context), count: UInt64(stride - size))], in: context, packed: true)
  }

  /// Whether the function `name` takes the metadata of the array elements it works on as its last
  /// argument: the runtime's element functions, and the standard library's allocation of an
  /// array's storage (`ContiguousArray._allocateBufferUninitialized(minimumCapacity:)`, unspecialized).
  static func takesElementMetadata(_ name: String) -> Bool {
    name == "swift_arrayDestroy" || name.hasPrefix("swift_arrayInitWith") || name.hasPrefix("swift_arrayAssignWith")
      || (isObjectAllocation(name) && name.hasSuffix("_tFZ"))  // not a specialization (`…Tg5`)
  }

  /// The IR type of the Swift type whose metadata `metadata` is: a metadata global (`$sSdN`: Double)
  /// or the runtime's instantiation of a mangled name (`$sSaySdGMD`: `[Double]`, whose IR type,
  /// as every `Array`'s, is `%TSa`, the generic's own name). The element copy of `Array(m[1...])`
  /// for `m: [[Double]]` runs in `_copyCollectionToContiguousArray`, specialized for the slice, not
  /// for its elements: the type its name names is the slice's.
  static func metadataType(of metadata: Value?, in module: Module) -> IRType? {
    guard let metadata else { return nil }
    var symbol: Substring
    if metadata.isGlobalValue {
      symbol = metadata.name[...]
      guard symbol.hasSuffix("N") else { return nil }
      symbol = symbol.dropLast(1)
    } else if LLVMIsAConstantExpr(metadata.ref) != nil, LLVMGetConstOpcode(metadata.ref) == LLVMGetElementPtr,
      case let base = Value(LLVMGetOperand(metadata.ref, 0)), base.isGlobalValue, base.name.hasSuffix("Mf")
    {
      // Inside the type's full metadata (`$s4main1SVMf`, its value witnesses first), where the
      // metadata proper starts.
      symbol = base.name.dropLast(2)
    } else if let call = metadata.asInstruction, call.isCall,
      call.calledFunction?.name == "__swift_instantiateConcreteTypeFromMangledName",
      let cache = call.arguments.first, cache.isGlobalValue, cache.name.hasSuffix("MD")
    {
      symbol = cache.name.dropLast(2)
    } else {
      return nil
    }
    guard symbol.hasPrefix("$s") else { return nil }
    let mangled = symbol.dropFirst(2)
    // A class's IR type is its instances' layout; a value of the class (an array's element) is a
    // reference to one.
    func valueType(_ name: Substring) -> IRType? {
      guard let type = LLVMGetTypeByName2(module.context.ref, "T" + name) else { return nil }
      return name.hasSuffix("C") ? .pointer(in: module.context) : IRType(type)
    }
    if let type = valueType(mangled) { return type }
    if let tuple = tupleType(mangled, valueType: valueType, module: module) { return tuple }
    // A bound generic, `<base>y<arguments>G`: the IR type is the base's. Its arguments may contain
    // `y` themselves, so the first split whose base names a type is taken.
    guard mangled.hasSuffix("G") else { return nil }
    for index in mangled.indices where mangled[index] == "y" {
      if let type = valueType(mangled[..<index]) { return type }
    }
    return nil
  }

  /// The IR type of a tuple of nominal types from its mangled name (`3app3TagC_SdSit`: `(Tag,
  /// Double, Int)`, the first element, `_`, the others, `t`), its elements at Swift's offsets (each
  /// at its alignment); nil for elements that are not a standard type (`Sd`) or a nominal type named
  /// by its module and name, for one whose IR type the module does not have, and for a tuple with
  /// padding between its elements (bytes no type describes).
  static func tupleType(
    _ mangled: Substring, valueType: (Substring) -> IRType?, module: Module
  ) -> IRType? {
    // (A module's name may hold `_` itself: the first element is read by its lengths.)
    guard mangled.hasSuffix("t"), let first = leadingTypeName(of: mangled), first.endIndex < mangled.endIndex,
      mangled[first.endIndex] == "_"
    else { return nil }
    var names = [first]
    var rest = mangled[mangled.index(after: first.endIndex)...].dropLast()
    while !rest.isEmpty {
      guard let name = leadingTypeName(of: rest) else { return nil }
      names.append(name)
      rest = rest[name.endIndex...]
    }
    guard names.count >= 2 else { return nil }
    let elements = names.compactMap(valueType)
    guard elements.count == names.count else { return nil }
    // Without padding between them, each element starts at a multiple of its alignment.
    var offset = 0
    for element in elements {
      guard offset % alignment(of: element, module: module) == 0 else { return nil }
      offset += Int(module.allocSize(of: element))
    }
    return .structure(elements, in: module.context, packed: true)
  }

  /// The mangled name of the type at the start of `text`: a standard type (`Sd`), or a nominal
  /// type, its module and names each as a length and the characters (`3app3TagC`, `s5Int32V`).
  private static func leadingTypeName(of text: Substring) -> Substring? {
    guard let first = text.first else { return nil }
    if first == "S" {
      let next = text.dropFirst()
      guard let letter = next.first, letter.isLetter else { return nil }
      return text.prefix(2)
    }
    var index = first == "s" ? text.index(after: text.startIndex) : text.startIndex
    var identifiers = 0
    while index < text.endIndex, text[index].isNumber {
      let digits = text[index...].prefix { $0.isNumber }
      guard let length = Int(digits), length > 0,
        let end = text.index(digits.endIndex, offsetBy: length, limitedBy: text.endIndex)
      else { return nil }
      index = end
      identifiers += 1
    }
    guard identifiers >= (first == "s" ? 1 : 2), index < text.endIndex, "CVO".contains(text[index]) else {
      return nil
    }
    return text[...index]
  }

  /// The struct type a standard-library specialization is specialized for, from its name: Swift names
  /// a struct's IR type `T` + its mangled name, which the specialization's name has before `_Tg5`
  /// (`…F1s3RowV_Tg5` for `s.Row`, `%T1s3RowV`; a closure's further specialized for its context
  /// goes on after it). The longest such suffix that names a type.
  static func specializationType(of function: Function, in module: Module) -> IRType? {
    let name = function.name
    guard let marker = name.firstRange(of: "_Tg5") else { return nil }
    let mangled = name[..<marker.lowerBound]
    var start = mangled.startIndex
    while start < mangled.endIndex {
      if let type = LLVMGetTypeByName2(module.context.ref, "T" + mangled[start...]) {
        // A class's instances' layout: its values are references.
        return mangled.hasSuffix("C") ? .pointer(in: module.context) : IRType(type)
      }
      start = mangled.index(after: start)
    }
    return nil
  }

  /// Whether `type` has bytes whose content its IR type does not say (`[N x i8]`: an enum's payload,
  /// which may be a Double).
  /// Bytes a Swift struct (`%T…V`) has between two fields, to align the second (`{id: Int32, box:
  /// Box}` is `<{ %Ts5Int32V, [4 x i8], ptr }>`), are its padding, not a payload.
  static func hasOpaqueBytes(_ type: IRType, module: Module) -> Bool {
    func isBytes(_ type: IRType) -> Bool {
      type.isArray && type.elementType.isInteger && type.elementType.integerWidth == 8
    }
    if type.isArray { return isBytes(type) || hasOpaqueBytes(type.elementType, module: module) }
    guard type.isStruct else { return false }
    let elements = type.structElements
    let isSwiftStruct = type.structName.map { $0.hasPrefix("T") && $0.hasSuffix("V") } ?? false
    var offset = 0
    for (index, element) in elements.enumerated() {
      defer { offset += Int(module.allocSize(of: element)) }
      if isSwiftStruct, isBytes(element), index + 1 < elements.count {
        let next = alignment(of: elements[index + 1], module: module)
        let size = Int(element.arrayLength)
        if offset % next != 0, (offset + size) % next == 0, size < next { continue }
      }
      if hasOpaqueBytes(element, module: module) { return true }
    }
    return false
  }

  /// The semantics of `name` in the Swift runtime, or nil when it is not one of its functions with a
  /// rule here.
  static func semantics(ofName name: String) -> CallSemantics? {
    if isObjectAllocation(name) { return .allocation(.swiftObject) }
    if isReferenceArrayMethod(name) { return .mirroredOnShadows }
    if referenceCountingNames.contains(name) { return .referenceCounting }
    switch name {
    case "swift_arrayInitWithCopy", "swift_arrayInitWithTakeNoAlias", "swift_arrayInitWithTakeFrontToBack",
      "swift_arrayInitWithTakeBackToFront":
      return .arrayElementCopy
    case "swift_initStackObject": return .allocation(.swiftStackObject)
    case _ where isDynamicCast(name): return .mirroredOnShadows
    case "swift_initStaticObject": return .allocation(.swiftStaticObject)
    case "swift_slowAlloc": return .allocation(.uninitialized(sizeArgument: 0))
    case "swift_slowDealloc", "swift_deallocObject", "swift_deallocClassInstance": return .deallocation
    default: break
    }
    if isInactive(name) { return .inactive }
    return nil
  }
}

extension SwiftRuntime {
  /// The parameter attributes of Swift's calling convention that a derivative keeps at the primal
  /// positions of its parameters and arguments: `swiftself` (the context) and `swifterror` (the
  /// error register, which the standard library's `map`, `filter`, `reduce` and `sort(by:)` take
  /// for their rethrowing closures). The error register holds no derivative data: its slot has no
  /// shadow, and the derivative passes it on as the primal does.
  static let registerAttributes = ["swiftself", "swifterror"]

  /// Copies the calling convention's register attributes of `call`'s argument `from` (or, with
  /// `function`, of its parameter `from`) to argument `to` of `derivativeCall` (or parameter `to` of
  /// `derivative`).
  static func copyRegisterAttributes(
    ofArgument from: Int, of call: Instruction, to to: Int, of derivativeCall: Value
  ) {
    for name in registerAttributes {
      let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
      if let attribute = LLVMGetCallSiteEnumAttribute(call.ref, LLVMAttributeIndex(from + 1), kind) {
        LLVMAddCallSiteAttribute(derivativeCall.ref, LLVMAttributeIndex(to + 1), attribute)
      }
    }
  }

  static func copyRegisterAttributes(
    ofParameter from: Int, of function: Function, to to: Int, of derivative: Function
  ) {
    for name in registerAttributes {
      let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
      if let attribute = LLVMGetEnumAttributeAtIndex(function.ref, LLVMAttributeIndex(from + 1), kind) {
        LLVMAddAttributeAtIndex(derivative.ref, LLVMAttributeIndex(to + 1), attribute)
      }
    }
  }

  /// Whether `call` passes its argument `index` in the error register.
  static func passesErrorRegister(_ call: Instruction, argument index: Int) -> Bool {
    let kind = LLVMGetEnumAttributeKindForName("swifterror", 10)
    return LLVMGetCallSiteEnumAttribute(call.ref, LLVMAttributeIndex(index + 1), kind) != nil
  }

  /// Whether `alloca` is the slot of the error register (`alloca swifterror`): marked so, or some
  /// call passes it as its `swifterror` argument. (By the mark alone: once a rethrowing closure is
  /// inlined, no call may pass the slot any more, and its shadow, a copy of it, was zeroed with a
  /// `memset`, which the verifier refuses on such a slot.)
  static func isErrorSlot(_ alloca: Instruction) -> Bool {
    if alloca.opcode == LLVMAlloca, alloca.value.isSwiftErrorSlot { return true }
    return alloca.value.users.contains { user in
      guard let call = user.asInstruction, call.isCall else { return false }
      return call.arguments.indices.contains {
        call.arguments[$0] == alloca.value && passesErrorRegister(call, argument: $0)
      }
    }
  }
}

/// The stack slot a `swift_initStackObject` call makes its object in (its second argument); an
/// error when the optimizer left something else there.
func stackObjectSlot(of call: Instruction) throws -> Instruction {
  guard call.arguments.count == 2, let slot = call.arguments[1].asInstruction, slot.opcode == LLVMAlloca
  else {
    throw ADError(
      "cannot differentiate this 'swift_initStackObject': its object is not in a stack slot", at: call)
  }
  return slot
}
