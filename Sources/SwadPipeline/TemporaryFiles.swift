// Temporary folders and files made safely, as mkdtemp and mkstemp make them: created fresh (never an
// existing name, never through a symlink), private (folders 0700, files 0600), and removed on every exit
// path, errors and SIGINT/SIGTERM/SIGHUP included. Every tool writes its outputs through here.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file system error with the path and the system's reason.
public struct TemporaryFileError: Error, CustomStringConvertible, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// A private folder for intermediates, removed with what it holds when released (or on a signal).
public final class ScratchDirectory {
  public let path: String
  private var removed = false

  /// Makes a fresh folder `prefix-XXXXXXXXXXXX` in `parent` (the system's temporary folder, `$TMPDIR`
  /// or `/tmp`, by default). `names` draws the random part; tests give it names that already exist.
  public init(
    prefix: String = "swad", in parent: String? = nil,
    names: () -> String = TemporaryFiles.randomName
  ) throws {
    let parent = parent ?? TemporaryFiles.systemDirectory
    path = try TemporaryFiles.create(in: parent, prefix: prefix + "-", names: names) { candidate in
      mkdir(candidate, 0o700) == 0
    }
    SignalCleanup.register(directory: path)
  }

  deinit { remove() }

  /// A path in the folder for a file the caller (or a tool it runs) creates; removed with the folder.
  public func file(_ name: String) -> String {
    let file = path + "/" + name
    SignalCleanup.register(file: file)
    return file
  }

  /// Registers a path in the folder that a tool will create, so that a signal removes it too.
  public func track(_ file: String) { SignalCleanup.register(file: file) }

  /// Removes the folder and everything in it (intermediates only: no subfolders are made).
  public func remove() {
    guard !removed else { return }
    removed = true
    TemporaryFiles.removeTree(path)
    SignalCleanup.unregister(path)
  }
}

/// Making and replacing files without partial results.
public enum TemporaryFiles {
  /// The system's folder for temporary files.
  public static var systemDirectory: String {
    if let value = getenv("TMPDIR"), value.pointee != 0 { return String(cString: value) }
    return "/tmp"
  }

  /// Twelve random letters and digits (62¹² names: guessing one is hopeless).
  public static func randomName() -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var generator = SystemRandomNumberGenerator()
    return String((0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
  }

  /// Creates a new, empty file (0600) beside `path`, named `.NAME.swad-XXXXXXXXXXXX`, for a result that
  /// is renamed over `path` once complete; the file is removed on a signal until `replace` or `discard`.
  public static func reserve(beside path: String, names: () -> String = randomName) throws -> String {
    guard !path.isEmpty else { throw TemporaryFileError("the output path is empty") }
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard !name.isEmpty else {
      throw TemporaryFileError("\(path): cannot write output: it names a directory")
    }
    var status = stat()
    guard stat(directory, &status) == 0 else {
      throw TemporaryFileError("\(path): cannot write output: no such directory '\(directory)'")
    }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      throw TemporaryFileError("\(path): cannot write output: '\(directory)' is not a directory")
    }
    let temporary = try create(in: directory, prefix: "." + name + ".swad-", names: names) { candidate in
      let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
      guard descriptor >= 0 else { return false }
      close(descriptor)
      return true
    }
    SignalCleanup.register(file: temporary)
    return temporary
  }

  /// Whether `path` names a device, a pipe or a socket (`/dev/null`, `/dev/stdout`): an output that is
  /// written in place, never replaced by renaming a file over it. (A folder is not: writing to it fails.)
  public static func isSpecialFile(_ path: String) -> Bool {
    var status = stat()
    guard stat(path, &status) == 0 else { return false }
    let kind = status.st_mode & S_IFMT
    return kind == S_IFCHR || kind == S_IFBLK || kind == S_IFIFO || kind == S_IFSOCK
  }

