// LLVM's OpenMP runtime (libomp) as clang -fopenmp calls it: which entry points are bookkeeping
// without derivatives, which fork a parallel region, which hand out loop iterations, which
// synchronize and which reduce. Both modes read this table; `Forward+OpenMP` and `Gradient+OpenMP`
// emit what each kind means.
import CLLVM
import LLVMBinding

/// What a call of the OpenMP runtime means for differentiation (the kinds that need more than a copy
/// of the primal call; pure queries are `CallSemantics.inactive`).
enum OpenMPCall: Equatable {
  /// `__kmpc_fork_call(loc, argc, microtask, captured…)`: runs `microtask(&gtid, &tid, captured…)`
  /// on every thread of a new team. Its derivative forks the microtask's derivative.
  case fork
  /// Hands out loop iterations by writing bounds through pointers (`__kmpc_for_static_init_*`,
  /// `__kmpc_dispatch_next_*`): integer bookkeeping, but a write to memory the analyses must see.
  case workshare
  /// `__kmpc_barrier(loc, gtid)`: the reverse sweep meets at the same barrier, in reverse.
  case barrier
  /// `__kmpc_critical(loc, gtid, lock)` and `…_with_hint`: enters a critical section.
  case critical
  /// `__kmpc_end_critical(loc, gtid, lock)`.
  case endCritical
  /// `__kmpc_reduce(loc, gtid, nvars, size, list, combiner, lock)` (`blocking`) and
  /// `__kmpc_reduce_nowait`: chooses how this thread's private copies join the shared variables.
  /// Derivatives take the critical-section way (the switch's case 1), whatever the runtime would
  /// choose, so that tangents and adjoints follow the same path as the values.
  case reduce(blocking: Bool)
  /// `__kmpc_end_reduce(loc, gtid, lock)` (`blocking`: with a barrier) and `…_nowait`.
  case endReduce(blocking: Bool)
  /// A runtime call swad does not differentiate (tasks, offloading, ordered regions, locks, …):
  /// an error when derivative data may flow through the region it belongs to.
  case unsupported(what: String)
}

enum OpenMPRuntime {
  /// Queries and bookkeeping that touch no program data: thread numbers, team sizes, timers, the
  /// end of a worksharing loop, master/single selection (whose branch the tape records like any
  /// other), flushes, and the thread count requested for the next region.
  static let inactiveNames: Set<String> = [
    "omp_get_thread_num", "omp_get_num_threads", "omp_get_max_threads", "omp_get_num_procs",
    "omp_in_parallel", "omp_get_level", "omp_get_active_level", "omp_get_team_size",
    "omp_get_ancestor_thread_num", "omp_get_wtime", "omp_get_wtick", "omp_get_dynamic",
    "omp_set_num_threads", "omp_set_dynamic", "omp_get_thread_limit",
    "__kmpc_global_thread_num", "__kmpc_bound_thread_num", "__kmpc_bound_num_threads",
    "__kmpc_push_num_threads", "__kmpc_push_proc_bind", "__kmpc_for_static_fini", "__kmpc_flush",
    "__kmpc_master", "__kmpc_end_master", "__kmpc_masked", "__kmpc_end_masked", "__kmpc_single",
    "__kmpc_end_single", "__kmpc_dispatch_fini_4", "__kmpc_dispatch_fini_4u", "__kmpc_dispatch_fini_8",
    "__kmpc_dispatch_fini_8u", "__kmpc_dispatch_deinit", "__kmpc_ok_to_fork",
  ]

  /// Loop schedulers: static (`__kmpc_for_static_init_{4,4u,8,8u}`) and dynamic/guided/runtime
  /// (`__kmpc_dispatch_init_*`, `__kmpc_dispatch_next_*`). Each thread's reverse sweep replays the
  /// bounds it was given, from its own tape, so any schedule is reversed exactly.
  static let worksharePrefixes = ["__kmpc_for_static_init_", "__kmpc_dispatch_init_", "__kmpc_dispatch_next_",
                                  "__kmpc_distribute_static_init_"]

  /// The kinds of the calls that need more than a copy.
  static let kinds: [String: OpenMPCall] = [
    "__kmpc_fork_call": .fork,
    "__kmpc_barrier": .barrier,
    "__kmpc_critical": .critical,
    "__kmpc_critical_with_hint": .critical,
    "__kmpc_end_critical": .endCritical,
    "__kmpc_reduce": .reduce(blocking: true),
    "__kmpc_reduce_nowait": .reduce(blocking: false),
    "__kmpc_end_reduce": .endReduce(blocking: true),
    "__kmpc_end_reduce_nowait": .endReduce(blocking: false),
  ]

