// Integers that carry floating-point values, given their floating-point types before differentiation,
// so that the derivative follows the values: parameters and results of the functions differentiated
// code calls, and loads and stores.
import CLLVM
import LLVMBinding

/// Rewrites what the integer type analysis finds carrying floats into floating-point IR:
///
/// - A function whose integer parameter or result carries floats (`double f(uint64_t bits)` that
///   reads a double out of it; `double g(struct {float a; int n} s)`, which C's ABI passes as an
///   `i64`) gets a body with the pieces as parameters (`double`; `float, i32`), and the function
///   itself becomes a wrapper that splits its arguments and calls it. The wrapper is inlined into its
///   callers, so each call passes the pieces, and what stays is the original symbol for callers
///   outside the differentiated code.
/// - A load or store of such an integer becomes loads or stores of its pieces.
///
/// The rewrite keeps every bit as it was (a bitcast is exact); a later `instcombine` folds the
/// packing and unpacking away, leaving the values in floating-point registers, where activity and
/// both modes follow them.
enum FloatCarriers {
  /// The suffix of a body split from its function: diagnostics show the original name.
  static let bodySuffix = ".unpacked"

  /// The name of the function whose body `name` is (the name itself for any other function).
  static func originalName(of name: String) -> String {
    name.hasSuffix(bodySuffix) ? String(name.dropLast(bodySuffix.count)) : name
  }

  /// Rewrites the carriers of `functions` (except those in `kept`, whose signatures rules match);
  /// returns the functions it changed, for the clean-up to run on.
  static func unpack(in functions: [Function], keeping kept: Set<Function>, module: Module) -> [Function] {
    // The layouts assume little-endian bytes (LLVM's default when the module names none).
    guard !module.dataLayout.split(separator: "-").contains("E") else { return [] }
    let defined = functions.filter { !$0.isDeclaration }
    let analysis = IntegerTypeAnalysis(functions: defined)
    let builder = Builder(context: module.context)
    let accessesSplit = defined.filter { splitAccesses(in: $0, analysis: analysis, builder: builder) }
    var bodies: [Function: Function] = [:]
    for function in defined where !kept.contains(function) && !function.type.isVariadic {
      bodies[function] = splitSignature(of: function, analysis: analysis, module: module, builder: builder)
    }
    // A function split after its accesses were lives on as its body; the callers of the wrappers get
    // them inlined.
    var changed = Set(accessesSplit.map { bodies[$0] ?? $0 }).union(bodies.values)
    for wrapper in bodies.keys { changed.formUnion(callers(of: wrapper)) }
    return Array(changed)
  }

  // MARK: - Loads and stores

  private static func splitAccesses(in function: Function, analysis: IntegerTypeAnalysis, builder: Builder)
    -> Bool
  {
    var changed = false
    for block in function.blocks {
      for instruction in block.instructions
      where instruction.opcode == LLVMLoad || instruction.opcode == LLVMStore {
        guard !instruction.isVolatile, LLVMGetOrdering(instruction.ref) == LLVMAtomicOrderingNotAtomic else {
          continue
        }
        let isLoad = instruction.opcode == LLVMLoad
        let value = isLoad ? instruction.value : instruction.operand(0)
        let pointer = isLoad ? instruction.operand(0) : instruction.operand(1)
        guard let pieces = analysis.layout(of: value)?.floatPieces else { continue }
        builder.position(before: instruction)
        builder.debugLocation = instruction.debugLocation
        let alignment = Int(instruction.alignment)
        if isLoad {
          let loaded = pieces.map { piece in
            let load = builder.load(
              piece.type(in: value.type.context), from: address(of: piece, in: pointer, builder))
            LLVMSetAlignment(load.ref, UInt32(pieceAlignment(alignment, offset: piece.offset)))
            return load
          }
          let whole = pack(loaded, pieces: pieces, into: value.type, builder)
          instruction.value.replaceAllUses(with: whole)
        } else {
          for (piece, part) in zip(pieces, unpack(value, into: pieces, builder)) {
            let store = builder.store(part, to: address(of: piece, in: pointer, builder))
            LLVMSetAlignment(store.ref, UInt32(pieceAlignment(alignment, offset: piece.offset)))
          }
        }
        instruction.eraseFromParent()
        changed = true
      }
    }
    return changed
  }

  private static func address(of piece: BytePiece, in pointer: Value, _ builder: Builder) -> Value {
    guard piece.offset > 0 else { return pointer }
    return builder.byteOffset(pointer, .constInt(.int(64, in: builder.context), Int64(piece.offset)))
  }