  /// Writes `bytes` to `path` whole or not at all: into a fresh file beside it, then renamed over it
  /// (a special file such as `/dev/null` is written in place).
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    if isSpecialFile(path) {
      try fill(path, with: bytes, for: path)
      return
    }
    let temporary = try reserve(beside: path)
    do {
      try fill(temporary, with: bytes, for: path)
      try replace(path, with: temporary)
    } catch {
      discard(temporary)
      throw error
    }
  }

  /// Renames a finished temporary file over `path`, with the permissions a new file gets (0666 less the
  /// umask) unless the producer made it executable.
  public static func replace(_ path: String, with temporary: String) throws {
    var status = stat()
    if stat(temporary, &status) == 0, status.st_mode & 0o111 == 0 {
      _ = chmod(temporary, 0o666 & ~currentUmask)
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      discard(temporary)
      throw TemporaryFileError("\(path): cannot write output: \(reason)")
    }
    SignalCleanup.unregister(temporary)
  }

  /// Removes a temporary file that will not be used.
  public static func discard(_ temporary: String) {
    unlink(temporary)
    SignalCleanup.unregister(temporary)
  }

  /// The process's umask (read by setting it and setting it back, before any thread could care).
  static let currentUmask: mode_t = {
    let mask = umask(0o022)
    umask(mask)
    return mask
  }()

  /// Makes a new entry `directory/prefixNAME` with `make`, which must fail when the name exists (mkdir,
  /// open with O_EXCL): a name somebody made first, even a symlink, is skipped for the next one.
  static func create(
    in directory: String, prefix: String, names: () -> String,
    make: (String) -> Bool
  ) throws -> String {
    for _ in 0..<100 {
      let candidate = directory + "/" + prefix + names()
      if make(candidate) { return candidate }
      guard errno == EEXIST else {
        throw TemporaryFileError(
          "cannot create a temporary file in '\(directory)': \(String(cString: strerror(errno)))")
      }
    }
    throw TemporaryFileError("cannot create a temporary file in '\(directory)': every name tried exists")
  }

  private static func fill(_ file: String, with bytes: [UInt8], for path: String) throws {
    let descriptor = open(file, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw TemporaryFileError("\(path): cannot write output: \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        throw TemporaryFileError("\(path): cannot write output: \(String(cString: strerror(errno)))")
      }
      offset += written
    }
  }

  /// Removes a folder of files (and any folders in it), without following symlinks.
  static func removeTree(_ path: String) {
    if let directory = opendir(path) {
      var names: [String] = []
      while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
        }
        if name != "." && name != ".." { names.append(name) }
      }
      closedir(directory)
      for name in names {
        let child = path + "/" + name
        var status = stat()
        if lstat(child, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
          removeTree(child)
        } else {
          unlink(child)
        }
      }
    }
    rmdir(path)
  }
}

/// Removes registered temporaries when SIGINT, SIGTERM or SIGHUP ends the process. The handler uses only
/// async-signal-safe calls (unlink, rmdir on prepared C strings): it removes the files registered in a
/// folder, then the folder; files that tools made there unregistered (clang's own temporaries, which
/// clang removes on the same signal) would leave the folder in place.
enum SignalCleanup {
  private static let capacity = 256
  /// Registered paths as C strings, and whether each is a folder.
  nonisolated(unsafe) private static let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(
    capacity: capacity)
  nonisolated(unsafe) private static let isDirectory = UnsafeMutablePointer<Bool>.allocate(capacity: capacity)
  private static let installed: Void = {
    slots.initialize(repeating: nil, count: capacity)
    isDirectory.initialize(repeating: false, count: capacity)
    for number in [SIGINT, SIGTERM, SIGHUP] {
      _ = signal(number) { number in
        SignalCleanup.removeAll()
        _ = signal(number, SIG_DFL)
        _ = raise(number)
      }
    }
  }()

  static func register(file: String) { add(file, directory: false) }
  static func register(directory: String) { add(directory, directory: true) }

  static func unregister(_ path: String) {
    _ = installed
    for index in 0..<capacity {
      if let slot = slots[index], String(cString: slot) == path {
        slots[index] = nil
        free(slot)
      }
    }
  }

  /// Stops removing on signals in a child process that goes on to do other work (ChildProcess).
  static func resetInChild() {
    for number in [SIGINT, SIGTERM, SIGHUP] { _ = signal(number, SIG_DFL) }
  }

  private static func add(_ path: String, directory: Bool) {
    _ = installed
    guard let index = (0..<capacity).first(where: { slots[$0] == nil }) else { return }
    isDirectory[index] = directory
    slots[index] = strdup(path)
  }

  /// Files first, then folders (which are empty by then, or are left).
  private static func removeAll() {
    for pass in [false, true] {
      for index in 0..<capacity {
        guard isDirectory[index] == pass, let slot = slots[index] else { continue }
        if pass { rmdir(slot) } else { unlink(slot) }
      }
    }
  }
}
