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
    seeded = shadow.withUnsafeBytes { bytes in bytes.contains { $0 != 0 } }
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

/// Arrays of floating-point numbers (`Array`, `ContiguousArray`, `ArraySlice`), whose storage
/// `ArrayStorageSnapshot` watches.
public protocol _SwadFloatArray {
  /// The address of the first element, the capacity, the count, and the elements' stride.
  var _swadLayout: (address: UnsafeMutableRawPointer?, capacity: Int, count: Int, stride: Int) { get }
}

extension Array: _SwadFloatArray where Element: BinaryFloatingPoint {
  public var _swadLayout: (address: UnsafeMutableRawPointer?, capacity: Int, count: Int, stride: Int) {
    let address = withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
    return (address, capacity, count, MemoryLayout<Element>.stride)
  }
}

extension ContiguousArray: _SwadFloatArray where Element: BinaryFloatingPoint {
  public var _swadLayout: (address: UnsafeMutableRawPointer?, capacity: Int, count: Int, stride: Int) {
    let address = withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
    return (address, capacity, count, MemoryLayout<Element>.stride)
  }
}

extension ArraySlice: _SwadFloatArray where Element: BinaryFloatingPoint {
  public var _swadLayout: (address: UnsafeMutableRawPointer?, capacity: Int, count: Int, stride: Int) {
    let address = withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
    return (address, capacity, count, MemoryLayout<Element>.stride)
  }
}

/// The arrays of floating-point numbers inside the shadow of an `inout` value other than an array (in
/// its stored properties and those of the objects it refers to, found by reflection), for the
/// generated derivatives (in forward mode the shadow's storage may move with the primal's:
/// `mayMove`). At the call their spare capacity is zeroed (an array growing in place reads it as the
/// seeds of its new elements). After it, an array that got new storage (it grew past its capacity:
/// the adjoints of its elements stay in the old storage) or that grew past the shadow's capacity is a
/// runtime error rather than a gradient silently lost.
public struct ArrayStorageSnapshot {
  @usableFromInline let arrays: [(address: UnsafeMutableRawPointer?, capacity: Int)]

  @_alwaysEmitIntoClient
  public init<T>(_ shadow: T) {
    arrays = Self.arrays(in: shadow)
    for (address, capacity, count, stride) in Self.layouts(in: shadow) where capacity > count {
      if let address {
        (address + count * stride).initializeMemory(
          as: UInt8.self, repeating: 0, count: (capacity - count) * stride)
      }
    }
  }

  @_alwaysEmitIntoClient
  static func arrays(in value: Any) -> [(address: UnsafeMutableRawPointer?, capacity: Int)] {
    layouts(in: value).map { ($0.address, $0.capacity) }
  }

  @_alwaysEmitIntoClient
  static func layouts(in value: Any) -> [(
    address: UnsafeMutableRawPointer?, capacity: Int, count: Int, stride: Int
  )] {
    var found: [(address: UnsafeMutableRawPointer?, capacity: Int, count: Int, stride: Int)] = []
    var visited: Set<ObjectIdentifier> = []
    func visit(_ value: Any) {
      if let array = value as? any _SwadFloatArray {
        found.append(array._swadLayout)
        return
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

  /// After the derivative: the arrays inside the shadow still have their storage, and those inside
  /// the primal did not grow past it.
  @_alwaysEmitIntoClient
  public func requireSameStorage<T>(
    _ shadow: T, primal value: T, derivative: StaticString, primal: StaticString,
    shadowName: StaticString, mayMove: Bool = false
  ) {
    let now = Self.arrays(in: shadow)
    let primals = Self.layouts(in: value)
    let moved =
      !mayMove && (now.count != arrays.count || zip(now, arrays).contains { $0.address != $1.address })
    // Grown in place (the shadow's storage stayed, as the primal's did) past the shadow's capacity.
    let overflowed =
      primals.count == arrays.count && now.count == arrays.count
      && (0..<arrays.count).contains {
        primals[$0].count > arrays[$0].capacity && now[$0].address == arrays[$0].address
      }
    if moved || overflowed {
      preconditionFailure(
        "\(derivative): an array inside '\(primal)' got new storage inside the derivative (it grew past its "
          + "capacity), so the adjoints of its elements cannot reach '\(shadowName)'; pass the array as an "
          + "inout [Double] parameter of its own, or reserve the same capacity in '\(primal)' and "
          + "'\(shadowName)' before the call")
    }
  }
}
