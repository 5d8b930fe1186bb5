// What each byte of an integer value holds: the lattice of the integer type analysis.
import CLLVM
import LLVMBinding

/// A floating-point format whose bits an integer can carry.
enum FloatFormat: Int, Hashable, CustomStringConvertible {
  case half = 2
  case single = 4
  case double = 8

  var size: Int { rawValue }

  init?(_ type: IRType) {
    switch type.kind {
    case LLVMHalfTypeKind: self = .half
    case LLVMFloatTypeKind: self = .single
    case LLVMDoubleTypeKind: self = .double
    default: return nil
    }
  }

  func type(in context: LLVMContextRef) -> IRType {
    switch self {
    case .half: IRType(LLVMHalfTypeInContext(context))
    case .single: IRType(LLVMFloatTypeInContext(context))
    case .double: IRType(LLVMDoubleTypeInContext(context))
    }
  }

  var description: String { self == .half ? "half" : self == .single ? "float" : "double" }
}

/// What one byte of an integer holds. The order of refinement: `unknown` (nothing seen), then
/// `anything` (a constant, or bits an operation set to zero: valid as any type), then one of
/// `integer` or byte `index` of a `float`, and `conflict` when the value is used both ways.
enum ByteContent: Hashable {
  case unknown
  case anything
  case integer
  case float(FloatFormat, index: Int)
  case conflict

  func joined(with other: ByteContent) -> ByteContent {
    switch (self, other) {
    case (.unknown, _): other
    case (_, .unknown): self
    case (.anything, _): other
    case (_, .anything): self
    case _ where self == other: self
    default: .conflict
    }
  }

  var isFloat: Bool { if case .float = self { true } else { false } }
}

/// One part of an integer's bytes: a floating-point value, or a run of bytes that are not one.
struct BytePiece: Hashable {
  var offset: Int
  var size: Int
  /// The format of a floating-point piece; nil for integer bytes.
  var format: FloatFormat?
}

/// What each byte of an integer value holds, least significant byte first (swad targets
/// little-endian machines, where that is also the byte order in memory).
struct ByteLayout: Hashable, CustomStringConvertible {
  var bytes: [ByteContent]

  init(_ bytes: [ByteContent]) { self.bytes = bytes }
  init(repeating content: ByteContent, count: Int) { bytes = Array(repeating: content, count: count) }

  /// The bytes of a value of floating-point type `type` (a scalar or a vector of them), or nil.
  init?(floatingPoint type: IRType) {
    let element = type.isVector ? type.elementType : type
    guard let format = FloatFormat(element) else { return nil }
    let count = type.isVector ? Int(type.vectorSize) : 1
    bytes = (0..<count).flatMap { _ in (0..<format.size).map { ByteContent.float(format, index: $0) } }
  }

  var count: Int { bytes.count }

  func joined(with other: ByteLayout) -> ByteLayout {
    precondition(count == other.count, "layouts of different sizes")
    return ByteLayout(zip(bytes, other.bytes).map { $0.joined(with: $1) })
  }

  /// The layout shifted toward the more significant bytes by `amount` bytes (negative: toward the
  /// less significant), with `fill` in the bytes shifted in.
  func shifted(by amount: Int, fill: ByteContent) -> ByteLayout {
    ByteLayout(
      (0..<count).map { index in
        let source = index - amount
        return source >= 0 && source < count ? bytes[source] : fill
      })
  }

  /// The first `count` bytes, padded with `fill` when the layout is shorter.
  func resized(to newCount: Int, fill: ByteContent) -> ByteLayout {
    ByteLayout((0..<newCount).map { $0 < count ? bytes[$0] : fill })
  }

  /// The value's pieces when it carries whole floating-point values at least in part, with no byte
  /// used both ways; nil otherwise (then the value is left as it is).
  var floatPieces: [BytePiece]? {
    guard bytes.contains(where: \.isFloat), !bytes.contains(.conflict) else { return nil }
    var pieces: [BytePiece] = []
    var offset = 0
    while offset < count {
      if case .float(let format, let index) = bytes[offset] {
        // A float's bytes, complete and in order; a part of one cannot be given a type.
        guard index == 0, offset + format.size <= count,
          (0..<format.size).allSatisfy({ bytes[offset + $0] == .float(format, index: $0) })
        else { return nil }
        pieces.append(BytePiece(offset: offset, size: format.size, format: format))
        offset += format.size
      } else {
        var end = offset
        while end < count, !bytes[end].isFloat { end += 1 }
        pieces.append(BytePiece(offset: offset, size: end - offset, format: nil))
        offset = end
      }
    }
    return pieces
  }

  var description: String {
    var parts: [String] = []
    var offset = 0
    while offset < count {
      var end = offset + 1
      while end < count, Self.sameRun(bytes[end - 1], bytes[end]) { end += 1 }
      let range = end - offset == 1 ? "\(offset)" : "\(offset)-\(end - 1)"
      switch bytes[offset] {
      case .unknown: parts.append("\(range): unknown")
      case .anything: parts.append("\(range): anything")
      case .integer: parts.append("\(range): integer")
      case .conflict: parts.append("\(range): conflict")
      case .float(let format, _): parts.append("\(range): \(format)")
      }
      offset = end
    }
    return "{" + parts.joined(separator: ", ") + "}"
  }

  /// Whether two adjacent bytes print as one range: the same content, or the next byte of one float.
  private static func sameRun(_ a: ByteContent, _ b: ByteContent) -> Bool {
    if case .float(let format, let index) = a, case .float(let nextFormat, let nextIndex) = b {
      return format == nextFormat && nextIndex == index + 1
    }
    return a == b
  }
}
