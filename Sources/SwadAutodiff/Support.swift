// Small functions the generated derivatives call. They are emitted into the client
// (@_alwaysEmitIntoClient), so a program that uses the macros does not need SwadAutodiff's object code.

/// The base address of `buffer`, never nil: an empty buffer gets an aligned dangling address, which is
/// never read. (Swift passes an optional pointer to a function as an integer, and the AD transform
/// does not follow a shadow through an integer: derivatives pass non-optional pointers.)
@_alwaysEmitIntoClient @inline(__always)
public func baseAddress<T>(of buffer: UnsafeBufferPointer<T>) -> UnsafePointer<T> {
  buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<T>.alignment)!
}

/// The base address of `buffer`, never nil (see the immutable overload).
@_alwaysEmitIntoClient @inline(__always)
public func baseAddress<T>(of buffer: UnsafeMutableBufferPointer<T>) -> UnsafeMutablePointer<T> {
  buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<T>.alignment)!
}

/// The shadow of an `inout` array as it was when a reverse-mode derivative was called (used by the
/// code `@autodiffReverse` generates). Inside the derivative the array may get new storage (it grows
/// past its capacity: `append`, `+=`, `insert`, `reserveCapacity`), and its shadow then gets new
/// storage too; the adjoints of the elements the array had at the call are accumulated into the
/// shadow storage of that time, which this keeps alive. `restore` makes the shadow those elements
/// again: one adjoint per element the array had at the call, as for an array that does not grow.
public struct EntryShadow<Element> {
  @usableFromInline let storage: [Element]
  @usableFromInline let base: UnsafeMutablePointer<Element>?
  @usableFromInline let count: Int
  @usableFromInline let seeded: Bool

  /// Takes the shadow's storage (already unique) before the derivative runs.
  @_alwaysEmitIntoClient
  public init(_ shadow: inout [Element]) {
    base = shadow.withUnsafeMutableBufferPointer { $0.baseAddress }
    count = shadow.count
    // Elements that are plain data are seeds; those that refer to arrays (the rows of a
    // `[[Double]]`) are row pointers, whose rows' numbers are the seeds.
    seeded =
      _isPOD(Element.self)
      ? shadow.withUnsafeBytes { bytes in bytes.contains { $0 != 0 } }
      : ArrayStorageSnapshot.layouts(in: shadow).contains { layout in
        guard let address = layout.address else { return false }
        return UnsafeRawBufferPointer(start: address, count: layout.count * layout.stride).contains {
          $0 != 0
        }
      }
    storage = shadow
  }

  /// After the derivative: the shadow holds the adjoints of the elements the array had at the call.
  /// Seeds (nonzero shadow values at the call, the adjoints of the array's final elements) cannot
  /// follow the elements into new storage: that is a runtime error rather than a wrong gradient.
  @_alwaysEmitIntoClient
  public func restore(
    _ shadow: inout [Element], derivative: StaticString, primal: StaticString,
    shadowName: StaticString
  ) {
    let current = shadow.withUnsafeBufferPointer { $0.baseAddress }
    if seeded && current != UnsafePointer(base) {
      preconditionFailure(
        "\(derivative): '\(primal)' got new storage inside the derivative (it grew past its capacity), so the "
          + "seeds in '\(shadowName)' cannot follow its elements; pass '\(shadowName)' zeroed, or reserve "
          + "'\(primal)''s capacity before the call")
    }
    shadow = Array(UnsafeBufferPointer(start: UnsafePointer(base), count: count))
    withExtendedLifetime(storage) {}
  }
}

/// Gives an array's shadow at least `capacity` elements of storage, its elements past `count` zeroed
/// (used by the generated derivatives for `inout` arrays). The array may grow in place, into capacity
/// it has beyond its count: its shadow grows the same way, and in reverse mode what the shadow holds
/// there is read as the seeds of the new elements.
@_alwaysEmitIntoClient
public func prepareArrayShadow<Element>(_ shadow: inout [Element], capacity: Int) {
  shadow.reserveCapacity(capacity)
  let count = shadow.count
  let spare = shadow.capacity - count
  guard spare > 0, let base = shadow.withUnsafeMutableBufferPointer({ $0.baseAddress }) else { return }
  UnsafeMutableRawPointer(base + count).initializeMemory(
    as: UInt8.self, repeating: 0, count: spare * MemoryLayout<Element>.stride)
}

/// Where an array's elements are: the address of the first, the capacity, the count, and the
/// elements' stride.
public typealias _SwadArrayLayout = (
  address: UnsafeMutableRawPointer?, capacity: Int, count: Int, stride: Int
)

/// Arrays of floating-point numbers (`Array`, `ContiguousArray`, `ArraySlice`), whose storage
/// `ArrayStorageSnapshot` watches.
public protocol _SwadFloatArray {
  var _swadLayout: _SwadArrayLayout { get }
}

extension Array: _SwadFloatArray where Element: BinaryFloatingPoint {
  public var _swadLayout: _SwadArrayLayout {
    let address = withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
    return (address, capacity, count, MemoryLayout<Element>.stride)
  }
}

extension ContiguousArray: _SwadFloatArray where Element: BinaryFloatingPoint {
  public var _swadLayout: _SwadArrayLayout {
    let address = withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
    return (address, capacity, count, MemoryLayout<Element>.stride)
  }
}

extension ArraySlice: _SwadFloatArray where Element: BinaryFloatingPoint {
  public var _swadLayout: _SwadArrayLayout {
    let address = withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
    return (address, capacity, count, MemoryLayout<Element>.stride)
  }
}

