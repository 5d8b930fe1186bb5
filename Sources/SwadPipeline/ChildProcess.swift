// Running a piece of work in a forked child, so that a crash, a hang or a runaway allocation inside it
// (LLVM's bitcode reader on corrupted input) ends the child, not the tool.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work run in a child process that shares the parent's memory as it was at the fork.
enum ChildProcess {
  /// Bounds on the child, so that a reader stuck in a loop or allocating without end is stopped.
  struct Limits {
    /// Wall-clock seconds before the child is killed.
    var seconds: UInt32
    /// Bytes of address space the child may add to what the parent had mapped at the fork.
    var extraAddressSpace: Int
  }

  /// How the child ended.
  enum Outcome: Equatable {
    /// `exit(true)`.
    case succeeded
    /// `exit(false)`, or an exit status other than 0.
    case failed
    /// Killed by `signal`: a crash (SIGSEGV, SIGBUS), an abort (LLVM's "out of memory" or a failed
    /// check), or the time limit (SIGALRM).
    case killed(signal: Int32)
    /// The child could not be started (fork failed); the work was not done.
    case notStarted
  }

  /// Runs `body` in a forked child and waits for it. `body` must end by calling `exit(_:)`.
  ///
  /// The child is a copy of this process, so `body` may read anything the parent built (a context,
  /// the input's bytes) and its changes are lost with it. glibc's fork leaves malloc usable in the
  /// child even when other threads exist; other locks held by another thread at the fork would make
  /// the child wait, which the time limit ends.
  static func run(limits: Limits, _ body: () -> Never) -> Outcome {
    let addressSpace = currentAddressSpace()
    let pid = fork()
    if pid < 0 { return .notStarted }
    if pid == 0 {
      enterChild(limits: limits, addressSpace: addressSpace)
      body()
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { return .notStarted }
    }
    // WIFEXITED, WEXITSTATUS and WTERMSIG are macros Swift does not import.
    let signal = status & 0x7F
    if signal == 0 { return (status >> 8) & 0xFF == 0 ? .succeeded : .failed }
    return .killed(signal: signal)
  }

  /// Ends the child without running exit handlers or flushing stdio buffers it shares with the parent
  /// (they would be written twice), and without freeing what it built: the memory goes with it.
  static func exit(_ succeeded: Bool) -> Never {
    _exit(succeeded ? 0 : 1)
  }

  /// Makes the child die quietly and within its limits.
  private static func enterChild(limits: Limits, addressSpace: Int?) {
    // The Swift runtime's crash handler would print a backtrace of the child (slowly): a crash of the
    // child is an expected outcome, reported by the parent.
    for number in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGALRM] {
      _ = signal(number, SIG_DFL)
    }
    // The parent's temporaries are the parent's to remove.
    SignalCleanup.resetInChild()
    // LLVM prints "LLVM ERROR: out of memory" and the like before aborting; the parent says it better.
    let null = open("/dev/null", O_WRONLY)
    if null >= 0 { _ = dup2(null, STDERR_FILENO) }
    alarm(limits.seconds)
    // A corrupted size field can make the reader allocate and fill gigabytes; with a bound on the
    // address space the allocation fails at once (LLVM aborts on it) instead of filling the machine.
    #if os(Linux)
    if let addressSpace {
      let bound = rlim_t(addressSpace + limits.extraAddressSpace)
      var limit = rlimit(rlim_cur: bound, rlim_max: bound)
      _ = setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
    }
    #endif
  }

  /// The process's mapped address space in bytes (Linux), which the child's bound is relative to.
  private static func currentAddressSpace() -> Int? {
    let file = open("/proc/self/statm", O_RDONLY)
    guard file >= 0 else { return nil }
    defer { close(file) }
    // The first field is the total size in pages.
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
    guard count > 0, let pages = Int(String(decoding: buffer[..<count].prefix { $0 != 0x20 }, as: UTF8.self)) else {
      return nil
    }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }
}
