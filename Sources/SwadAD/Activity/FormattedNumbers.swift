// Numbers with a derivative written as text and read back: the derivative cannot go through text.
import CLLVM
import LLVMBinding

extension ActivityAnalysis {
  /// The C library's formatting of values into a buffer (`snprintf(text, size, "%.17g", x)`): the
  /// position of the first value formatted.
  private static let formatters: [String: Int] = ["sprintf": 2, "snprintf": 3]
  /// Its parsing of numbers out of text (their results are constants: `Rules/SearchRoutines.swift`).
  private static let parsers: Set<String> = ["strtod", "strtof", "strtold", "atof"]

  /// Throws when the function formats a floating-point value with a derivative into a buffer and
  /// parses a number out of that buffer again (a value printed with `%.17g` and read back with
  /// `strtod`, a round trip through text): the number parsed is a constant to swad, and the
  /// derivative through it was silently 0. Printing alone, and parsing text that nothing with a
  /// derivative was written into, are fine.
  func requireFormattedNumbersStayText(in function: Function) throws {
    var formatted: [Value: Instruction] = [:]
    var parses: [Instruction] = []
    for block in function.blocks {
      for call in block.instructions where call.isCall {
        guard let name = call.calledFunction?.name else { continue }
        let arguments = call.arguments
        if let first = Self.formatters[name], first < arguments.count,
          arguments[first...].contains(where: { $0.type.isFloatingPoint && isVaried($0) })
        {
          formatted[MemoryWrites.underlyingObject(arguments[0])] = call
        } else if Self.parsers.contains(name), !arguments.isEmpty {
          parses.append(call)
        }
      }
    }
    guard !formatted.isEmpty else { return }
    for parse in parses {
      guard let format = formatted[MemoryWrites.underlyingObject(parse.arguments[0])] else { continue }
      let place = format.sourceLocation.map { " (at \($0))" } ?? ""
      throw ADError(
        "a number is parsed here from text into which '\(format.calledFunction!.name)'\(place) wrote a value "
          + "with a derivative: the derivative does not go through text, so it would be lost; pass the value "
          + "itself, not its digits",
        at: parse)
    }
  }
}
