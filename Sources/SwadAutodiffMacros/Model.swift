// What the macros know about activities and about the types of parameters, read from syntax alone
// (a macro sees no types: `typealias Real = Double` is not known to be a float).
import SwiftSyntax

/// Reverse mode (`__enzyme_autodiff`) or forward mode (`__enzyme_fwddiff`).
enum Mode {
  case reverse, forward

  var attributeName: String { self == .reverse ? "@autodiffReverse" : "@autodiffForward" }
  var entryPoint: String { self == .reverse ? "__enzyme_autodiff" : "__enzyme_fwddiff" }
}

/// The activities of Rust's `DiffActivity` (without `None`), as the library's `Activity` spells them.
enum ActivityName: String, CaseIterable {
  case const, active, activeOnly, duplicated, duplicatedOnly, dual, dualOnly, dualv, dualvOnly

  /// The mode the activity belongs to; nil for `.const`, which belongs to both.
  var mode: Mode? {
    switch self {
    case .const: return nil
    case .active, .activeOnly, .duplicated, .duplicatedOnly: return .reverse
    case .dual, .dualOnly, .dualv, .dualvOnly: return .forward
    }
  }

  /// The primal is not needed (`Only`): `enzyme_dupnoneed` for parameters, no primal for results.
  var isOnly: Bool { [.activeOnly, .duplicatedOnly, .dualOnly, .dualvOnly].contains(self) }
  var isVector: Bool { self == .dualv || self == .dualvOnly }
  var spelled: String { "." + rawValue }
}

/// Float, Double, or a (possibly nested, possibly labeled) tuple of them: the values that can be
/// active in reverse mode and carry a tangent of their own type in forward mode.
indirect enum FloatTree: Equatable {
  case scalar(String)
  case tuple([(label: String?, tree: FloatTree)])

  static func == (a: FloatTree, b: FloatTree) -> Bool { a.typeText == b.typeText }

  /// The scalar types in order (the tuple flattened).
  var leaves: [String] {
    switch self {
    case .scalar(let type): return [type]
    case .tuple(let elements): return elements.flatMap(\.tree.leaves)
    }
  }

  var typeText: String {
    switch self {
    case .scalar(let type): return type
    case .tuple(let elements):
      return "("
        + elements.map { ($0.label.map { "\($0): " } ?? "") + $0.tree.typeText }.joined(separator: ", ") + ")"
    }
  }

  /// The paths (`.0`, `.1.0`, ...) of the leaves, in order.
  var leafPaths: [String] {
    switch self {
    case .scalar: return [""]
    case .tuple(let elements):
      return elements.enumerated().flatMap { index, element in element.tree.leafPaths.map { ".\(index)" + $0 }
      }
    }
  }

  /// A value of this type assembled from leaf expressions, consumed in order.
  func assemble(_ leaves: inout ArraySlice<String>) -> String {
    switch self {
    case .scalar: return leaves.popFirst()!
    case .tuple(let elements):
      return "("
        + elements.map { ($0.label.map { "\($0): " } ?? "") + $0.tree.assemble(&leaves) }
        .joined(separator: ", ") + ")"
    }
  }

  var isScalar: Bool { if case .scalar = self { return true } else { return false } }
}

/// The kinds of parameter types the macros tell apart.
enum ParameterKind {
  /// `Double`, `Float`, or tuples of them.
  case floats(FloatTree)
  /// `Int`, `Int32`, `UInt8`, `Bool`, ...: C-representable, never differentiated.
  case integer(String)
  /// `UnsafePointer<T>`, `UnsafeMutablePointer<T>`, optionally optional.
  case pointer(mutable: Bool, optional: Bool, element: String)
  /// `UnsafeBufferPointer<T>`, `UnsafeMutableBufferPointer<T>`.
  case buffer(mutable: Bool, element: String)
  /// `[T]` or `Array<T>`.
  case array(element: String)
  /// `inout` of a float or a tuple of floats.
  case inoutFloats(FloatTree)
  /// `inout [T]`.
  case inoutArray(element: String)
  /// `inout` of anything else.
  case inoutOther(String)
  /// Anything else: only `.const`, passed by address. A closure (a function type) is non-escaping
  /// unless marked: its address is taken inside `withoutActuallyEscaping`.
  case other(String, isFunction: Bool)

