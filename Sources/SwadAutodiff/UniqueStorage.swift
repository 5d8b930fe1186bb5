// Arrays nested in a derivative's arguments given storage of their own before the call.
//
// A derivative writes adjoints and tangents into its shadows' storage directly, and its primal code
// writes into the arrays of an `inout` argument in place: Swift's copy-on-write does not see either.
// An array whose storage is shared (the rows of `Array(repeating: row, count: n)`, an array literal's
// static storage, a field set from another variable) then breaks value semantics: the shadow rows of
// a `[[Double]]` summed every row's adjoints into one buffer, a shadow's field wrote the gradient
// into the variable it was copied from, and an `inout` matrix whose rows were shared got new row
// storage when the primal code wrote to them, leaving the adjoints behind (a gradient silently 0).
// The generated code makes every array inside such an argument unique first, as a write would.

/// Arrays, whose elements may hold arrays themselves.
public protocol _SwadArrayStorage {
  /// Makes this array's storage, and that of every array its elements hold, unique.
  mutating func _swadMakeUnique()
  /// Whether the array has no elements (its storage may then be shared freely: nothing writes it).
  var isEmpty: Bool { get }
}

extension Array: _SwadArrayStorage {
  public mutating func _swadMakeUnique() {
    let elementsHoldArrays = !_isPOD(Element.self)
    withUnsafeMutableBufferPointer { elements in
      guard elementsHoldArrays, let base = elements.baseAddress else { return }
      for index in elements.indices {
        SwadStorage.makeUnique(UnsafeMutableRawPointer(base + index), as: Element.self)
      }
    }
  }
}

public enum SwadStorage {
  /// Makes unique the storage of every array inside the value of type `type` at `address`: the value
  /// itself if it is an array, the arrays among a struct's or a tuple's stored properties and in an
  /// enum's or an optional's payload (found by reflection, at the places in the value's bytes that
  /// hold them), and the arrays inside those. Objects of classes are shared by design and left alone.
  /// An array with elements that is not in the value's own bytes as a plain storage word (in an
  /// `indirect` case's box, or under the tag bits of an enum with several payloads) cannot be given
  /// storage of its own here: the program stops with a message rather than let a derivative write
  /// into storage the array shares.
  public static func makeUnique(_ address: UnsafeMutableRawPointer, as type: Any.Type) {
    if type is AnyClass || type == String.self || isPOD(type) { return }
    if let array = type as? any _SwadArrayStorage.Type {
      makeArrayUnique(address, as: array)
      return
    }
    // The arrays among the stored properties, each as its storage word and its type. The reflected
    // copies are gone before any array is made unique: while they lived, every array was shared.
    let arrays = arrayWords(in: read(address, as: type))
    guard !arrays.isEmpty else { return }
    let words = MemoryLayout<UInt>.size
    let size = sizeOf(type)
    var unmatched = arrays.filter { !$0.isEmpty }
    for offset in stride(from: 0, to: size - words + 1, by: words) {
      let word = address.load(fromByteOffset: offset, as: UInt.self)
      guard let array = arrays.first(where: { $0.word == word }) else { continue }
      unmatched.removeAll { $0.word == word }
      makeArrayUnique(address + offset, as: array.type)
    }
    if let array = unmatched.first {
      fatalError(
        "swad: an array of type \(array.type) inside a value of type \(type) cannot be given storage of its own "
          + "before a derivative writes into it (it is in an indirect enum case's box, or in an enum payload "
          + "whose storage word carries the enum's tag); it may share that storage with another variable. "
          + "Hold the array in a struct field, or pass it as an argument of its own.")
    }
  }

  private static func makeArrayUnique<A: _SwadArrayStorage>(
    _ address: UnsafeMutableRawPointer, as type: A.Type
  ) {
    address.assumingMemoryBound(to: A.self).pointee._swadMakeUnique()
  }

  private static func read(_ address: UnsafeMutableRawPointer, as type: Any.Type) -> Any {
    func load<T>(_ type: T.Type) -> Any { address.assumingMemoryBound(to: T.self).pointee }
    return _openExistential(type, do: load)
  }

  private static func isPOD(_ type: Any.Type) -> Bool {
    func pod<T>(_ type: T.Type) -> Bool { _isPOD(T.self) }
    return _openExistential(type, do: pod)
  }

  private static func sizeOf(_ type: Any.Type) -> Int {
    func size<T>(_ type: T.Type) -> Int { MemoryLayout<T>.size }
    return _openExistential(type, do: size)
  }

  /// An array found by reflection: its storage word, its type, and whether it has no elements.
  private typealias FoundArray = (word: UInt, type: any _SwadArrayStorage.Type, isEmpty: Bool)

  /// The arrays among `value`'s stored properties, in nested structs, tuples, optionals and enum
  /// payloads too (except for `indirect` cases, they lie in the value's own bytes).
  private static func arrayWords(in value: Any) -> [FoundArray] {
    var found: [FoundArray] = []
    let containers: [Mirror.DisplayStyle] = [.struct, .tuple, .enum, .optional]
    func visit(_ value: Any) {
      let mirror = Mirror(reflecting: value)
      guard let style = mirror.displayStyle, containers.contains(style) else { return }
      for child in mirror.children {
        if let array = child.value as? any _SwadArrayStorage {
          found.append((word: storageWord(of: array), type: type(of: array), isEmpty: array.isEmpty))
        } else {
          visit(child.value)
        }
      }
    }
    visit(value)
    return found
  }

  private static func storageWord<A: _SwadArrayStorage>(of array: A) -> UInt {
    withUnsafeBytes(of: array) { $0.load(as: UInt.self) }
  }
}

/// Makes unique the storage of every array inside `value` (see `SwadStorage`); used by the code the
/// macros generate, before a derivative writes into a shadow or runs an `inout` argument's primal.
@inlinable
public func makeStorageUnique<T>(_ value: inout T) {
  withUnsafeMutablePointer(to: &value) { SwadStorage.makeUnique(UnsafeMutableRawPointer($0), as: T.self) }
}