  /// The alignment known at `offset` bytes past an address aligned to `alignment`.
  static func pieceAlignment(_ alignment: Int, offset: Int) -> Int {
    offset == 0 ? max(alignment, 1) : min(max(alignment, 1), offset & -offset)
  }

  /// Makes each integer load whose every use reinterprets it as one floating-point type a load of
  /// that type. `instcombine` goes the other way (it gives a load the type of its one bitcast, and
  /// does so to the loads of float pieces once their packing is folded away); after it, this puts
  /// the floats back where the derivative can see them.
  ///
  /// A load some of whose uses reinterpret it and others use it as an integer (a Swift enum's
  /// payload: a `Double` in one case, an `Int` in another, switched on after one load) gets a
  /// floating-point load beside it, at the same point, for the uses that reinterpret it. Those used
  /// the integer's bits, which carry no derivative: a pipeline of `[Op]` with `.scale(p[0])` and
  /// `.power(2)` had its gradient silently 0.
  ///
  /// Vectors alike: Eigen's SSE code broadcasts a packed double as `load <4 x i32>`, a shuffle of
  /// its 32-bit halves and a bit cast to `<2 x double>` (`shufflesOfFloatsAsFloats` first makes the
  /// shuffle one of doubles).
  static func loadFloatsAsFloats(in function: Function, builder: Builder) {
    let loads = function.blocks.flatMap(\.instructions).filter {
      $0.opcode == LLVMLoad && ($0.type.isInteger || ($0.type.isVector && $0.type.elementType.isInteger))
    }
    for load in loads {
      guard !load.isVolatile, LLVMGetOrdering(load.ref) == LLVMAtomicOrderingNotAtomic else { continue }
      let users = load.value.users.compactMap(\.asInstruction)
      guard users.count == load.value.users.count else { continue }
      let reinterpreting = users.filter { $0.opcode == LLVMBitCast && $0.type.isFloatingPointOrVector }
      guard let first = reinterpreting.first, reinterpreting.allSatisfy({ $0.type == first.type }) else {
        continue
      }
      if reinterpreting.count < users.count, let next = load.next {
        builder.position(before: next)
      } else {
        builder.position(before: load)
      }
      builder.debugLocation = load.debugLocation
      let floats = builder.load(first.type, from: load.operand(0))
      LLVMSetAlignment(floats.ref, load.alignment)
      for user in reinterpreting {
        user.value.replaceAllUses(with: floats)
        user.eraseFromParent()
      }
      if load.value.users.isEmpty { load.eraseFromParent() }
    }
  }