/// The arrays of floating-point numbers nested in the shadow of an `inout` value (in its stored
/// properties, the elements of its arrays, and the stored properties of the objects it refers to,
/// found by reflection), for the generated derivatives (in forward mode the shadow's storage may move
/// with the primal's: `mayMove`). At the call their spare capacity is zeroed (an array growing in
/// place reads it as the seeds of its new elements). After it, in reverse mode, an array that got new
/// storage (it grew past its capacity: the adjoints of its elements stay in the old storage), that
/// moved (the rows of a `[[Double]]` swapped or sorted: the adjoints of its elements stay in place,
/// those of the scalars beside it move back), that was removed or inserted before others, or that
/// shrank (the adjoints of its removed elements are past its count), and in both modes an array that
/// grew past the shadow's capacity, is a runtime error rather than a gradient silently lost. Arrays
/// added after all the others (rows appended) are fine.
public struct ArrayStorageSnapshot {
  @usableFromInline let arrays: [(address: UnsafeMutableRawPointer?, capacity: Int, count: Int)]

  @_alwaysEmitIntoClient
  public init<T>(_ shadow: T) {
    let layouts = Self.layouts(in: shadow)
    arrays = layouts.map { ($0.address, $0.capacity, $0.count) }
    for (address, capacity, count, stride) in layouts where capacity > count {
      if let address {
        (address + count * stride).initializeMemory(
          as: UInt8.self, repeating: 0, count: (capacity - count) * stride)
      }
    }
  }

  @_alwaysEmitIntoClient
  static func layouts(in value: Any) -> [_SwadArrayLayout] {
    var found: [_SwadArrayLayout] = []
    var visited: Set<ObjectIdentifier> = []
    func visit(_ value: Any) {
      if let array = value as? any _SwadFloatArray {
        found.append(array._swadLayout)
        return
      }
      // An array of plain data (of `SIMD4<Double>`s, of structs of doubles) holds no arrays: its
      // elements are not reflected one by one.
      // The rows of a `[[Double]]`, read without reflecting over each.
      if let array = value as? any _SwadArrayStorage {
        if array._swadElementsArePlainData { return }
        if let rows = array._swadRowLayouts {
          found += rows
          return
        }
      }
      // Stored properties of structs, tuples and enums, the elements of collections, and the stored
      // properties of the objects classes refer to (once each: they may form cycles).
      let mirror = Mirror(reflecting: value)
      if mirror.displayStyle == .class {
        guard visited.insert(ObjectIdentifier(value as AnyObject)).inserted else { return }
        var level: Mirror? = mirror
        while let current = level {
          for child in current.children { visit(child.value) }
          level = current.superclassMirror
        }
        return
      }
      for child in mirror.children { visit(child.value) }
    }
    visit(value)
    return found
  }

  /// After the derivative: the arrays inside the shadow still have their storage, in their order, and
  /// their counts (reverse mode), and those inside the primal did not grow past it.
  @_alwaysEmitIntoClient
  public func requireSameStorage<T>(
    _ shadow: T, primal value: T, derivative: StaticString, primal: StaticString,
    shadowName: StaticString, mayMove: Bool = false
  ) {
    let now = Self.layouts(in: shadow)
    let primals = Self.layouts(in: value)
    let moved =
      !mayMove
      && (now.count < arrays.count || zip(now, arrays).contains { $0.address != $1.address })
    let shrank = !mayMove && !moved && zip(now, arrays).contains { $0.count < $1.count }
    // Grown in place (the shadow's storage stayed, as the primal's did) past the shadow's capacity.
    let overflowed =
      primals.count >= arrays.count && now.count >= arrays.count
      && (0..<arrays.count).contains {
        primals[$0].count > arrays[$0].capacity && now[$0].address == arrays[$0].address
      }
    if moved || overflowed {
      fatalError(
        "\(derivative): an array inside '\(primal)' got new storage, moved, or was removed or inserted before "
          + "others inside the derivative (it grew past its capacity, was replaced, swapped or sorted), so the "
          + "adjoints of its elements cannot reach '\(shadowName)' in the places they had at the call; change "
          + "the arrays' elements in place (append rows after the others), pass the array as an inout [Double] "
          + "parameter of its own, or reserve the same capacity in '\(primal)' and '\(shadowName)' before the "
          + "call")
    }
    if shrank {
      fatalError(
        "\(derivative): an array inside '\(primal)' has fewer elements after the derivative than at the call "
          + "(removeLast, removeFirst, removeAll), so the adjoints of the removed elements cannot reach "
          + "'\(shadowName)'; pass the array as an inout [Double] parameter of its own, or work on a copy")
    }
  }
}

/// Stops the program unless the arrays of floating-point numbers nested in `shadow` (the rows of a
/// `[[Double]]`, a struct's fields, an object's) have the counts of those in `value`, with the same
/// optionals present: a shorter shadow row lost adjoints silently, a longer primal one corrupted
/// memory, and a `nil` shadow where the primal had an array crashed.
@_alwaysEmitIntoClient
public func requireSameShape<T>(
  _ value: T, _ shadow: T, derivative: StaticString, primal: StaticString, shadowName: StaticString
) {
  let primals = ArrayStorageSnapshot.layouts(in: value)
  let shadows = ArrayStorageSnapshot.layouts(in: shadow)
  guard primals.count != shadows.count || zip(primals, shadows).contains(where: { $0.count != $1.count })
  else { return }
  fatalError(
    "\(derivative): the arrays inside '\(shadowName)' need the shape of those inside '\(primal)' (as many "
      + "arrays, each with as many elements, the same optionals present): '\(primal)' has "
      + "\(primals.map(\.count)) elements, '\(shadowName)' \(shadows.map(\.count))")
}
