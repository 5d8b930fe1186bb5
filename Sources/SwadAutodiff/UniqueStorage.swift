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
  /// Makes this array's storage, and that of every array its elements hold, unique; `visited` holds
  /// the objects already seen (object graphs may have cycles).
  mutating func _swadMakeUnique(visited: inout Set<ObjectIdentifier>)
  /// Whether the array has no elements (its storage may then be shared freely: nothing writes it).
  var isEmpty: Bool { get }
  /// Whether the elements are plain data (no references: they hold no arrays).
  var _swadElementsArePlainData: Bool { get }
  /// The layouts of the elements when they are arrays of floating-point numbers (the rows of a
  /// `[[Double]]`), read without reflection; nil for other elements.
  var _swadRowLayouts: [_SwadArrayLayout]? { get }
}

// Making an array's storage unique is what mutable access to its contiguous storage does first
// (`withUnsafeMutableBufferPointer`, which all three array types take this way). A slice's first
// word is the storage it shares with its base array: making it unique copies the slice's elements
// into storage of its own.
extension _SwadArrayStorage where Self: MutableCollection {
  public var _swadElementsArePlainData: Bool { _isPOD(Element.self) }

  public mutating func _swadMakeUnique(visited: inout Set<ObjectIdentifier>) {
    _ = withContiguousMutableStorageIfAvailable { SwadStorage.makeElementsUnique($0, visited: &visited) }
  }

  public var _swadRowLayouts: [_SwadArrayLayout]? {
    withContiguousStorageIfAvailable { elements in
      SwadRows.layouts(of: UnsafeRawPointer(elements.baseAddress), count: elements.count, as: Element.self)
    } ?? nil
  }
}

/// The rows of arrays of arrays (a `[[Double]]`), read through code specialized for them: the element
/// type is looked up once, not per row (a cast and a reflection per row made a gradient of a
/// 1000-row `[[Double]]` 150 times its primal; generic code per row, still 35 times).
enum SwadRows {
  /// The layouts of the `count` arrays of floating-point numbers of type `type` at `base`; nil when
  /// `type` is not such an array.
  static func layouts(of base: UnsafeRawPointer?, count: Int, as type: Any.Type) -> [_SwadArrayLayout]? {
    guard let base else { return type is any _SwadFloatArray.Type ? [] : nil }
    if type == [Double].self { return layouts(of: base, count: count, typed: [Double].self) }
    if type == [Float].self { return layouts(of: base, count: count, typed: [Float].self) }
    guard let row = type as? any _SwadFloatArray.Type else { return nil }
    return layouts(of: base, count: count, typed: row)
  }

  private static func layouts<Row: _SwadFloatArray>(of base: UnsafeRawPointer, count: Int, typed: Row.Type)
    -> [_SwadArrayLayout]
  {
    let rows = base.assumingMemoryBound(to: Row.self)
    return (0..<count).map { rows[$0]._swadLayout }
  }

  /// Makes each of the `count` arrays of type `type` at `base` unique; false when `type` is not an
  /// array.
  static func makeUnique(
    _ base: UnsafeMutableRawPointer, count: Int, as type: Any.Type, visited: inout Set<ObjectIdentifier>
  ) -> Bool {
    if type == [Double].self {
      makeUnique(base, count: count, typed: [Double].self, visited: &visited)
    } else if type == [Float].self {
      makeUnique(base, count: count, typed: [Float].self, visited: &visited)
    } else if let row = type as? any _SwadArrayStorage.Type {
      makeUnique(base, count: count, typed: row, visited: &visited)
    } else {
      return false
    }
    return true
  }

  private static func makeUnique<Row: _SwadArrayStorage>(
    _ base: UnsafeMutableRawPointer, count: Int, typed: Row.Type, visited: inout Set<ObjectIdentifier>
  ) {
    let rows = base.assumingMemoryBound(to: Row.self)
    for index in 0..<count { rows[index]._swadMakeUnique(visited: &visited) }
  }
}

extension Array: _SwadArrayStorage {}
extension ContiguousArray: _SwadArrayStorage {}
extension ArraySlice: _SwadArrayStorage {}

