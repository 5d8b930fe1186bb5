// Standard-library code that handles integers only (a `Dictionary<Int, Int>`, a `Set<Int>`, a
// `[String: Int]`): it has no derivative, whatever memory it is handed.
import CLLVM
import LLVMBinding

extension SwiftRuntime {
  /// Whether `call` of `callee`, a standard-library function of dictionaries and sets that stays in
  /// libswiftCore, works on integers alone: the compiler specialized it for integer, `Bool` and
  /// `String` types only (`generic specialization <Swift.Int, Swift.Int> of
  /// _NativeDictionary.copy()`), or it is generic and the type metadata it is given describe such
  /// types only (`_DictionaryStorage<Int, Int>.allocate(capacity:)`). Such code moves integers and the references to their storage, and
  /// returns no float: a dictionary of indices built and read inside a differentiated function was
  /// refused, its storage taken for memory that may hold derivatives. A closure handed to it
  /// (a function among its arguments) could do anything, so such a call does not count.
  static func worksOnIntegersOnly(_ call: Instruction, callee: Function) -> Bool {
    guard callee.isDeclaration, isStandardLibrary(callee.name), !callee.returnType.containsFloatingPoint,
      !call.arguments.contains(where: { $0.strippingPointerCasts.asFunction != nil }),
      let demangled = demangledSwiftName(callee.name), isDictionaryOrSetCode(demangled)
    else { return false }
    // Every type it was specialized for, and every type it is given (a generic function's metadata
    // arguments), must be one of integers; and there must be one or the other.
    let specializations = genericArguments(in: demangled, after: "generic specialization <")
    guard specializations.allSatisfy(listsIntegerTypesOnly) else { return false }
    var described = 0
    for argument in call.arguments where argument.type.isPointer {
      guard let type = metadataType(of: argument) else { continue }
      guard isIntegerType(type) else { return false }
      described += 1
    }
    return !specializations.isEmpty || described > 0
  }

  /// Whether the demangled function is a method of a dictionary's or a set's types (through any
  /// specializations of it: `generic specialization <…> of Swift.__RawDictionaryStorage.find…`).
  /// Only their code is known to handle its elements alone: an array's growth, say, would move an
  /// `[Int]` whose shadow the derivative keeps.
  private static func isDictionaryOrSetCode(_ demangled: String) -> Bool {
    dictionaryAndSetTypes.contains { owner in
      [owner + ".", "static " + owner + "."].contains { prefix in
        demangled.hasPrefix(prefix) || demangled.firstRange(of: " of " + prefix) != nil
      }
    }
  }

  static let dictionaryAndSetTypes = [
    "Swift.Dictionary", "Swift._NativeDictionary", "Swift._DictionaryStorage", "Swift.__RawDictionaryStorage",
    "Swift.Set", "Swift._NativeSet", "Swift._SetStorage", "Swift.__RawSetStorage", "Swift._HashTable",
  ]

  /// The type that `value` is the metadata of: a metadata global (`$sSiN`, `Swift.Int`) or what
  /// `__swift_instantiateConcreteTypeFromMangledName` makes of a demangling cache variable
  /// (`$ss18_DictionaryStorageCyS2iGMD`, `Swift._DictionaryStorage<Swift.Int, Swift.Int>`).
  private static func metadataType(of value: Value) -> String? {
    var global = value
    if let call = value.asInstruction, call.isCall,
      call.calledFunction?.name == "__swift_instantiateConcreteTypeFromMangledName",
      let cache = call.arguments.first
    {
      global = cache
    }
    guard LLVMIsAGlobalVariable(global.ref) != nil, let text = demangledSwiftName(global.name) else {
      return nil
    }
    for prefix in ["demangling cache variable for type metadata for ", "type metadata for "]
    where text.hasPrefix(prefix) {
      return String(text.dropFirst(prefix.count))
    }
    return nil
  }

  /// The argument lists of the generic specializations `text` names, each as written between its
  /// angle brackets.
  private static func genericArguments(in text: String, after marker: String) -> [String] {
    var lists: [String] = []
    var rest = text[...]
    while let range = rest.firstRange(of: marker) {
      var depth = 1
      var end = range.upperBound
      while end < rest.endIndex, depth > 0 {
        if rest[end] == "<" { depth += 1 } else if rest[end] == ">" { depth -= 1 }
        if depth > 0 { end = rest.index(after: end) }
      }
      lists.append(String(rest[range.upperBound..<end]))
      rest = rest[end...]
    }
    return lists
  }

  /// Whether `text` lists integer and `Bool` types only (`Swift.Int, Swift.Int`, or a tuple of
  /// them, labelled or not: `(key: Swift.Int, value: Swift.Int)`).
  static func listsIntegerTypesOnly(_ text: String) -> Bool {
    let elements = text.filter { $0 != "(" && $0 != ")" }.split(separator: ",")
    return !elements.isEmpty
      && elements.allSatisfy { element in
        let type = element.split(separator: ":").last.map { String($0).trimmingWhitespace() } ?? ""
        return integerTypes.contains(type)
      }
  }

  /// Whether `type` is an integer or `Bool` type, or a standard-library container of them
  /// (`Swift._DictionaryStorage<Swift.Int, Swift.Int>`); not a container of containers, whose
  /// elements (`[Int]` arrays) swad gives shadows.
  static func isIntegerType(_ type: String) -> Bool {
    if integerTypes.contains(type) { return true }
    guard let open = type.firstIndex(of: "<"), type.hasSuffix(">"),
      integerContainers.contains(String(type[..<open]))
    else { return false }
    return listsIntegerTypesOnly(String(type[type.index(after: open)..<type.index(before: type.endIndex)]))
  }

  /// The integer types of the standard library, `Bool`, `String` (whose storage holds bytes, and
  /// whose functions swad treats as text: `SwiftRuntime.isText`) and `ObjectIdentifier` (an
  /// object's address taken as a number: compared and hashed, never read through; a
  /// `Set<ObjectIdentifier>` of visited nodes, as a graph's topological sort keeps).
  static let integerTypes: Set<String> = [
    "Swift.Int", "Swift.Int8", "Swift.Int16", "Swift.Int32", "Swift.Int64", "Swift.UInt", "Swift.UInt8",
    "Swift.UInt16", "Swift.UInt32", "Swift.UInt64", "Swift.Bool", "Swift.String", "Swift.ObjectIdentifier",
  ]

  /// Standard-library types that hold values of their generic arguments only (with references to
  /// their own storage): with integer arguments, integers and no reference that needs a shadow.
  static let integerContainers: Set<String> = [
    "Swift.Dictionary", "Swift._DictionaryStorage", "Swift._NativeDictionary", "Swift.Set",
    "Swift._SetStorage",
    "Swift._NativeSet",
  ]
}
