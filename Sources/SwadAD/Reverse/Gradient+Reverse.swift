// Reverse mode, reverse sweep: the blocks backwards, adjoint storage, and the way back through the
// control flow the forward sweep took.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  func emitReverseSweep() throws {
    reverseEntry = reverse.appendBlock(named: "entry")
    allocaBuilder.position(atEndOf: reverseEntry)
    reverse.parameter(0).name = "tape"
    if derivative.signature.activeReturn {
      forEachLane { returnSeed.name = "dret" + (lane == 0 ? "" : ".\(lane)") }
    }
    reverseLayout.name(reverse, like: original)
    planAdjointRotations()  // `Gradient+RotatedAdjoints`
    if !adjointRotations.isEmpty { reverse.addStringAttribute(LoopVersioning.attribute) }
    for block in blocks.reversed() {
      reverseHeads[block] = reverse.appendBlock(named: "rev." + label(of: block))
      reverseBodies[block] = reverse.appendBlock(named: "rev." + label(of: block) + ".body")
    }
    reverseExit = reverse.appendBlock(named: "exit")
    for block in blocks.reversed() {
      builder.position(atEndOf: reverseBodies[block]!)
      try emitReverse(of: block)
    }
    builder.position(atEndOf: reverseExit)
    builder.debugLocation = nil
    redoRestoredStores()
    flushAdjointWindows()  // `Gradient+SharedAdjoints`
    // Adjoints start from -0.0 (see `adjointZero`); one nothing was added to is returned as +0.0.
    let adjointValues = derivative.activeParameters.flatMap { index in
      let parameter = original.parameter(index)
      var lanes: [Value] = []
      forEachLane { lanes.append(adjoints[parameter] == nil ? Value.null(parameter.type) : takeAdjoint(parameter)) }
      return lanes
    }
    if adjointValues.isEmpty {
      builder.retVoid()
    } else {
      var result = Value.poison(reverse.returnType)
      for (index, value) in adjointValues.enumerated() { result = builder.insertValue(result, value, UInt32(index)) }
      builder.ret(result)
    }
  }

  private func emitReverse(of block: BasicBlock) throws {
    let terminator = block.terminator!
    builder.debugLocation = terminator.debugLocation
    if terminator.opcode == LLVMRet, derivative.signature.activeReturn, terminator.operandCount > 0 {
      forEachLane { addAdjoint(terminator.operand(0), returnSeed) }
    }
    for instruction in block.instructions.reversed() where !instruction.isTerminator && !instruction.isPhi {
      builder.debugLocation = instruction.debugLocation
      try reverseInstruction(instruction, in: block)
    }
    // Phi nodes: their adjoints flow to the incoming value of the edge control came along.
    let phis = block.instructions.filter { $0.isPhi && activity.isActive($0.value) && $0.type.containsFloatingPoint }
    var phiAdjoints: [[Value]] = []
    forEachLane { phiAdjoints.append(phis.map { takeAdjoint($0.value) }) }
    func transfer(from predecessor: BasicBlock) {
      forEachLane {
        for (phi, adjoint) in zip(phis, phiAdjoints[lane]) {
          if let incoming = phi.incoming.first(where: { $0.block == predecessor }) {
            addAdjoint(incoming.value, adjoint)
          }
        }
      }
    }
    let predecessors = self.predecessors[block] ?? []
    if predecessors.isEmpty {
      builder.br(reverseExit)
    } else if let counter = counters[block] {
      emitCountedDispatch(counter, at: block, transfer: transfer)
    } else if let decided = decidedMerges[block] {
      // `Gradient+DecidedMerges`: the branch that chose the predecessor, recomputed.
      let condition = primalInReverse(decided.condition, at: block)
      let dispatch = builder.insertBlock
      var edges: [BasicBlock] = []
      for predecessor in [decided.fromTrue, decided.fromFalse] {
        let edge = reverse.appendBlock(named: "rev." + label(of: block) + ".from." + label(of: predecessor))
        edge.moveAfter(edges.last ?? dispatch)
        builder.position(atEndOf: edge)
        // A predecessor may still push its index for another successor's sake.
        if pushesBlockIndex(predecessor) { _ = tape.pop([i64], tape: reverseTape, builder: builder) }
        transfer(from: predecessor)
        branchBack(from: block, to: predecessor)
        edges.append(edge)
      }
      builder.position(atEndOf: dispatch)
      builder.condBr(condition, edges[0], edges[1])
    } else if predecessors.count == 1 {
      let predecessor = predecessors[0]
      if pushesBlockIndex(predecessor) { _ = tape.pop([i64], tape: reverseTape, builder: builder) }
      transfer(from: predecessor)
      branchBack(from: block, to: predecessor)
    } else {
      let index = tape.pop([i64], tape: reverseTape, builder: builder)[0]
      var cases: [(Value, BasicBlock)] = []
      let dispatch = builder.insertBlock
      for predecessor in predecessors {
        let edge = reverse.appendBlock(named: "rev." + label(of: block) + ".from." + label(of: predecessor))
        edge.moveAfter(dispatch)
        builder.position(atEndOf: edge)
        transfer(from: predecessor)
        branchBack(from: block, to: predecessor)
        cases.append((Value.constInt(i64, Int64(blockIndex[predecessor]!)), edge))
      }
      builder.position(atEndOf: dispatch)
      builder.switchOn(index, default: unreachableBlock(), cases: cases)
    }
  }

  /// Branches from the reverse of `block` to the reverse of its `predecessor`. When the forward edge
  /// leaves a loop, the reverse edge enters it, through a block where `fillLoopEntries` sets the
  /// loop's slots.
  private func branchBack(from block: BasicBlock, to predecessor: BasicBlock) {
    let entersLoop = loops.loop(containing: predecessor).map { !$0.contains(block) } ?? false
    if entersLoop {
      let entry = reverse.appendBlock(named: "rev." + label(of: block) + ".enter." + label(of: predecessor))
      entry.moveAfter(builder.insertBlock)
      builder.br(entry)
      builder.position(atEndOf: entry)
      loopEntries.append((block, predecessor, entry))
    }
    builder.br(reverseHeads[predecessor]!)
  }

  /// A block's name, or its position for unnamed blocks, for naming the reverse sweep's blocks.
  func label(of block: BasicBlock) -> String {
    block.name.isEmpty ? "bb\(blockIndex[block]!)" : block.name
  }

  // MARK: - Adjoint storage

  /// The adjoint of an original value lives in a zero-initialized stack slot of the reverse function
  /// (promoted to registers by the optimizer).
  func adjointSlot(_ value: Value) -> Value {
    if let slot = adjoints[value] { return slot }
    let slot = allocaBuilder.alloca(value.type, "d" + value.name)
    allocaBuilder.store(adjointZero(value.type), to: slot)
    adjoints[value] = slot
    return slot
  }

  /// Whether an original value has an adjoint.
  func hasAdjoint(_ value: Value) -> Bool {
    !value.isConstant && activity.isVaried(value) && value.type.containsFloatingPoint
  }

  /// adjoint(value) += delta.
  func addAdjoint(_ value: Value, _ delta: Value) {
    guard hasAdjoint(value) else { return }
    let slot = adjointSlot(value)
    let sum = addFloats(builder.load(value.type, from: slot), delta)
    builder.store(sum, to: slot)
  }

  /// Returns the adjoint of `value` and resets it to zero (its definition is being reversed).
  func takeAdjoint(_ value: Value) -> Value {
    guard hasAdjoint(value) else { return adjointZero(value.type) }
    let slot = adjointSlot(value)
    let adjoint = builder.load(value.type, from: slot)
    builder.store(adjointZero(value.type), to: slot)
    return adjoint
  }

  /// The zero adjoints start from: -0.0 in every float leaf, because `-0.0 + x` is `x` for every x
  /// (while `+0.0 + -0.0` is `+0.0`), so the optimizer can drop the first addition into an adjoint.
  func adjointZero(_ type: IRType) -> Value {
    if type.isFloatingPointOrVector { return Value.constReal(type, -0.0) }
    if type.isStruct {
      var elements: [LLVMValueRef?] = type.structElements.map { adjointZero($0).ref }
      return Value(LLVMConstNamedStruct(type.ref, &elements, UInt32(elements.count)))
    }
    if type.isArray, type.elementType.containsFloatingPoint {
      var elements: [LLVMValueRef?] = Array(repeating: adjointZero(type.elementType).ref, count: Int(type.arrayLength))
      return Value(LLVMConstArray2(type.elementType.ref, &elements, UInt64(elements.count)))
    }
    return Value.null(type)
  }

  /// `a + b` on the floating-point leaves of two values of the same type; other leaves keep `a`'s.
  func addFloats(_ a: Value, _ b: Value) -> Value {
    let type = a.type
    if type.isFloatingPointOrVector {
      // The order in which an adjoint's contributions are summed is not the program's: `reassoc`
      // lets the optimizer vectorize a reverse loop that accumulates one (a dot product's adjoint).
      // Nor is the sign of a zero adjoint anything but an accident of that order: `nsz` lets
      // `0 + d` fold to `d`, so that a store's reverse, which clears the element's adjoint, and the
      // reverse of a load of the same element, which adds to it again, cancel (`a[j] += t` in a
      // loop: without it, the reverse loop rewrote ā[j] with ā[j] + 0 in every iteration). And
      // `contract`, as the rules' arithmetic (`DerivativeArithmetic`).
      return builder.derivativeFAdd(a, b, flags: DerivativeArithmetic.adjointSum)
    }
    guard type.isAggregate else { return a }
    var result = a
    let count = type.isStruct ? type.structElements.count : Int(type.arrayLength)
    for index in 0..<UInt32(count) where type.element(at: index).containsFloatingPoint {
      let sum = addFloats(builder.extractValue(a, index), builder.extractValue(b, index))
      result = builder.insertValue(result, sum, index)
    }
    return result
  }
}
