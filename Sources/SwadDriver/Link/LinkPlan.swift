// Planning a swad-ld run: which inputs are bitcode (objects, and static libraries of bitcode objects,
// named or found through -l), and the system linker's command line with one object in their place.
// Planning reads no file itself and uses no LLVM: what each file is comes from a function, so that the
// tests give it.

/// What a file on a linker's command line is, as far as swad-ld cares.
public enum LinkInputKind: Equatable, Sendable {
  case missing
  /// LLVM bitcode (what `clang -flto=full -c` writes into `.o` files).
  case bitcode
  /// An `ar` archive, `bitcodeMembers` of whose `members` are bitcode.
  case archive(bitcodeMembers: Int, members: Int)
  /// Anything else: a native object, a shared library, a linker script.
  case other
}

/// Bitcode that swad-ld links in process.
public enum BitcodeSource: Equatable, Sendable {
  case object(String)
  /// The bitcode members of the archive that the link needs.
  case archive(String)
  /// Every bitcode member of the archive (it follows `--whole-archive`).
  case wholeArchive(String)
}

/// A planned swad-ld run.
public struct LinkPlan: Equatable, Sendable {
  /// The bitcode, in command-line order; empty when the link has none (swad-ld then only runs the linker).
  public var bitcode: [BitcodeSource]
  /// The other files given as inputs (native objects, whose references decide which bitcode members of
  /// libraries are needed; shared libraries and scripts, which do not).
  public var nativeInputs: [String] = []
  /// The system linker's arguments, except the output (see `linkerArguments(output:)`).
  public var arguments: [String]
  /// Where the output path goes in `arguments`: the token's index and what precedes the path in it
  /// (`""` for `-o FILE`, `"-o"` for `-oFILE`, `"--output="`).
  public var outputIndex: Int
  public var outputPrefix: String
  /// The output the build asked for (`a.out` by default).
  public var output: String
  /// The object swad-ld writes, if any (in place of the first bitcode input).
  public var object: String?
  public var optimizationLevel: Int
  public var cpu: String?
  /// The vector math library the build named (`VectorLibrary.chosen`; nil: the one the bitcode shows).
  public var vectorLibrary: String? = nil

  /// The linker's arguments writing to `output` (a temporary name that is renamed to `self.output`).
  public func linkerArguments(output path: String) -> [String] {
    var result = arguments
    result[outputIndex] = outputPrefix + path
    return result
  }
}

extension LinkPlan {
  /// Plans the link of `line`. `object` is the path of the object swad-ld would emit; `kind` says what
  /// a path is (it is asked about inputs, and about candidate files of `-l` libraries).
  ///
  /// Bitcode objects are replaced by the object. A static library whose members are all bitcode is
  /// replaced too; one that mixes bitcode and native members stays (the bitcode members swad-ld takes
  /// define only symbols the object already defines, so the linker never takes them again). Which
  /// bitcode members are needed is decided when they are read (`MemberSelection`).
  public static func make(
    _ line: LinkerCommandLine, object: String,
    kind: (String) -> LinkInputKind
  ) throws -> LinkPlan {
    var bitcode: [BitcodeSource] = []
    var nativeInputs: [String] = []
    var arguments: [String] = []
    var objectPlaced = false
    var wholeArchive = false
    var output = "a.out"
    var outputIndex: Int? = nil
    var outputPrefix = ""
    let searchPaths = line.libraryPaths

    /// Puts the object where the first bitcode was (so that libraries after it resolve its references).
    func placeObject() {
      if !objectPlaced { arguments.append(object) }
      objectPlaced = true
    }
    func take(_ path: String, _ inputKind: LinkInputKind, tokens: [String]) {
      switch inputKind {
      case .bitcode:
        bitcode.append(.object(path))
        placeObject()
      case .archive(let bitcodeMembers, let members) where bitcodeMembers > 0:
        bitcode.append(wholeArchive ? .wholeArchive(path) : .archive(path))
        placeObject()
        if bitcodeMembers < members { arguments += tokens }
      default:
        arguments += tokens
      }
    }

    for argument in line.arguments {
      switch argument {
      case .input(let path):
        let inputKind = kind(path)
        if inputKind == .missing { throw DriverError("\(path): no such file") }
        if inputKind == .other { nativeInputs.append(path) }
        take(path, inputKind, tokens: [path])
      case .library(let name, let linkStatically, let tokens):
        if let path = resolveLibrary(name, linkStatically: linkStatically, in: searchPaths, kind: kind) {
          take(path, kind(path), tokens: tokens)
        } else {
          arguments += tokens  // the linker says it is missing
        }
      case .output(let path, let tokens):
        output = path
        outputIndex = arguments.count + tokens.count - 1
        outputPrefix = tokens.count == 1 ? String(tokens[0].dropLast(path.count)) : ""
        arguments += tokens
      case .lto:
        continue
      case .option(let tokens):
        switch tokens[0] {
        case "--whole-archive", "-whole-archive": wholeArchive = true
        case "--no-whole-archive", "-no-whole-archive": wholeArchive = false
        default: break
        }
        arguments += tokens
      }
    }
    if outputIndex == nil {
      arguments += ["-o", output]
      outputIndex = arguments.count - 1
    }
    return LinkPlan(
      bitcode: bitcode, nativeInputs: nativeInputs, arguments: arguments, outputIndex: outputIndex!,
      outputPrefix: outputPrefix,
      output: output, object: bitcode.isEmpty ? nil : object, optimizationLevel: line.optimizationLevel,
      cpu: line.cpu, vectorLibrary: line.vectorLibrary)
  }

  /// The file `-lNAME` names, as ld looks for it: `libNAME.so` then `libNAME.a` in each search folder in
  /// order (only `.a` when linking statically); `-l:FILE` names FILE exactly.
  static func resolveLibrary(
    _ name: String, linkStatically: Bool, in folders: [String],
    kind: (String) -> LinkInputKind
  ) -> String? {
    let candidates: [String]
    if name.hasPrefix(":") {
      candidates = [String(name.dropFirst())]
    } else {
      candidates = (linkStatically ? [] : ["lib\(name).so"]) + ["lib\(name).a"]
    }
    for folder in folders {
      for candidate in candidates {
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + candidate
        if kind(path) != .missing { return path }
      }
    }
    return nil
  }
}
