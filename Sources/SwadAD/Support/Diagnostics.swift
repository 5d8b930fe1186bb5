// Errors users can act on, and remarks that say what the transform did.
import LLVMBinding

/// A problem in the user's program that stops differentiation. It names the function and, where
/// debug info exists, the file and line, and says what to do about it.
public struct ADError: Error, CustomStringConvertible {
  public var message: String
  public var function: String?
  public var location: SourceLocation?

  public init(_ message: String, function: String? = nil, location: SourceLocation? = nil) {
    self.message = message
    self.function = function
    self.location = location
  }

  /// An error about `instruction`, located at it (or at its function when it has no location).
  public init(_ message: String, at instruction: Instruction) {
    let function = instruction.function
    self.init(message, function: function.name,
              location: instruction.sourceLocation ?? function.sourceLocation)
  }

  public var description: String {
    var text = ""
    if let location { text += "\(location): " }
    if let function { text += "in function '\(demangledIfPossible(function))': " }
    return text + message
  }
}

/// What the transform did or declined to do, for `-Rpass`-style reporting.
public struct Remark: CustomStringConvertible, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Swift symbols are mangled; show them as users wrote them when the runtime can tell.
func demangledIfPossible(_ name: String) -> String { name }
