// The command line a compiler driver gives a GNU-style linker (ld.bfd, gold, lld), read as swad-ld needs
// it: the inputs in order, the libraries, the output, and the LTO options clang adds for its linker
// plugin. Everything is kept as spelled, so that what swad-ld does not take is passed on unchanged.
//
// A linker's command line is positional (`-Bstatic` applies to the `-l` after it), takes joined values
// (`-lm`, `-L/usr/lib`) and single-dash long options (`-rpath`), and must pass options it does not know
// to the real linker: so it is read with a table of the options that take a separate value, not with an
// argument parser.
import SwadPipeline

/// One element of a linker command line, with its tokens as given.
public enum LinkerArgument: Equatable, Sendable {
  /// A file operand: an object, an archive, a shared library or a linker script.
  case input(String)
  /// `-lNAME`, `-l NAME`, `-l:FILE`, `--library=NAME`; `linkStatically` says whether `-Bstatic` (or
  /// `-static`) was in effect, so that only `libNAME.a` is looked for.
  case library(name: String, linkStatically: Bool, tokens: [String])
  /// The output file (`-o FILE`, `-oFILE`, `--output=FILE`).
  case output(String, tokens: [String])
  /// An option for swad-ld's LTO step (`-plugin`, `-plugin-opt=…`, `--lto-…`, `-mllvm …`): taken, not
  /// passed on.
  case lto([String])
  /// Any other option, with its value if it takes one: passed on.
  case option([String])

  /// The tokens as given.
  public var tokens: [String] {
    switch self {
    case .input(let path): return [path]
    case .library(_, _, let tokens), .output(_, let tokens): return tokens
    case .lto(let tokens), .option(let tokens): return tokens
    }
  }
}

/// swad-ld's own options: `--swad-verbose`, `--swad-linker=PATH`, `--help`, `--version`.
public struct SwadLinkOptions: Equatable, Sendable {
  public var verbose = false
  public var linker: String?
  public var help = false
  public var version = false
  public init() {}
}

/// A parsed linker command line.
public struct LinkerCommandLine: Equatable, Sendable {
  public var arguments: [LinkerArgument] = []
  public var swad = SwadLinkOptions()
  /// The post-AD optimization level the build asked for (`-plugin-opt=O3`, `--lto-O3`); LTO's default is 2.
  public var optimizationLevel = 2
  /// The CPU to generate code for (`-plugin-opt=mcpu=…`): clang names the one `-march`/`-mcpu` chose.
  public var cpu: String?
  /// The vector math library (`-plugin-opt=-vector-library=LIBMVEC`, what clang passes for
  /// `-fveclib=libmvec`), as `VectorLibrary.chosen` reads it.
  public var vectorLibrary: String?
  /// LTO options that were accepted and have no effect in swad-ld (shown with --swad-verbose).
  public var ignoredLTOOptions: [String] = []

  /// Directories searched for `-l` libraries, in order (every `-L`, wherever it is, as ld does).
  public var libraryPaths: [String] {
    arguments.compactMap { argument in
      guard case .option(let tokens) = argument, let first = tokens.first else { return nil }
      if first == "-L" || first == "--library-path" { return tokens.count > 1 ? tokens[1] : nil }
      if first.hasPrefix("--library-path=") { return String(first.dropFirst("--library-path=".count)) }
      if first.hasPrefix("-L") { return String(first.dropFirst(2)) }
      return nil
    }
  }

  public init() {}

  /// Options (spelled with one dash; ld takes two as well) whose value is the next token.
  static let separateValue: Set<String> = [
    "-o", "-L", "-l", "-m", "-T", "-e", "-u", "-y", "-z", "-h", "-R", "-F", "-f", "-Y", "-a", "-A", "-b",
    "-c", "-G", "-O", "-rpath", "-rpath-link", "-dynamic-linker", "-soname", "-script", "-entry",
    "-version-script", "-dynamic-list", "-undefined", "-trace-symbol", "-Map", "-defsym", "-wrap",
    "-exclude-libs", "-format", "-mri-script", "-auxiliary", "-filter", "-just-symbols", "-init", "-fini",
    "-section-start", "-Tbss", "-Tdata", "-Ttext", "-Ttext-segment", "-Tldata-segment", "-Trodata-segment",
    "-image-base", "-out-implib", "-retain-symbols-file", "-sort-section", "-spare-dynamic-tags",
    "-require-defined", "-dependency-file", "-library", "-library-path", "-output", "-plugin",
    "-plugin-opt", "-mllvm", "-assert", "-export-dynamic-symbol", "-package-metadata", "-error-limit",
    "-warn-limit", "-thinlto-cache-dir", "-lto-obj-path", "-lto-sample-profile", "-lto-cs-profile-file",
  ]