  /// Makes a shuffle of an integer vector that moves whole floats, and is read back as floats, a
  /// shuffle of the floats: `bitcast (shufflevector <4 x i32> %v, poison, <0, 1, 0, 1>) to <2 x
  /// double>` becomes `shufflevector (bitcast %v to <2 x double>), poison, <0, 0>`. Unoptimized
  /// Eigen broadcasts a packed double so (`_mm_shuffle_epi32` on its bits, which the optimization
  /// pipeline's vector-combine would fold but the pre-AD simplification does not run); through the
  /// integers, the derivative was lost without a word: its triangular solve with a matrix
  /// right-hand side had the derivatives of its first diagonal panel wrong at -O0.
  static func shufflesOfFloatsAsFloats(in function: Function, builder: Builder) {
    let casts = function.blocks.flatMap(\.instructions).filter { cast in
      guard cast.opcode == LLVMBitCast, cast.type.isVector, cast.type.elementType.isFloatingPoint,
        let shuffle = cast.operand(0).asInstruction, shuffle.opcode == LLVMShuffleVector,
        shuffle.type.isVector, shuffle.type.elementType.isInteger
      else { return false }
      return true
    }
    for cast in casts {
      let shuffle = cast.operand(0).asInstruction!
      let floats = cast.type
      let lanes = Int(shuffle.type.vectorSize)
      let count = Int(floats.vectorSize)
      let inputs = shuffle.operand(0).type
      guard count > 0, lanes % count == 0, Int(inputs.vectorSize) % (lanes / count) == 0 else { continue }
      let group = lanes / count
      // Each float of the result is a whole float of the inputs, in order, or undefined.
      var mask: [Int32] = []
      for index in 0..<count {
        let first = LLVMGetMaskValue(shuffle.ref, UInt32(index * group))
        if first == LLVMGetUndefMaskElem() {
          guard (0..<group).allSatisfy({ LLVMGetMaskValue(shuffle.ref, UInt32(index * group + $0)) == first })
          else { break }
          mask.append(-1)
          continue
        }
        guard first % Int32(group) == 0,
          (0..<group).allSatisfy({
            LLVMGetMaskValue(shuffle.ref, UInt32(index * group + $0)) == first + Int32($0)
          })
        else { break }
        mask.append(first / Int32(group))
      }
      guard mask.count == count else { continue }
      let wide = IRType.vector(of: floats.elementType, count: inputs.vectorSize / UInt32(group))
      builder.position(before: cast)
      builder.debugLocation = cast.debugLocation
      // The floats themselves where the integers are their bits cast (through other integer
      // shapes): a cast of the cast would leave the floats' derivative behind in the integers.
      func asFloats(_ value: Value) -> Value {
        if value.isUndef || value.isPoison { return Value.poison(wide) }
        var source = value
        while let cast = source.asInstruction, cast.opcode == LLVMBitCast {
          source = cast.operand(0)
          if source.type == wide { return source }
        }
        return builder.bitCast(value, to: wide)
      }
      let i32 = IRType(LLVMInt32TypeInContext(LLVMGetTypeContext(floats.ref)))
      let maskValue = Value(
        mask.map { $0 < 0 ? LLVMGetPoison(i32.ref) : LLVMConstInt(i32.ref, UInt64($0), 0) }
          .withUnsafeBufferPointer { elements in
            LLVMConstVector(UnsafeMutablePointer(mutating: elements.baseAddress), UInt32(elements.count))!
          })
      let made = builder.shuffleVector(
        asFloats(shuffle.operand(0)), asFloats(shuffle.operand(1)), mask: maskValue)
      cast.value.replaceAllUses(with: made)
      cast.eraseFromParent()
      if shuffle.value.users.isEmpty { shuffle.eraseFromParent() }
    }
  }

  /// Whether `bits` may be a float's bits read as an integer: not an integer load that says it is an
  /// integer (a type tag of an integer type, or a value range: a random generator's state) or from
  /// memory the function writes integers into. Integers keep their own bits in their shadows: taken
  /// for a float, such a load would give the float a tangent made of the integer's bits. A double
  /// that instcombine loads as an `i64` for its integer uses keeps its tag "double"; Eigen's
  /// packets are read with "omnipotent char", which says nothing.
  ///
  /// With `onlyIntegersMade`, the writes that count are those of integers the function makes, at
  /// bytes the load may read: not copies (an integer load stored as it is, which says nothing of
  /// what the bytes are), not constants narrower than the load (an optional's tag beside its
  /// payload), not writes at other constant offsets (an array's count in its header). A refusal
  /// asks this: a Swift array of `SIMD2<Double>?` filled with words copied from a `[Double]`, its
  /// count and tags stored beside them, was taken for integers, and its derivative was 0 without a
  /// word. (A rewrite into floats asks the plain question: there, an integer's bits taken for a
  /// float would give the float a wrong tangent.)
  static func mayBeFloatBits(
    _ bits: Value, onlyIntegersMade: Bool = false, ignoring ignored: Set<Instruction> = []
  ) -> Bool {
    guard let load = bits.asInstruction, load.opcode == LLVMLoad else { return true }
    guard LLVMGetMetadata(load.ref, LLVMGetMDKindID("range", 5)) == nil else { return false }
    if let tag = CopiedBytes.accessTagName(load), !["double", "float", "omnipotent char"].contains(tag) {
      return false
    }
    let object = MemoryWrites.underlyingObject(load.operand(0))
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    let size = Int(LLVMStoreSizeOfType(dataLayout, load.type.ref))
    let (_, offset) = CopiedBytes.base(of: load.operand(0), dataLayout)
    func writesIntegerRead(_ store: Instruction) -> Bool {
      let value = store.operand(0)
      guard onlyIntegersMade else { return true }
      if let copied = value.asInstruction, copied.opcode == LLVMLoad { return false }
      let stored = Int(LLVMStoreSizeOfType(dataLayout, value.type.ref))
      if value.isConstant && stored < size { return false }
      guard let offset, let at = CopiedBytes.base(of: store.operand(1), dataLayout).1 else { return true }
      return at < offset + size && offset < at + stored
    }
    return !load.function.blocks.contains { block in
      block.instructions.contains { store in
        store.opcode == LLVMStore && !store.operand(0).type.isFloatingPointOrVector
          && !store.operand(0).type.containsPointer && !ignored.contains(store)
          && MemoryWrites.underlyingObject(store.operand(1)) == object && writesIntegerRead(store)
      }
    }
  }