public enum SwadStorage {
  /// Makes unique the storage of every array inside the value of type `type` at `address`: the value
  /// itself if it is an array, the arrays among a struct's or a tuple's stored properties and in an
  /// enum's or an optional's payload (found by reflection, at the places in the value's bytes that
  /// hold them), the arrays among the stored properties of the objects the value refers to (an
  /// object stays shared, as classes are, but the arrays it owns are written by the derivative like
  /// any other), and the arrays inside those.
  /// An array with elements that is not in the bytes of its value or object as a plain storage word
  /// (in an `indirect` case's box, or under the tag bits of an enum with several payloads) cannot be
  /// given storage of its own here: the program stops with a message rather than let a derivative
  /// write into storage the array shares.
  public static func makeUnique(_ address: UnsafeMutableRawPointer, as type: Any.Type) {
    var visited: Set<ObjectIdentifier> = []
    makeUnique(address, as: type, visited: &visited)
  }

  /// Makes unique the arrays that `elements` hold (none if they are plain data).
  static func makeElementsUnique<Element>(
    _ elements: UnsafeMutableBufferPointer<Element>, visited: inout Set<ObjectIdentifier>
  ) {
    guard !_isPOD(Element.self), let base = elements.baseAddress else { return }
    // Arrays (the rows of a `[[Double]]`) through their own type, looked up once rather than per row.
    if SwadRows.makeUnique(
      UnsafeMutableRawPointer(base), count: elements.count, as: Element.self, visited: &visited)
    {
      return
    }
    for index in elements.indices {
      makeUnique(UnsafeMutableRawPointer(base + index), as: Element.self, visited: &visited)
    }
  }

  static func makeUnique(
    _ address: UnsafeMutableRawPointer, as type: Any.Type, visited: inout Set<ObjectIdentifier>
  ) {
    if type == String.self || isPOD(type) { return }
    if type is AnyClass {
      makeUnique(object: address.load(as: AnyObject.self), visited: &visited)
      return
    }
    if let array = type as? any _SwadArrayStorage.Type {
      makeArrayUnique(address, as: array, visited: &visited)
      return
    }
    // The reflected copies are gone before any array is made unique: while they lived, every array
    // was shared.
    var contents = Contents()
    contents.add(read(address, as: type))
    refuseHashedFloatingPoint(contents, in: type)
    makeUnique(contents.arrays, in: address, bytes: 0..<sizeOf(type), of: type, visited: &visited)
    for object in contents.objects { makeUnique(object: object, visited: &visited) }
  }

  /// The arrays among the stored properties of `object` and of its superclasses (they lie in the
  /// object's instance, after its header), and the objects those refer to.
  private static func makeUnique(object: AnyObject, visited: inout Set<ObjectIdentifier>) {
    guard visited.insert(ObjectIdentifier(object)).inserted else { return }
    var contents = Contents()
    var mirror: Mirror? = Mirror(reflecting: object)
    while let level = mirror {
      for child in level.children { contents.add(child.value) }
      mirror = level.superclassMirror
    }
    refuseHashedFloatingPoint(contents, in: type(of: object))
    let instance = Unmanaged.passUnretained(object).toOpaque()
    let header = 2 * MemoryLayout<UInt>.size  // the metadata pointer and the reference counts
    let bytes = header..<max(header, instanceSize(of: instance))
    makeUnique(contents.arrays, in: instance, bytes: bytes, of: type(of: object), visited: &visited)
    for object in contents.objects { makeUnique(object: object, visited: &visited) }
  }

  /// Makes unique each of `arrays` at the word of `bytes` (from `base`) that holds its storage.
  private static func makeUnique(
    _ arrays: [FoundArray], in base: UnsafeMutableRawPointer, bytes: Range<Int>, of owner: Any.Type,
    visited: inout Set<ObjectIdentifier>
  ) {
    guard !arrays.isEmpty else { return }
    let words = MemoryLayout<UInt>.size
    var unmatched = arrays.filter { !$0.isEmpty }
    for offset in stride(from: bytes.lowerBound, to: bytes.upperBound - words + 1, by: words) {
      let word = base.load(fromByteOffset: offset, as: UInt.self)
      guard let array = arrays.first(where: { $0.word == word }) else { continue }
      unmatched.removeAll { $0.word == word }
      makeArrayUnique(base + offset, as: array.type, visited: &visited)
    }
    if let array = unmatched.first {
      fatalError(
        "swad: an array of type \(array.type) inside a value of type \(owner) cannot be given storage of its own "
          + "before a derivative writes into it (it is in an indirect enum case's box, or in an enum payload "
          + "whose storage word carries the enum's tag); it may share that storage with another variable. "
          + "Hold the array in a struct field, or pass it as an argument of its own.")
    }
  }