  /// Families swad refuses by name, with what they are.
  static let unsupportedPrefixes: [(prefix: String, what: String)] = [
    ("__kmpc_omp_task", "an OpenMP task (#pragma omp task)"),
    ("__kmpc_taskloop", "an OpenMP taskloop"),
    ("__kmpc_taskgroup", "an OpenMP taskgroup"),
    ("__kmpc_end_taskgroup", "an OpenMP taskgroup"),
    ("__kmpc_omp_wait_deps", "an OpenMP task dependence"),
    ("__tgt_", "OpenMP offloading (#pragma omp target)"),
    ("__kmpc_fork_teams", "an OpenMP teams region"),
    ("__kmpc_push_num_teams", "an OpenMP teams region"),
    ("__kmpc_ordered", "an ordered region (#pragma omp ordered)"),
    ("__kmpc_end_ordered", "an ordered region (#pragma omp ordered)"),
    ("__kmpc_doacross", "an ordered loop with dependences"),
    ("__kmpc_copyprivate", "copyprivate"),
    ("__kmpc_threadprivate", "a threadprivate variable"),
    ("__kmpc_alloc", "OpenMP memory allocation"),
    ("__kmpc_free", "OpenMP memory allocation"),
    ("omp_set_lock", "an OpenMP lock"), ("omp_unset_lock", "an OpenMP lock"),
    ("omp_init_lock", "an OpenMP lock"), ("omp_destroy_lock", "an OpenMP lock"),
    ("omp_set_nest_lock", "an OpenMP lock"), ("omp_unset_nest_lock", "an OpenMP lock"),
    ("omp_test_lock", "an OpenMP lock"),
    ("__kmpc_", "an OpenMP runtime call swad has no rule for"),
  ]

  /// Whether a pointer argument of a runtime call is the runtime's own state rather than the
  /// program's data: a source location (`ident_t`, a constant) or a critical section's lock (clang's
  /// `.gomp_critical_user_<name>.var`, a name no program can spell).
  static func isRuntimeState(_ pointer: Value) -> Bool {
    pointer.isGlobalVariable && (pointer.isGlobalConstant || pointer.name.hasPrefix(".gomp_critical_user_"))
  }

  /// The meaning of a call of `name`, or nil when it is not an OpenMP runtime function.
  static func semantics(ofName name: String) -> CallSemantics? {
    guard name.hasPrefix("__kmpc_") || name.hasPrefix("omp_") || name.hasPrefix("__tgt_") else { return nil }
    if inactiveNames.contains(name) { return .inactive }
    if let kind = kinds[name] { return .openMP(kind) }
    if worksharePrefixes.contains(where: { name.hasPrefix($0) }) { return .openMP(.workshare) }
    if let entry = unsupportedPrefixes.first(where: { name.hasPrefix($0.prefix) }) {
      return .openMP(.unsupported(what: entry.what))
    }
    return nil
  }

  /// The microtask a fork call runs (its third argument, through casts).
  static func microtask(of fork: Instruction) -> Function? {
    let arguments = fork.arguments
    guard arguments.count >= 3 else { return nil }
    return arguments[2].strippingPointerCasts.asFunction
  }

  /// Per parameter of a fork's microtask, whether it is a captured variable (a stack slot of the
  /// caller) that holds one pointer whose shadow is real (`hasRealShadow`): stored once, otherwise
  /// only read or handed to forks. Empty when none is.
  static func shadowedPointees(of fork: Instruction, hasRealShadow: (Value) -> Bool) -> [Bool] {
    let flags = captured(by: fork).map { value -> Bool in
      guard let slot = value.asInstruction, slot.opcode == LLVMAlloca else { return false }
      var stored: [Value] = []
      for user in slot.value.users {
        guard let instruction = user.asInstruction else { return false }
        switch instruction.opcode {
        case LLVMLoad: continue
        case LLVMStore:
          guard instruction.operand(1) == slot.value else { return false }
          stored.append(instruction.operand(0))
        case LLVMCall:
          let name = instruction.calledFunction?.name ?? ""
          guard name.hasPrefix("llvm.lifetime.") || name == "__kmpc_fork_call" else { return false }
        default: return false
        }
      }
      return stored.count == 1 && stored[0].type.isPointer && hasRealShadow(stored[0])
    }
    return flags.contains(true) ? [false, false] + flags : []
  }

  /// The captured arguments a fork call passes to its microtask (after the location, the count and
  /// the microtask).
  static func captured(by fork: Instruction) -> [Value] { Array(fork.arguments.dropFirst(3)) }

  /// Whether `instruction` lies on the atomic way of a reduction (case 2 of the switch on
  /// `__kmpc_reduce*`'s result, up to where the ways meet), which derivatives never take.
  static func isOnAtomicReductionPath(_ instruction: Instruction) -> Bool {
    atomicReductionBlocks(in: instruction.function).contains(instruction.parent)
  }

  /// The blocks of `function` on the atomic way of a reduction.
  static func atomicReductionBlocks(in function: Function) -> Set<BasicBlock> {
    var found: Set<BasicBlock> = []
    for block in function.blocks {
      guard let terminator = block.terminator, terminator.opcode == LLVMSwitch,
        let reduce = terminator.operand(0).asInstruction, reduce.isCall,
        reduce.calledFunction?.name.hasPrefix("__kmpc_reduce") == true,
        let atomicWay = terminator.switchCases.first(where: { $0.value.constantInt == 2 })?.destination
      else { continue }
      let merge = terminator.successor(0)
      var work = [atomicWay]
      found.insert(atomicWay)
      while let current = work.popLast() {
        for next in current.successors where next != merge && found.insert(next).inserted { work.append(next) }
      }
    }
    return found
  }
}