  var isPointerLike: Bool {
    switch self {
    case .pointer, .buffer, .array, .inoutFloats, .inoutArray, .inoutOther: return true
    case .floats, .integer, .other: return false
    }
  }

  /// How a message names the kind.
  var describedAs: String {
    switch self {
    case .floats(let tree):
      return tree.isScalar ? "a floating-point value" : "a tuple of floating-point values"
    case .integer: return "an integer"
    case .pointer: return "a pointer"
    case .buffer: return "a buffer pointer"
    case .array: return "an array"
    case .inoutFloats, .inoutArray, .inoutOther: return "an inout parameter"
    case .other: return "a value the macro cannot differentiate"
    }
  }
}

enum TypeReader {
  static let floatNames: Set<String> = ["Double", "Float", "Float64", "Float32"]
  static let integerNames: Set<String> = [
    "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64", "Bool",
  ]

  /// The type's text without a leading `Swift.` and without trivia.
  static func text(_ type: TypeSyntax) -> String {
    var text = type.trimmedDescription
    if text.hasPrefix("Swift.") { text.removeFirst("Swift.".count) }
    return text
  }

  /// Reads a parameter's type.
  static func kind(of type: TypeSyntax) -> ParameterKind {
    if let attributed = type.as(AttributedTypeSyntax.self),
      attributed.specifiers.contains(where: { $0.trimmedDescription == "inout" })
    {
      let base = attributed.baseType
      if let tree = floatTree(base) { return .inoutFloats(tree) }
      if let element = arrayElement(base) { return .inoutArray(element: element) }
      return .inoutOther(text(base))
    }
    if let attributed = type.as(AttributedTypeSyntax.self) { return kind(of: attributed.baseType) }
    if let tree = floatTree(type) { return .floats(tree) }
    if integerNames.contains(text(type)) { return .integer(text(type)) }
    if let element = arrayElement(type) { return .array(element: element) }
    if let optional = type.as(OptionalTypeSyntax.self),
      case .pointer(let mutable, false, let element) = kind(of: optional.wrappedType)
    {
      return .pointer(mutable: mutable, optional: true, element: element)
    }
    if let (name, element) = generic(type) {
      switch name {
      case "UnsafePointer": return .pointer(mutable: false, optional: false, element: element)
      case "UnsafeMutablePointer": return .pointer(mutable: true, optional: false, element: element)
      case "UnsafeBufferPointer": return .buffer(mutable: false, element: element)
      case "UnsafeMutableBufferPointer": return .buffer(mutable: true, element: element)
      default: break
      }
    }
    return .other(text(type), isFunction: type.is(FunctionTypeSyntax.self))
  }

  /// `Double`, `Float`, or a tuple of them.
  static func floatTree(_ type: TypeSyntax) -> FloatTree? {
    if floatNames.contains(text(type)) { return .scalar(text(type)) }
    if let tuple = type.as(TupleTypeSyntax.self) {
      if tuple.elements.count == 1, let only = tuple.elements.first, only.firstName == nil {
        return floatTree(only.type)
      }
      guard !tuple.elements.isEmpty else { return nil }
      var elements: [(label: String?, tree: FloatTree)] = []
      for element in tuple.elements {
        guard let tree = floatTree(element.type) else { return nil }
        elements.append((element.firstName?.text, tree))
      }
      return .tuple(elements)
    }
    return nil
  }

  /// The element type of `[T]` or `Array<T>`.
  static func arrayElement(_ type: TypeSyntax) -> String? {
    if let array = type.as(ArrayTypeSyntax.self) { return text(array.element) }
    if let (name, element) = generic(type), name == "Array" { return element }
    return nil
  }

  /// `Name<Element>` with one generic argument.
  static func generic(_ type: TypeSyntax) -> (String, String)? {
    let name: String
    let arguments: GenericArgumentClauseSyntax?
    if let identifier = type.as(IdentifierTypeSyntax.self) {
      name = identifier.name.text
      arguments = identifier.genericArgumentClause
    } else if let member = type.as(MemberTypeSyntax.self), member.baseType.trimmedDescription == "Swift" {
      name = member.name.text
      arguments = member.genericArgumentClause
    } else {
      return nil
    }
    guard let arguments, arguments.arguments.count == 1, let argument = arguments.arguments.first else {
      return nil
    }
    return (name, argument.argument.trimmedDescription)
  }
}