  private static func makeArrayUnique<A: _SwadArrayStorage>(
    _ address: UnsafeMutableRawPointer, as type: A.Type, visited: inout Set<ObjectIdentifier>
  ) {
    address.assumingMemoryBound(to: A.self).pointee._swadMakeUnique(visited: &visited)
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

  /// The size of the instance at `instance`, from its class metadata: the Swift ABI's class metadata
  /// without Objective-C interoperation (Linux) holds it as 32 bits after the metadata kind, the
  /// superclass, the flags and the instance address point.
  private static func instanceSize(of instance: UnsafeMutableRawPointer) -> Int {
    #if canImport(ObjectiveC)
      // With Objective-C interoperation the metadata has two more words (cache and data) first.
      let offset = 5 * MemoryLayout<UInt>.size + 8
    #else
      let offset = 2 * MemoryLayout<UInt>.size + 8
    #endif
    let metadata = instance.load(as: UnsafeRawPointer.self)
    return Int(metadata.load(fromByteOffset: offset, as: UInt32.self))
  }

  /// An array found by reflection: its storage word, its type, and whether it has no elements.
  private typealias FoundArray = (word: UInt, type: any _SwadArrayStorage.Type, isEmpty: Bool)

  /// What reflection finds in a value: the arrays in its own bytes, the objects it refers to, and the
  /// types of the dictionaries and sets holding floating-point values in it.
  private struct Contents {
    var arrays: [FoundArray] = []
    var objects: [AnyObject] = []
    var hashedFloatingPoint: [Any.Type] = []

    /// Adds what `value` holds: itself if it is an array or an object, and what the stored
    /// properties of a struct or a tuple and the payload of an enum or an optional hold (except in
    /// `indirect` cases, they lie in the value's own bytes).
    mutating func add(_ value: Any) {
      if let array = value as? any _SwadArrayStorage {
        arrays.append((word: storageWord(of: array), type: type(of: array), isEmpty: array.isEmpty))
        return
      }
      let mirror = Mirror(reflecting: value)
      switch mirror.displayStyle {
      case .class?: objects.append(value as AnyObject)
      case .struct?, .tuple?, .enum?, .optional?: for child in mirror.children { add(child.value) }
      case .dictionary?, .set?:
        // The elements have one type: the first tells (an enum's other cases aside).
        if let element = mirror.children.first, holdsFloatingPoint(element.value) {
          hashedFloatingPoint.append(type(of: value))
        }
      default: return
      }
    }

    /// Whether `value` is, or holds in its stored properties or payload, a floating-point number.
    private func holdsFloatingPoint(_ value: Any) -> Bool {
      if value is any BinaryFloatingPoint { return true }
      let mirror = Mirror(reflecting: value)
      switch mirror.displayStyle {
      case .struct?, .tuple?, .enum?, .optional?, .dictionary?, .set?, .collection?:
        return mirror.children.contains { holdsFloatingPoint($0.value) }
      default: return false
      }
    }
  }

  /// Stops the program if `contents` has a dictionary or a set of floating-point values: a
  /// derivative reads and writes their elements by bucket, and a shadow's buckets do not line up with
  /// its primal's (each hashes with a seed of its own), so the derivative would read and write the
  /// adjoints of other keys.
  private static func refuseHashedFloatingPoint(_ contents: Contents, in owner: Any.Type) {
    guard let hashed = contents.hashedFloatingPoint.first else { return }
    fatalError(
      "swad: a \(hashed) inside a value of type \(owner) holds floating-point values, which a derivative reads "
        + "and writes by bucket, and the buckets of its shadow do not line up with its own (each dictionary and "
        + "set hashes with a seed of its own): the derivative would be wrong. Hold the values in an array (with "
        + "a dictionary from keys to indices beside it), or pass the value as .const.")
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
