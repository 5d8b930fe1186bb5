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