  /// Gives the phis and selects that carry an integer some of whose values are a float's bits, and
  /// that some uses read back as that float, a floating-point twin: the same choices among the
  /// floats (a float's bits bit cast back, any other integer's bits cast to the float), which the
  /// uses that read the float take instead. A Swift enum with a `Double` payload in one case and an
  /// `Int` in another, kept in a variable across a loop's iterations (a state machine), lives in
  /// such phis; through the integer, the derivative was lost (refused as a float reinterpreted as an
  /// integer). Vectors alike: optimized Eigen chooses between a quaternion's packets and their
  /// normalized values as `<2 x i64>` before flipping signs. The integer phis stay for the integer
  /// uses; every bit is as it was.
  static func twinChosenFloats(in function: Function, builder: Builder) {
    let casts = function.blocks.flatMap(\.instructions).filter { cast in
      guard cast.opcode == LLVMBitCast, cast.type.isFloatingPointOrVector,
        !cast.type.isVector || cast.type.elementType.isFloatingPoint,
        let source = cast.operand(0).asInstruction,
        !source.type.isVector || source.type.vectorSize == cast.type.vectorSize
      else { return false }
      return source.opcode == LLVMPHI || source.opcode == LLVMSelect
    }
    guard !casts.isEmpty else { return }
    var twins: [Value: Value] = [:]
    for cast in casts {
      cast.value.replaceAllUses(
        with: twin(of: cast.operand(0).asInstruction!, as: cast.type, twins: &twins, builder: builder))
      cast.eraseFromParent()
    }
  }

  /// The floating-point twin of the integer phi or select `choice`: the same choice among the twins
  /// of the phis and selects it chooses among, and among the bits of anything else (`bits(of:)`).
  /// Also the twin a store of a choice takes (`storedChoicesAsFloats`).
  static func twin(
    of choice: Instruction, as type: IRType, twins: inout [Value: Value], builder: Builder
  )
    -> Value
  {
    if let made = twins[choice.value] { return made }
    if choice.opcode == LLVMPHI {
      builder.position(before: choice.parent.firstInstruction!)
      let phi = builder.phi(type, choice.value.name.isEmpty ? "" : choice.value.name + ".float")
      twins[choice.value] = phi.value
      phi.addIncoming(
        choice.incoming.map { operand, block in
          (bits(of: operand, as: type, twins: &twins, builder: builder, before: block.terminator!), block)
        })
      return phi.value
    }
    let a = bits(of: choice.operand(1), as: type, twins: &twins, builder: builder, before: choice)
    let b = bits(of: choice.operand(2), as: type, twins: &twins, builder: builder, before: choice)
    builder.position(before: choice.next!)
    let select = builder.select(choice.operand(0), a, b)
    twins[choice.value] = select
    return select
  }

  /// `value` as a `type`: its twin if it is a phi or select, the float itself if it is a float's
  /// bits, a constant's bits, or else its bits cast right before `point`.
  private static func bits(
    of value: Value, as type: IRType, twins: inout [Value: Value], builder: Builder, before point: Instruction
  ) -> Value {
    if let instruction = value.asInstruction {
      if instruction.opcode == LLVMPHI || instruction.opcode == LLVMSelect {
        return twin(of: instruction, as: type, twins: &twins, builder: builder)
      }
      if instruction.opcode == LLVMBitCast, instruction.operand(0).type == type {
        return instruction.operand(0)
      }
    }
    if value.isConstant { return Value(LLVMConstBitCast(value.ref, type.ref)) }
    builder.position(before: point)
    return builder.bitCast(value, to: type)
  }

  // MARK: - Signatures

