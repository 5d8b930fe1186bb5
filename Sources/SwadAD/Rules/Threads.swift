// Threads started inside differentiated code (`pthread_create`, C11's `thrd_create`, `std::thread`)
// are not differentiated: the function a thread runs is reached through a pointer handed to the
// thread library, out of the derivative's sight, so its effect on derivatives would be lost. Such
// calls are errors, whatever their arguments' activity. (Swift concurrency is out of scope.)
import LLVMBinding

enum Threads {
  private static let names: Set<String> = ["pthread_create", "pthread_join", "thrd_create", "thrd_join"]
  /// libstdc++'s `std::thread` constructor and `join`.
  private static let prefixes = ["_ZNSt6thread15_M_start_thread", "_ZNSt6thread4joinEv"]

  static func isThreadCall(_ name: String) -> Bool {
    names.contains(name) || prefixes.contains { name.hasPrefix($0) }
  }

  /// Throws for a call that starts or joins a thread inside a function being differentiated.
  static func refuse(_ call: Instruction, callee: Function) throws {
    guard isThreadCall(callee.name) else { return }
    throw ADError(
      "cannot differentiate a call of '\(demangledIfPossible(callee.name))': swad does not differentiate threads "
        + "started or joined inside the differentiated function (pthread_create, pthread_join, thrd_create, "
        + "thrd_join, std::thread); call the derivative inside each thread instead, or use MPI", at: call)
  }
}
