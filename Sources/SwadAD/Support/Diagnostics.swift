// Errors users can act on, and remarks that say what the transform did.
import CLLVM
import Glibc
import LLVMBinding

/// A problem in the user's program that stops differentiation. It names the function and, where
/// debug info exists, the file and line, and says what to do about it.
public struct ADError: Error, CustomStringConvertible {
  public var message: String
  public var function: String?
  public var location: SourceLocation?
  /// The calls through which the differentiated code reached the function the error is in, innermost
  /// first (`'f' at main.swift:12:5`): the error's own place may be a library's or the compiler's
  /// (`<compiler-generated>:0` in a standard-library specialization), the user's call is in here.
  public var callers: [String] = []

  public init(_ message: String, function: String? = nil, location: SourceLocation? = nil) {
    self.message = message
    self.function = function
    self.location = location
  }

  /// An error about `instruction`, located at it (or at its function when it has no location).
  public init(_ message: String, at instruction: Instruction) {
    let function = instruction.function
    self.init(
      message, function: function.name,
      location: instruction.sourceLocation ?? function.sourceLocation)
  }

  public var description: String {
    var text = ""
    if let location { text += "\(location): " }
    if let function { text += "in function '\(demangledIfPossible(function))': " }
    text += message
    if !callers.isEmpty { text += " (reached from " + callers.joined(separator: ", from ") + ")" }
    return text
  }

  /// `body`'s result; an error it throws records `call` as the call that reached its function.
  static func reached<T>(through call: Instruction, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch var error as ADError {
      error.noteCaller(call)
      throw error
    }
  }

  /// Records that the function of the error was reached through `call` (a few levels at most).
  public mutating func noteCaller(_ call: Instruction) {
    guard callers.count < 4 else { return }
    let caller = "'\(demangledIfPossible(call.function.name))'"
    // The place in the caller's own code: the end of the inlined-at chain (a call the standard
    // library's inlined `map` makes is at the user's `map`).
    if let outer = call.location?.outermost, outer.line != 0, let file = outer.fileName {
      callers.append(caller + " at \(file):\(outer.line)" + (outer.column > 0 ? ":\(outer.column)" : ""))
    } else if let place = call.sourceLocation, place.line != 0 {
      callers.append(caller + " at \(place)")
    } else {
      callers.append(caller)
    }
  }
}

extension ADError {
  /// An active value reaches a function that has no body and no rule.
  static func noDerivative(for callee: Function, mode: DerivativeMode, at call: Instruction) -> ADError {
    if let advice = knownGaps[callee.name] {
      return ADError(
        "cannot differentiate a call of '\(callee.name)': \(advice)", at: call)
    }
    if SwiftRuntime.isStandardLibrary(callee.name) {
      // `(extension in _StringProcessing)` and the like: a library beside the core one.
      let library = callee.name.contains("17_StringProcessing") ? "libswift_StringProcessing" : "libswiftCore"
      return ADError(
        "cannot differentiate a call of '\(demangledIfPossible(callee.name))': a Swift standard-library "
          + "function that is not in this module (it runs in \(library)) and has no rule in swad; "
          + SwiftRuntime.unsupportedAdvice, at: call)
    }
    if callee.name.hasPrefix("llvm.") {
      // An intrinsic cannot be defined or registered: what helps is code without it.
      return ADError(
        "cannot differentiate a call of the intrinsic '\(callee.name)': swad has no derivative rule for "
          + "it; write the operation in plain arithmetic (the vectorizers make vector instructions of "
          + "it), or keep it out of the differentiated code", at: call)
    }
    let register = mode == .forward ? "__enzyme_register_derivative_" : "__enzyme_register_gradient_"
    return ADError(
      "cannot differentiate a call of '\(demangledIfPossible(callee.name))': it has no body in this module "
        + "and no derivative rule; define it in the module, register a "
        + "\(mode == .forward ? "derivative" : "gradient") (\(register)\(callee.name)), or mark it inactive "
        + "(__enzyme_inactivefn)", at: call)
  }

  /// Library functions people call on active data that swad has no rule for, with what to write
  /// instead: their generic error would send the user to register a derivative that is hard to
  /// write.
  static let knownGaps: [String: String] = [
    "qsort_r":
      "qsort_r differs between C libraries (BSD's and macOS's take the context before the comparison) and "
      + "swad differentiates glibc's, on Linux; call qsort (differentiated on every target), write the sort "
      + "in the program (its swaps move the values and their derivatives), or sort outside the "
      + "differentiated function",
    "swift_getAtKeyPath":
      "a key path used as a function or a subscript (`map(\\.x)`, `v[keyPath: path]`) reads a property "
      + "that swad cannot see; write a closure instead (`map { $0.x }`)",
    "swift_modifyAtWritableKeyPath": writableKeyPath,
    "swift_modifyAtReferenceWritableKeyPath": writableKeyPath,
    "swift_setAtWritableKeyPath": writableKeyPath,
    "swift_setAtReferenceWritableKeyPath": writableKeyPath,
  ]

