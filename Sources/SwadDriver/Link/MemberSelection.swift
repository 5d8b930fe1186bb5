// Which members of static libraries a link needs, as a linker decides it: a member is taken when it
// defines a symbol that what is taken so far references and nothing defines, until nothing changes.
// The libraries are searched as one group (as with --start-group), so their order does not matter.

/// The global symbols an object defines and references.
public struct SymbolSet: Equatable, Sendable {
  public var defined: Set<String>
  public var undefined: Set<String>

  public init(defined: Set<String> = [], undefined: Set<String> = []) {
    self.defined = defined
    self.undefined = undefined
  }
}

public enum MemberSelection {
  /// For each archive, which of its members are taken, given the objects that are always linked
  /// (`roots`: the bitcode objects and the native objects of the command line).
  public static func select(roots: [SymbolSet], archives: [[SymbolSet]]) -> [[Bool]] {
    var taken = archives.map { Array(repeating: false, count: $0.count) }
    var defined = Set<String>()
    var referenced = Set<String>()
    func take(_ symbols: SymbolSet) {
      defined.formUnion(symbols.defined)
      referenced.formUnion(symbols.undefined)
    }
    roots.forEach(take)
    var changed = true
    while changed {
      changed = false
      let wanted = referenced.subtracting(defined)
      if wanted.isEmpty { break }
      for (archive, members) in archives.enumerated() {
        for (index, member) in members.enumerated() where !taken[archive][index] {
          if !member.defined.isDisjoint(with: wanted) {
            taken[archive][index] = true
            take(member)
            changed = true
          }
        }
      }
    }
    return taken
  }
}
