// The global symbols a native relocatable ELF object (64-bit, little-endian: x86-64, AArch64) defines
// and references, read from its symbol table: what native objects ask of a static library's bitcode.
import Foundation

public enum ELFSymbols {
  /// The symbols of an ELF relocatable object, or nil for anything else (shared libraries, linker
  /// scripts, other formats).
  public static func read(_ data: Data) -> SymbolSet? {
    let bytes = [UInt8](data)
    func integer(_ offset: Int, _ size: Int) -> Int? {
      guard offset >= 0, offset + size <= bytes.count else { return nil }
      var value = 0
      for index in (0..<size).reversed() { value = value << 8 | Int(bytes[offset + index]) }
      return value
    }
    // "\x7FELF", 64-bit, little-endian, a relocatable file.
    guard bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]), bytes.count > 64, bytes[4] == 2, bytes[5] == 1,
      integer(16, 2) == 1,
      let sectionsOffset = integer(0x28, 8), let sectionSize = integer(0x3A, 2),
      let sectionCount = integer(0x3C, 2),
      sectionSize >= 64
    else { return nil }
    var symbols = SymbolSet()
    for section in 0..<sectionCount {
      let header = sectionsOffset + section * sectionSize
      guard integer(header + 4, 4) == 2,  // SHT_SYMTAB
        let offset = integer(header + 0x18, 8), let size = integer(header + 0x20, 8),
        let link = integer(header + 0x28, 4), let entrySize = integer(header + 0x38, 8), entrySize >= 24,
        let stringsOffset = integer(sectionsOffset + link * sectionSize + 0x18, 8)
      else { continue }
      for entry in stride(from: offset + entrySize, to: offset + size, by: entrySize) {
        guard let nameOffset = integer(entry, 4), let info = integer(entry + 4, 1),
          let sectionIndex = integer(entry + 6, 2)
        else { break }
        let binding = info >> 4
        guard binding == 1 || binding == 2 else { continue }  // GLOBAL, WEAK
        let start = stringsOffset + nameOffset
        guard start < bytes.count, let end = bytes[start...].firstIndex(of: 0) else { continue }
        let name = String(decoding: bytes[start..<end], as: UTF8.self)
        if name.isEmpty { continue }
        if sectionIndex == 0 { symbols.undefined.insert(name) } else { symbols.defined.insert(name) }
      }
    }
    return symbols
  }
}
