// Inner loops that update an array in place from a start that moves with the enclosing loop run
// backwards, so that their vector accesses line up with the previous run's.
import CLLVM
import LLVMBinding
import SwadAD
import SwadAnalysis

/// A triangular update such as `for i { for j in i+1..<d { out[j] += l[idx] * x[i] } }` (a column-
/// oriented triangular product or solve) reads `out[j]` right after the previous run of the inner
/// loop wrote it. Vectorized two elements at a time from its start, the inner loop's chunks are
/// `(i+1, i+2), (i+3, i+4) ...`; the next run's are `(i+2, i+3) ...`, so each of its vector loads
/// spans two of the stores just made. The processor cannot forward a store to a load that spans two
/// stores: the load waits until both reach the cache, about a dozen cycles each time. In ADBench's
/// GMM at d = 10 that wait was 70% of the objective and 30% of its gradient (the augmented forward
/// sweep runs the same loop).
///
/// Run backwards from the fixed end, every run's chunks are `(d-2, d-1), (d-4, d-3) ...`: the same
/// pairs each time, so each load finds one store that covers it. GMM's objective went from 2.0 to
/// 1.2 ms and its gradient from 4.4 to 3.7 ms.
///
/// The reversal must not change a result, so it applies only when the iterations are independent:
/// - the loop is one block (header and latch), entered from one preheader and left to one exit;
/// - every phi of the header is an integer induction with a constant step (no reduction, whose sum
///   would round differently in the other order), one of them, of unit step, the counter the exit
///   tests (`icmp eq/ne counter + step, end` with `end` fixed before the loop);
/// - every store writes the same address, an element of a loop-invariant base indexed by an
///   induction of unit step, of the stored type: each iteration writes its own element;
/// - every load reads that address (the element's own old value) or an object that cannot overlap
///   the stored one (`MemoryWrites.mayAlias`);
/// - calls are memory-free intrinsics, and nothing volatile or atomic;
/// - values made in the loop are used after it only if they are inductions (they get their final
///   value in closed form).
/// It is worth doing only for the shape above: some load reads the stored address (the update in
/// place), and the index of the first element updated is made in the enclosing loop, while the last
/// is not (known when the exit tests that index; the inductions' ends are not compared otherwise).
public enum ShiftedLoopReversal {
  /// Reverses the qualifying loops of `function` (of a module in `context`). Returns how many it
  /// reversed.
  @discardableResult
  public static func run(on function: Function, context: Context) -> Int {
    guard !function.isDeclaration else { return 0 }
    let dominators = DominatorTree(function: function)
    let loops = LoopInfo(function: function, dominators: dominators)
    var reversed = 0
    for loop in loops.loops {
      guard let plan = Plan.make(loop) else { continue }
      plan.apply(builder: Builder(context: context))
      reversed += 1
    }
    return reversed
  }

  /// What the reversal of one loop needs, found only if the loop qualifies.
  struct Plan {
    let body: BasicBlock
    let preheader: BasicBlock
    let inductions: [Induction]
    let counter: Induction
    let end: Value
    let exitTest: Instruction

    /// The plan for `loop`, or nil if it does not qualify.
    static func make(_ loop: Loop) -> Plan? {
      guard loop.blocks.count == 1, loop.latches == [loop.header], let parent = loop.parent else {
        return nil
      }
      let body = loop.header
      let entries = body.parent.blocks.filter { $0 != body && $0.successors.contains(body) }
      guard entries.count == 1, let branch = body.terminator, branch.opcode == LLVMBr,
        branch.operandCount == 3,
        Set([branch.successor(0), branch.successor(1)]).count == 2,
        [branch.successor(0), branch.successor(1)].contains(body)
      else { return nil }
      let preheader = entries[0]

      // Every phi an induction.
      var inductions: [Induction] = []
      for phi in body.instructions.prefix(while: \.isPhi) {
        guard let induction = Induction(phi, of: loop, latch: body) else { return nil }
        inductions.append(induction)
      }

      // The exit test: `icmp eq/ne counter.next, end`.
      guard let test = branch.condition.asInstruction, test.opcode == LLVMICmp, test.parent == body,
        [LLVMIntEQ, LLVMIntNE].contains(test.intPredicate)
      else { return nil }
      let (left, right) = (test.operand(0), test.operand(1))
      guard let counter = inductions.first(where: { $0.next.value == left || $0.next.value == right }),
        counter.step.magnitude == 1
      else { return nil }
      let end = counter.next.value == left ? right : left
      guard isDefined(end, outside: loop), let element = updatedElement(loop, inductions: inductions),
        // Worth it: the first element updated moves with the enclosing loop, the last does not
        // (known when the exit tests the element's own index).
        !isDefined(element.start, outside: parent),
        element.phi != counter.phi || isDefined(end, outside: parent)
      else { return nil }
      return Plan(
        body: body, preheader: preheader, inductions: inductions, counter: counter, end: end, exitTest: test)
    }

