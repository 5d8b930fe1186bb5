// The options of the `swad` driver, parsed from a clang-style command line.
import SwadPipeline

/// What the driver is asked to produce.
public enum OutputKind: Equatable, Sendable {
  /// A linked executable (the default).
  case executable
  /// One object file of the whole differentiated program (`-c`).
  case object
  /// The differentiated module as bitcode (`-emit-llvm`), or textual IR (`-emit-llvm -S`).
  case bitcode
  case textualIR
}

/// The driver's parsed command line.
public struct DriverOptions: Equatable, Sendable {
  public var inputs: [String] = []
  public var output: String?
  public var outputKind: OutputKind = .executable
  /// The post-AD optimization level (0...3); pre-AD simplification always runs at O2.
  public var optimizationLevel = 2
  public var debugInfo = false
  public var verbose = false
  /// `-Rswad`: print AD's remarks (what was synthesized, what the tapes keep).
  public var remarks = false
  public var saveTemps = false
  public var help = false
  public var version = false
  public var includePaths: [String] = []
  public var defines: [String] = []
  public var libraries: [String] = []
  public var libraryPaths: [String] = []
  public var clangArguments: [String] = []
  /// Flags for clang's driver on the C and C++ inputs, in order: the language standard (`-std=`),
  /// warnings (`-W…`, `-w`, `-pedantic`), language and code generation (`-f…`), the target (`-m…`,
  /// `-mllvm X`), `-U`, `-isystem`, `-include`, `-iquote`, `-idirafter`, `-pthread`. What a build
  /// system passes a C compiler, so that `CC=swad` works.
  public var compilerFlags: [String] = []
  /// Flags for the link: `-Wl,…`, `-pthread`, `-rdynamic`, `-static`.
  public var linkerFlags: [String] = []
  public var swiftcArguments: [String] = []
  /// `-fveclib=`: the vector math library the post-AD vectorizers may call (`VectorLibrary.chosen`);
  /// also given to clang.
  public var vectorLibrary: String?
  /// `-fopenmp`: C and C++ are compiled with OpenMP, and the program is linked with its runtime.
  public var openMP = false
  /// Whether a Swift input declares `@main` (it is then compiled with `-parse-as-library`); found by
  /// the driver from the sources, settable for planning tests.
  public var swiftHasMain = false
  /// Whether a Swift input imports SwadAutodiff (swad then adds its module, library and macro plugin);
  /// found by the driver from the sources, settable for planning tests.
  public var importsSwadAutodiff = false

  public init() {}
}

/// A command-line error, reported as `swad: error: …`.
public struct DriverError: Error, CustomStringConvertible, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

extension DriverOptions {
  /// Parses clang-style arguments: `-o FILE`, `-c`, `-S`, `-emit-llvm`, `-O0`…`-O3`, `-g`, `-v`,
  /// `-save-temps`, `-I DIR`/`-IDIR`, `-D X`/`-DX`, `-l LIB`/`-lLIB`, `-L DIR`/`-LDIR`,
  /// `-Xclang ARG`, `-Xswiftc ARG`, `-fopenmp`, `--help`, `--version`, clang's own flags for C and C++
  /// (`compilerFlags`) and for the link (`linkerFlags`); anything else not starting with `-` is an
  /// input. (Compiler drivers take joined values such as `-Iinclude`, which is why this is a table
  /// of flags rather than an argument-parser command.)
  public static func parse(_ arguments: [String]) throws -> DriverOptions {
    var options = DriverOptions()
    var emitText = false
    var emitLLVM = false
    var index = 0
    func value(for flag: String) throws -> String {
      index += 1
      guard index < arguments.count else { throw DriverError("\(flag) needs a value") }
      return arguments[index]
    }
    /// The value of a flag given joined (`-Idir`) or separately (`-I dir`).
    func joinedOrNext(_ argument: String, _ flag: String) throws -> String {
      argument.count > flag.count ? String(argument.dropFirst(flag.count)) : try value(for: flag)
    }
    while index < arguments.count {
      let argument = arguments[index]
      switch argument {
      case "-o": options.output = try value(for: "-o")
      case "-c": options.outputKind = .object
      case "-S": emitText = true
      case "-emit-llvm": emitLLVM = true
      case "-O0", "-O1", "-O2", "-O3": options.optimizationLevel = Int(argument.dropFirst(2))!
      case "-O": options.optimizationLevel = 2
      case "-g": options.debugInfo = true
      case "-v": options.verbose = true
      case "-Rswad": options.remarks = true
      case "-save-temps": options.saveTemps = true
      case "-h", "--help", "-help": options.help = true
      case "--version": options.version = true
      case "-fopenmp": options.openMP = true
      case "-Xclang": options.clangArguments.append(try value(for: "-Xclang"))
      case "-Xswiftc": options.swiftcArguments.append(try value(for: "-Xswiftc"))
      case "-pthread":
        options.compilerFlags.append(argument)
        options.linkerFlags.append(argument)
      case "-rdynamic", "-static": options.linkerFlags.append(argument)
      case "-isystem", "-include", "-iquote", "-idirafter", "-mllvm":
        options.compilerFlags += [argument, try value(for: argument)]
      case _ where argument.hasPrefix("-Wl,"): options.linkerFlags.append(argument)
      case _ where argument.hasPrefix("-fveclib="):
        let name = String(argument.dropFirst("-fveclib=".count))
        guard VectorLibrary.names.contains(name.lowercased()) else {
          throw DriverError(
            "\(argument) is not supported: swad's vectorizers can call "
              + "\(VectorLibrary.names.dropLast().joined(separator: ", ")) or \(VectorLibrary.names.last!)"
          )
        }
        options.vectorLibrary = name
        // clang knows libmvec (and maps the calls it has variants for); swad's own is swad's.
        if name.lowercased() != VectorLibrary.swad.rawValue { options.compilerFlags.append(argument) }
      case _ where argument.hasPrefix("-fsanitize"):
        // Its instrumentation is made by LLVM's passes, which the compile step turns off: swad runs
        // the passes itself, on the linked module, without it.
        throw DriverError("\(argument) is not supported: build the program without swad to sanitize it")
      case _
      where argument.hasPrefix("-std=") || argument.hasPrefix("-W") || argument == "-w"
        || argument.hasPrefix("-pedantic") || argument.hasPrefix("-f") || argument.hasPrefix("-m"):
        options.compilerFlags.append(argument)
      case _ where argument.hasPrefix("-U"):
        options.compilerFlags.append("-U" + (try joinedOrNext(argument, "-U")))
      case _ where argument.hasPrefix("-I"): options.includePaths.append(try joinedOrNext(argument, "-I"))
      case _ where argument.hasPrefix("-D"): options.defines.append(try joinedOrNext(argument, "-D"))
      case _ where argument.hasPrefix("-l"): options.libraries.append(try joinedOrNext(argument, "-l"))
      case _ where argument.hasPrefix("-L"): options.libraryPaths.append(try joinedOrNext(argument, "-L"))
      case _ where argument.hasPrefix("-") && argument != "-":
        throw DriverError("unknown option '\(argument)' (see swad --help)")
      default: options.inputs.append(argument)
      }
      index += 1
    }
    if emitLLVM {
      if options.outputKind == .object { throw DriverError("-c and -emit-llvm cannot be combined") }
      options.outputKind = emitText ? .textualIR : .bitcode
    } else if emitText {
      throw DriverError("-S without -emit-llvm is not supported: swad writes objects, executables or IR")
    }
    if !options.help && !options.version && options.inputs.isEmpty { throw DriverError("no input files") }
    return options
  }
}