  private static let writableKeyPath =
    "a writable key path (`v[keyPath: path] *= s`, `v[keyPath: path] = x`) changes a property that swad "
    + "cannot see; pass a closure that takes the value `inout` instead (`{ $0.y *= s }`)"

  /// An active value reaches a call through a function pointer.
  static func indirectCall(at call: Instruction) -> ADError {
    if call.calledOperand.isInlineAsm {
      return ADError(
        "cannot differentiate inline assembly ('\(InlineAssembly.text(of: call))') with active floating-point arguments or "
          + "result: what it computes is not visible to swad; write it in C (or with intrinsics), or register a "
          + "derivative for a function that wraps it", at: call)
    }
    if isVirtualCall(call) {
      return ADError(
        "cannot differentiate a virtual call (through the object's vtable) with active arguments or an "
          + "active result yet; call the function directly (a final class, a template) if the target is known",
        at: call)
    }
    return ADError(
      "cannot differentiate an indirect call (through a function pointer) with active arguments or an active result",
      at: call)
  }

  /// Whether the callee is loaded from a vtable that is loaded from the first argument (`this`),
  /// through address arithmetic: C++'s virtual call.
  static func isVirtualCall(_ call: Instruction) -> Bool {
    func stripped(_ value: Value) -> Value {
      var value = value
      while let instruction = value.asInstruction,
        instruction.opcode == LLVMGetElementPtr || instruction.opcode == LLVMBitCast
      {
        value = instruction.operand(0)
      }
      return value
    }
    guard let first = call.arguments.first,
      let slot = call.calledOperand.asInstruction, slot.opcode == LLVMLoad,
      let vtable = stripped(slot.operand(0)).asInstruction, vtable.opcode == LLVMLoad
    else { return false }
    return stripped(vtable.operand(0)) == stripped(first)
  }

  /// A call with exception handling (`invoke`) in the way of the derivative.
  static func invoke(at call: Instruction) -> ADError {
    ADError(
      "cannot differentiate through 'invoke' (a call with exception handling) yet; compile "
        + "with -fno-exceptions or keep the active computation out of try regions", at: call)
  }
}

/// What the transform did or declined to do, for `-Rpass`-style reporting.
public struct Remark: CustomStringConvertible, Sendable {
  public var message: String
  /// A warning: something the user should fix (tools print these on stderr as `warning:`).
  public var isWarning = false
  public init(_ message: String) { self.message = message }
  public static func warning(_ message: String) -> Remark {
    var remark = Remark(message)
    remark.isWarning = true
    return remark
  }
  public var description: String { message }
}

/// Swift and C++ symbols are mangled; show them as users wrote them (by the Swift runtime's
/// demangler, or the C++ runtime's), the symbol after.
func demangledIfPossible(_ name: String) -> String {
  (demangledSwiftName(name) ?? demangledCXXName(name)).map { $0 + " (\(name))" } ?? name
}

/// The C++ runtime's demangling of `name` (an Itanium `_Z` symbol), or nil.
func demangledCXXName(_ name: String) -> String? {
  guard name.hasPrefix("_Z") else { return nil }
  var status: Int32 = 0
  guard let demangled = name.withCString({ __cxa_demangle($0, nil, nil, &status) }), status == 0 else {
    return nil
  }
  defer { free(demangled) }
  return String(cString: demangled)
}

@_silgen_name("__cxa_demangle")
private func __cxa_demangle(
  _ mangled: UnsafePointer<CChar>, _ output: UnsafeMutablePointer<CChar>?,
  _ length: UnsafeMutablePointer<Int>?,
  _ status: UnsafeMutablePointer<Int32>
) -> UnsafeMutablePointer<CChar>?

/// The Swift runtime's demangling of `name`, or nil if it is not a Swift symbol.
func demangledSwiftName(_ name: String) -> String? {
  guard name.hasPrefix("$s") || name.hasPrefix("_$s") else { return nil }
  guard let demangled = name.withCString({ swift_demangle($0, name.utf8.count, nil, nil, 0) }) else {
    return nil
  }
  defer { free(demangled) }
  return String(cString: demangled)
}

@_silgen_name("swift_demangle")
private func swift_demangle(
  _ mangled: UnsafePointer<CChar>, _ length: Int, _ output: UnsafeMutablePointer<CChar>?,
  _ outputLength: UnsafeMutablePointer<Int>?, _ flags: UInt32
) -> UnsafeMutablePointer<CChar>?
