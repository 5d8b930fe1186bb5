// Lists written as text with nested brackets: LLVM's pass pipelines, demangled signatures.

extension StringProtocol {
  /// The text cut at the commas outside parentheses, angle brackets and square brackets
  /// (`a<b,c>,d(e,f)` gives `a<b,c>` and `d(e,f)`), each part as written.
  public func itemsOutsideBrackets() -> [SubSequence] {
    var items: [SubSequence] = []
    var depth = 0
    var start = startIndex
    for index in indices {
      switch self[index] {
      case "(", "<", "[": depth += 1
      case ")", ">", "]": depth -= 1
      case "," where depth == 0:
        items.append(self[start..<index])
        start = self.index(after: index)
      default: break
      }
    }
    if start < endIndex { items.append(self[start...]) }
    return items
  }
}
