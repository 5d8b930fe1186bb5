// Static libraries (`ar` archives) as the linker sees them: the members, their names and bytes. The
// GNU/SysV format that ar and llvm-ar write on Linux (long names in `//`, the symbol index in `/`),
// BSD's `#1/` names, and thin archives (members stored beside the archive, named by path).
import Foundation

/// An `ar` archive read from its bytes.
public struct Archive: Equatable, Sendable {
  public struct Member: Equatable, Sendable {
    /// The member's name (for a thin archive, its path relative to the archive's folder).
    public var name: String
    /// Where the member's bytes are in the archive; nil in a thin archive.
    public var range: Range<Int>?
    /// The size the header gives.
    public var size: Int
  }

  public var members: [Member]
  public var isThin: Bool

  public static let magic = Array("!<arch>\n".utf8)
  public static let thinMagic = Array("!<thin>\n".utf8)

  /// Whether `bytes` start like an archive (regular or thin).
  public static func looksLikeArchive<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    bytes.starts(with: magic) || bytes.starts(with: thinMagic)
  }

  /// Reads the member table of an archive. The symbol index and the long-name table are not members.
  public init(_ bytes: Data, name: String) throws {
    guard Self.looksLikeArchive(bytes) else { throw ArchiveError("\(name): not an ar archive") }
    isThin = bytes.starts(with: Self.thinMagic)
    members = []
    let base = bytes.startIndex
    var offset = Self.magic.count
    var longNames = Data()
    while offset < bytes.count {
      guard offset + 60 <= bytes.count else {
        throw ArchiveError("\(name): truncated member header at byte \(offset)")
      }
      let header = bytes[(base + offset)..<(base + offset + 60)]
      guard header.suffix(2).elementsEqual([0x60, 0x0A]) else {
        throw ArchiveError("\(name): damaged member header at byte \(offset)")
      }
      func field(_ start: Int, _ length: Int) -> String {
        let slice = header[(header.startIndex + start)..<(header.startIndex + start + length)]
        return String(decoding: slice, as: UTF8.self).trimmingCharacters(in: .whitespaces)
      }
      guard let size = Int(field(48, 10)), size >= 0 else {
        throw ArchiveError("\(name): damaged member size at byte \(offset)")
      }
      var rawName = field(0, 16)
      var dataStart = offset + 60
      var dataSize = size
      // Thin archives store only the symbol index and the long names; other members live in files.
      let isSpecial =
        rawName == "/" || rawName == "//" || rawName == "/SYM64/" || rawName == "__.SYMDEF"
        || rawName == "__.SYMDEF SORTED"
      let stored = !isThin || isSpecial
      if stored, dataStart + size > bytes.count {
        throw ArchiveError("\(name): truncated member '\(rawName)'")
      }
      if rawName.hasPrefix("#1/"), let length = Int(rawName.dropFirst(3)), length <= size {
        // BSD: the name follows the header and counts in the size.
        rawName = String(decoding: bytes[(base + dataStart)..<(base + dataStart + length)], as: UTF8.self)
          .trimmingCharacters(in: CharacterSet(charactersIn: "\0"))
        dataStart += length
        dataSize -= length
        if rawName.hasPrefix("__.SYMDEF") {
          offset = Self.next(offset + 60 + size)
          continue
        }
      } else if rawName == "//" {
        longNames = bytes[(base + dataStart)..<(base + dataStart + size)]
        offset = Self.next(dataStart + size)
        continue
      } else if isSpecial {
        offset = Self.next(dataStart + size)
        continue
      } else if rawName.hasPrefix("/"), let position = Int(rawName.dropFirst()) {
        guard position < longNames.count else { throw ArchiveError("\(name): member name out of range") }
        let rest = longNames[(longNames.startIndex + position)...]
        let end = rest.firstIndex(of: 0x0A) ?? rest.endIndex
        rawName = String(decoding: rest[..<end], as: UTF8.self)
        if rawName.hasSuffix("/") { rawName.removeLast() }
      } else if rawName.hasSuffix("/") {
        rawName.removeLast()
      }
      members.append(
        Member(name: rawName, range: stored ? dataStart..<(dataStart + dataSize) : nil, size: dataSize))
      offset = stored ? Self.next(dataStart + dataSize) : offset + 60
    }
  }

  /// Members start at even offsets.
  private static func next(_ offset: Int) -> Int { offset + (offset & 1) }

  /// The bytes of `member`: from the archive, or from the file a thin archive names (relative to
  /// `archivePath`'s folder).
  public func contents(of member: Member, in bytes: Data, archivePath: String) throws -> Data {
    if let range = member.range {
      return bytes[(bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)]
    }
    let path = member.name.hasPrefix("/") ? member.name : Self.folder(of: archivePath) + member.name
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ArchiveError("\(archivePath): cannot read member \(path) of the thin archive")
    }
    return data
  }

  private static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[...slash])
  }
}

/// An archive that cannot be read.
public struct ArchiveError: Error, CustomStringConvertible, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