  /// Parses `tokens` (with response files already expanded).
  public static func parse(_ tokens: [String]) throws -> LinkerCommandLine {
    var line = LinkerCommandLine()
    var linkStatically = false
    var index = 0
    /// The value of an option given separately: the next token.
    func next(_ option: String) throws -> String {
      index += 1
      guard index < tokens.count else { throw DriverError("\(option) needs a value") }
      return tokens[index]
    }
    while index < tokens.count {
      let token = tokens[index]
      defer { index += 1 }
      // GNU ld spells its long options with one dash or two.
      let single = token.hasPrefix("--") ? String(token.dropFirst()) : token
      let (name, joined): (String, String?) = {
        guard let equals = single.firstIndex(of: "=") else { return (single, nil) }
        return (String(single[..<equals]), String(single[single.index(after: equals)...]))
      }()
      switch name {
      case _ where !token.hasPrefix("-") || token == "-":
        line.arguments.append(.input(token))
      // swad-ld's own options.
      case "-swad-verbose": line.swad.verbose = true
      case "-swad-linker":
        line.swad.linker = try joined ?? next(token)
      case "-help" where token == "--help": line.swad.help = true
      case "-version" where token == "--version":
        line.swad.version = true
        line.arguments.append(.option([token]))
      // The output.
      case "-o", "-output":
        let path = try joined ?? next(token)
        line.arguments.append(.output(path, tokens: joined == nil ? [token, path] : [token]))
      case _ where token.hasPrefix("-o") && !token.hasPrefix("--") && name.count > 2 && !isKnownLong(name):
        line.arguments.append(.output(String(token.dropFirst(2)), tokens: [token]))
      // LTO: clang's plugin options (gold and lld spellings), lld's own, and LLVM options. (Before the
      // libraries: `-lto-O2` is not `-l to-O2`.)
      case "-plugin":
        let path = try joined ?? next(token)
        line.arguments.append(.lto(joined == nil ? [token, path] : [token]))
      case "-plugin-opt":
        let value = try joined ?? next(token)
        line.takePluginOption(value)
        line.arguments.append(.lto(joined == nil ? [token, value] : [token]))
      case "-mllvm":
        let value = try joined ?? next(token)
        line.ignoredLTOOptions.append("-mllvm " + value)
        line.arguments.append(.lto(joined == nil ? [token, value] : [token]))
      case _ where name.hasPrefix("-lto-") || name.hasPrefix("-thinlto-"):
        var taken = [token]
        if joined == nil, separateValue.contains(name) { taken.append(try next(token)) }
        if name.hasPrefix("-lto-O"), let level = optimizationLevel(String(name.dropFirst("-lto-".count))) {
          line.optimizationLevel = level
        } else {
          line.ignoredLTOOptions.append(taken.joined(separator: " "))
        }
        line.arguments.append(.lto(taken))
      // Libraries, and the switches that decide between their static and shared forms.
      case "-l", "-library":
        let value = try joined ?? next(token)
        line.arguments.append(
          .library(
            name: value, linkStatically: linkStatically,
            tokens: joined == nil ? [token, value] : [token]))
      case _
      where token.hasPrefix("-l") && token.count > 2 && !token.hasPrefix("--") && !name.hasPrefix("-library"):
        line.arguments.append(
          .library(
            name: String(token.dropFirst(2)), linkStatically: linkStatically,
            tokens: [token]))
      case "-Bstatic", "-dn", "-non_shared", "-static":
        linkStatically = true
        line.arguments.append(.option([token]))
      case "-Bdynamic", "-dy", "-call_shared":
        linkStatically = false
        line.arguments.append(.option([token]))
      // Everything else goes to the linker as given, with its value.
      default:
        if joined == nil, separateValue.contains(name) {
          line.arguments.append(.option([token, try next(token)]))
        } else {
          line.arguments.append(.option([token]))
        }
      }
    }
    return line
  }

  /// Long options starting with `-o` that are not `-oFILE`.
  private static func isKnownLong(_ name: String) -> Bool {
    ["-output", "-oformat", "-omagic", "-orphan-handling", "-out-implib"].contains { name.hasPrefix($0) }
  }

  /// `O0`…`O3` as a level.
  private static func optimizationLevel(_ text: String) -> Int? {
    guard text.count == 2, text.first == "O", let level = Int(text.dropFirst()), (0...3).contains(level)
    else {
      return nil
    }
    return level
  }

  /// Interprets one `-plugin-opt` value: `O<n>`, `mcpu=` and `-vector-library=` have an effect; the rest (`thinlto`,
  /// `-function-sections=1`, `jobs=`, `debugger-tune=`, LLVM options…) are accepted and ignored.
  mutating func takePluginOption(_ value: String) {
    if let level = Self.optimizationLevel(value) {
      optimizationLevel = level
    } else if value.hasPrefix("mcpu=") {
      cpu = String(value.dropFirst("mcpu=".count))
    } else if value.hasPrefix("-vector-library="),
      case let name = String(value.dropFirst("-vector-library=".count)).lowercased(),
      VectorLibrary.names.contains(name)
    {
      vectorLibrary = name
    } else {
      ignoredLTOOptions.append("-plugin-opt=" + value)
    }
  }
}

extension LinkerCommandLine {
  /// Replaces every `@FILE` token with the arguments FILE holds (whitespace-separated, with quotes and
  /// backslashes as GNU's response files have them), recursively. `read` returns a file's text, or nil
  /// when it cannot be read, in which case the token stays (as ld does).
  public static func expandResponseFiles(_ tokens: [String], read: (String) -> String?, depth: Int = 0)
    -> [String]
  {
    var result: [String] = []
    for token in tokens {
      guard token.hasPrefix("@"), depth < 16, let text = read(String(token.dropFirst())) else {
        result.append(token)
        continue
      }
      result += expandResponseFiles(splitResponseFile(text), read: read, depth: depth + 1)
    }
    return result
  }

  static func splitResponseFile(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character? = nil
    var escaped = false
    for character in text {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
        inWord = true
      } else if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
      } else if character == "\"" || character == "'" {
        quote = character
        inWord = true
      } else if character.isWhitespace {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }
}