    /// Rewrites the loop to run its iterations last to first.
    func apply(builder: Builder) {
      builder.position(before: preheader.terminator!)
      builder.debugLocation = exitTest.debugLocation ?? body.terminator?.debugLocation
      // Iterations: (end - start) / step, which is exact: the counter reaches `end` by unit steps.
      let counterType = counter.phi.type
      let trips =
        counter.step == 1
        ? builder.sub(end, counter.start, "trips") : builder.sub(counter.start, end, "trips")
      let lastIteration = builder.sub(trips, Value.constInt(counterType, 1), "last.iteration")
      var finals: [Instruction: (last: Value, after: Value)] = [:]
      for induction in inductions {
        let type = induction.phi.type
        // start + iterations × step, in the induction's own width (exact modulo 2^width).
        func value(after iterations: Value, _ name: String) -> Value {
          let count = builder.intCast(iterations, to: type, signed: false)
          switch induction.step {
          case 1: return builder.add(induction.start, count, name)
          case -1: return builder.sub(induction.start, count, name)
          default:
            return builder.add(
              induction.start, builder.mul(count, Value.constInt(type, induction.step)), name)
          }
        }
        finals[induction.phi] = (
          value(after: lastIteration, "reversed.start"), value(after: trips, "reversed.end")
        )
      }
      // Outside the loop, each induction and its next value take their values after the last
      // iteration, as before.
      for induction in inductions {
        let (last, after) = finals[induction.phi]!
        replaceUses(of: induction.phi.value, outside: body, with: last)
        replaceUses(of: induction.next.value, outside: body, with: after)
      }
      // Inside: start from the last iteration and step back. `next` keeps computing `phi + step`,
      // the value the body read before.
      builder.position(before: body.terminator!)
      var stepsBack: [Instruction: Value] = [:]
      for induction in inductions {
        stepsBack[induction.phi] = builder.add(
          induction.phi.value, Value.constInt(induction.phi.type, -induction.step),
          "reversed.back")
      }
      for induction in inductions {
        let phi = induction.phi
        for (index, incoming) in phi.incoming.enumerated() {
          let value = incoming.block == body ? stepsBack[phi]! : finals[phi]!.last
          phi.setOperand(index, value)
        }
      }
      // Leave after the iteration that was the first.
      let done = builder.icmp(exitTest.intPredicate, counter.phi.value, counter.start, "reversed.done")
      let branch = body.terminator!
      branch.setOperand(0, done)
      if exitTest.value.users.isEmpty { exitTest.eraseFromParent() }
    }

    private func replaceUses(of value: Value, outside block: BasicBlock, with replacement: Value) {
      for user in value.users {
        guard let instruction = user.asInstruction, instruction.parent != block else { continue }
        for index in 0..<instruction.operandCount where instruction.operand(index) == value {
          instruction.setOperand(index, replacement)
        }
      }
    }

    static func isDefined(_ value: Value, outside loop: Loop) -> Bool {
      guard let instruction = value.asInstruction else { return true }
      return !loop.contains(instruction.parent)
    }

    /// The induction that indexes the element each iteration updates in place, if no iteration reads
    /// or writes memory another writes and nothing else ties the iterations' order (see the type's
    /// comment).
    static func updatedElement(_ loop: Loop, inductions: [Induction]) -> Induction? {
      let body = loop.header
      let inductionValues = Set(inductions.flatMap { [$0.phi.value, $0.next.value] })
      var storedAddress: Value?
      var loads: [Instruction] = []
      for instruction in body.instructions {
        // Only inductions may be used after the loop.
        if !inductionValues.contains(instruction.value),
          instruction.value.users.contains(where: { $0.asInstruction?.parent != body })
        {
          return nil
        }
        switch instruction.opcode {
        case LLVMLoad:
          guard !instruction.isVolatile, LLVMGetOrdering(instruction.ref) == LLVMAtomicOrderingNotAtomic
          else {
            return nil
          }
          loads.append(instruction)
        case LLVMStore:
          guard !instruction.isVolatile, LLVMGetOrdering(instruction.ref) == LLVMAtomicOrderingNotAtomic
          else {
            return nil
          }
          let address = instruction.operand(1)
          if storedAddress == nil { storedAddress = address }
          guard storedAddress == address else { return nil }
        case LLVMCall:
          guard let callee = instruction.calledFunction, callee.isIntrinsic, callee.memoryEffects == 0 else {
            return nil
          }
        case LLVMInvoke, LLVMCallBr, LLVMFence, LLVMAtomicRMW, LLVMAtomicCmpXchg, LLVMVAArg:
          return nil
        default:
          continue
        }
      }
      // One element per iteration: `base[i]` or `base[i + step]` of the stored type, the base fixed, `i`
      // an induction of unit step.
      guard let address = storedAddress, let element = address.asInstruction,
        element.opcode == LLVMGetElementPtr,
        element.operandCount == 2, isDefined(element.operand(0), outside: loop),
        let index = inductions.first(where: {
          $0.step.magnitude == 1
            && (element.operand(1) == $0.phi.value || element.operand(1) == $0.next.value)
        })
      else { return nil }
      let storedTypes = address.users.compactMap { user -> IRType? in
        guard let store = user.asInstruction, store.opcode == LLVMStore, store.operand(1) == address else {
          return nil
        }
        return store.operand(0).type
      }
      guard storedTypes.allSatisfy({ $0 == element.gepSourceElementType }) else { return nil }
      let storedObject = MemoryWrites.underlyingObject(address)
      var updatesInPlace = false
      for load in loads {
        if load.operand(0) == address {
          guard load.type == element.gepSourceElementType else { return nil }
          updatesInPlace = true
        } else if MemoryWrites.mayAlias(MemoryWrites.underlyingObject(load.operand(0)), storedObject) {
          return nil
        }
      }
      return updatesInPlace ? index : nil
    }
  }
}