  /// Moves the body of `function` into a new function taking (and returning) the pieces of the
  /// integers that carry floats, and makes `function` a wrapper of it to be inlined; nil when no
  /// parameter or result carries floats.
  ///
  /// An integer parameter used as a float in some places and as an integer in others (a Swift enum
  /// passed as its payload's `i64`, a `Double` in one case, an `Int` in another) cannot be given
  /// one type: the body takes it twice, as the integer and, right after, reinterpreted as the float
  /// its bit casts read (`reinterpretedAs`), and those casts use the second. The caller's bits then
  /// reach a floating-point parameter, which carries the derivative: through the integer alone,
  /// `get(.value(p[0])) + get(.count(2))` had a gradient of 0, silently.
  private static func splitSignature(
    of function: Function, analysis: IntegerTypeAnalysis, module: Module,
    builder: Builder
  ) -> Function? {
    let parameterPieces = function.parameters.map { analysis.layout(of: $0)?.floatPieces }
    let twins = zip(function.parameters, parameterPieces).map { parameter, pieces in
      pieces == nil ? reinterpretedAs(parameter) : nil
    }
    let resultPieces = analysis.resultLayout(of: function)?.floatPieces
    guard
      parameterPieces.contains(where: { $0 != nil }) || twins.contains(where: { $0 != nil })
        || resultPieces != nil
    else { return nil }
    let context = function.type.context

    var parameterTypes: [IRType] = []
    for (index, (parameter, pieces)) in zip(function.parameters, parameterPieces).enumerated() {
      parameterTypes += pieces?.map { $0.type(in: context) } ?? [parameter.type]
      if let twin = twins[index] { parameterTypes.append(twin) }
    }
    let resultType = resultPieces.map { pieceAggregate($0, builder) } ?? function.returnType
    let body = module.addFunction(
      named: function.name + bodySuffix, type: .function(returning: resultType, parameterTypes))
    body.linkage = LLVMInternalLinkage
    body.callingConvention = function.callingConvention
    body.addAttributes(function.attributes(at: functionAttributeIndex), at: functionAttributeIndex)
    if resultPieces == nil {
      body.addAttributes(function.attributes(at: 0), at: 0)  // the return value
    }
    var next = 0
    for (index, pieces) in parameterPieces.enumerated() {
      if pieces == nil {
        body.addAttributes(
          function.attributes(at: LLVMAttributeIndex(index + 1)), at: LLVMAttributeIndex(next + 1))
      }
      next += (pieces?.count ?? 1) + (twins[index] == nil ? 0 : 1)
    }
    body.personality = function.personality
    if let subprogram = LLVMGetSubprogram(function.ref) {
      LLVMGlobalEraseMetadata(function.ref, LLVMGetMDKindID("dbg", 3))
      LLVMSetSubprogram(body.ref, subprogram)
    }
    function.moveBody(to: body)

    // The body's entry reassembles the original parameters from the pieces.
    let entry = body.entryBlock!.firstInstruction!
    builder.position(before: entry)
    builder.debugLocation = nil
    var arguments = body.parameters[...]
    for (index, (parameter, pieces)) in zip(function.parameters, parameterPieces).enumerated() {
      let replacement: Value
      if twins[index] != nil {
        replacement = arguments.removeFirst()
        replacement.name = parameter.name
        let float = arguments.removeFirst()
        if !parameter.name.isEmpty { float.name = parameter.name + ".float" }
        for user in parameter.users {
          guard let cast = user.asInstruction, cast.opcode == LLVMBitCast, cast.type == float.type else {
            continue
          }
          cast.value.replaceAllUses(with: float)
          cast.eraseFromParent()
        }
      } else if let pieces {
        let parts = Array(arguments.prefix(pieces.count))
        arguments = arguments.dropFirst(pieces.count)
        for (part, piece) in zip(parts, pieces) where !parameter.name.isEmpty {
          part.name =
            parameter.name + (piece.format == nil ? ".int" : ".\(piece.format!)") + "\(piece.offset)"
        }
        replacement = pack(parts, pieces: pieces, into: parameter.type, builder)
      } else {
        replacement = arguments.removeFirst()
        replacement.name = parameter.name
      }
      parameter.replaceAllUses(with: replacement)
    }
    // Its returns return the pieces.
    if let resultPieces {
      for block in body.blocks {
        guard let ret = block.terminator, ret.opcode == LLVMRet, ret.operandCount == 1 else { continue }
        builder.position(before: ret)
        builder.debugLocation = ret.debugLocation
        let parts = unpack(ret.operand(0), into: resultPieces, builder)
        let newRet = LLVMBuildRet(builder.ref, aggregate(parts, type: resultType, builder).ref)
        LLVMInstructionSetDebugLoc(newRet, ret.debugLocation)
        ret.eraseFromParent()
      }
    }

    // The function becomes the wrapper: split, call, reassemble.
    builder.position(atEndOf: function.appendBlock(named: "entry"))
    builder.debugLocation = nil
    var pieceArguments: [Value] = []
    for (index, (parameter, pieces)) in zip(function.parameters, parameterPieces).enumerated() {
      pieceArguments += pieces.map { unpack(parameter, into: $0, builder) } ?? [parameter]
      if let twin = twins[index] { pieceArguments.append(builder.bitCast(parameter, to: twin)) }
    }
    let call = builder.call(body, pieceArguments)
    LLVMSetInstructionCallConv(call.ref, function.callingConvention)
    if let resultPieces {
      let parts =
        resultPieces.count == 1
        ? [call] : resultPieces.indices.map { builder.extractValue(call, UInt32($0)) }
      LLVMBuildRet(builder.ref, pack(parts, pieces: resultPieces, into: function.returnType, builder).ref)
    } else if function.returnType.isVoid {
      LLVMBuildRetVoid(builder.ref)
    } else {
      LLVMBuildRet(builder.ref, call.ref)
    }
    for attribute in ["noinline", "optnone"] { function.removeAttribute(attribute) }
    function.addAttribute("alwaysinline")
    // Swift marks the calls of an `@inline(never)` function noinline too. The body keeps the user's
    // attribute; the wrapper, only the split, must go into its callers, or they pass the integer on
    // and the derivative through it was silently 0 (an enum's `Double` payload, passed as an `i64`).
    let noinline = LLVMGetEnumAttributeKindForName("noinline", 8)
    for user in function.value.users {
      guard let call = user.asInstruction, call.isCall, call.calledOperand == function.value else { continue }
      LLVMRemoveCallSiteEnumAttribute(call.ref, functionAttributeIndex, noinline)
    }
    return body
  }

  /// The floating-point type an integer parameter is reinterpreted as where some of its uses are
  /// bit casts to one such type of its width and others are not (nil when all are: `floatPieces`
  /// gives that one its type).
  private static func reinterpretedAs(_ parameter: Value) -> IRType? {
    guard parameter.type.isInteger else { return nil }
    let users = parameter.users.compactMap(\.asInstruction)
    let casts = users.filter { $0.opcode == LLVMBitCast && $0.type.isFloatingPoint }
    guard let first = casts.first, casts.count < users.count, casts.allSatisfy({ $0.type == first.type })
    else { return nil }
    return first.type
  }

  /// The functions that call `function` directly.
  private static func callers(of function: Function) -> [Function] {
    function.value.users.compactMap { user in
      guard let call = user.asInstruction, call.isCall, call.calledOperand == function.value else {
        return nil
      }
      return call.function
    }
  }

  // MARK: - Packing

  /// The integer of type `type` whose bytes are the pieces `parts`.
  private static func pack(_ parts: [Value], pieces: [BytePiece], into type: IRType, _ builder: Builder)
    -> Value
  {
    var whole = Value.null(type)
    for (part, piece) in zip(parts, pieces) {
      let bits =
        piece.format == nil
        ? part : builder.bitCast(part, to: .int(UInt32(piece.size * 8), in: builder.context))
      var wide = builder.intCast(bits, to: type, signed: false)
      if piece.offset > 0 { wide = builder.shl(wide, .constInt(type, Int64(piece.offset * 8))) }
      whole = pieces.count == 1 ? wide : builder.or(whole, wide)
    }
    return whole
  }

  /// The pieces of the integer `value`, each of its type.
  private static func unpack(_ value: Value, into pieces: [BytePiece], _ builder: Builder) -> [Value] {
    pieces.map { piece in
      let shifted =
        piece.offset > 0 ? builder.lshr(value, .constInt(value.type, Int64(piece.offset * 8))) : value
      let bits = builder.intCast(
        shifted, to: .int(UInt32(piece.size * 8), in: builder.context), signed: false)
      return piece.format == nil ? bits : builder.bitCast(bits, to: piece.type(in: value.type.context))
    }
  }

  /// The type returning `pieces`: the piece itself, or a struct of them.
  private static func pieceAggregate(_ pieces: [BytePiece], _ builder: Builder) -> IRType {
    let types = pieces.map { $0.type(in: builder.context.ref) }
    return types.count == 1 ? types[0] : .structure(types, in: builder.context)
  }

  private static func aggregate(_ parts: [Value], type: IRType, _ builder: Builder) -> Value {
    guard parts.count > 1 else { return parts[0] }
    var result = Value.poison(type)
    for (index, part) in parts.enumerated() { result = builder.insertValue(result, part, UInt32(index)) }
    return result
  }
}

extension BytePiece {
  /// The IR type of the piece: its floating-point type, or an integer of its size.
  func type(in context: LLVMContextRef) -> IRType {
    format?.type(in: context) ?? IRType(LLVMIntTypeInContext(context, UInt32(size * 8)))
  }
}
