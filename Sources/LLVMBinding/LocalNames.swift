// How the IR printer names a function's local values and instructions, without printing them.
import CLLVM

/// The names `%x`, `%"a b"` or `%7` that the IR printer gives the arguments, blocks and instructions
/// of one function, numbered once for the whole function. Printing a value (`Value.description`)
/// numbers its function's unnamed values on every call, so naming many values of a large function
/// that way costs the function's size each time; this costs it once.
public struct LocalNames {
  private var slots: [LLVMValueRef: Int] = [:]

  /// Numbers the unnamed arguments, then each unnamed block and the unnamed non-void instructions
  /// in it, in order, as LLVM's slot tracker does.
  public init(of function: Function) {
    var next = 0
    func number(_ ref: LLVMValueRef) {
      var length = 0
      _ = LLVMGetValueName2(ref, &length)
      if length == 0 { slots[ref] = next; next += 1 }
    }
    for parameter in function.parameters { number(parameter.ref) }
    var block = LLVMGetFirstBasicBlock(function.ref)
    while let current = block {
      number(LLVMBasicBlockAsValue(current))
      var instruction = LLVMGetFirstInstruction(current)
      while let each = instruction {
        if LLVMGetTypeKind(LLVMTypeOf(each)) != LLVMVoidTypeKind { number(each) }
        instruction = LLVMGetNextInstruction(each)
      }
      block = LLVMGetNextBasicBlock(current)
    }
  }

  /// `%name` (quoted when the printer would quote it) or `%slot`; nil for a value that is not a local
  /// of the function (or a void instruction, which has no name).
  public func name(of value: Value) -> String? {
    if let slot = slots[value.ref] { return "%\(slot)" }
    let name = value.name
    guard !name.isEmpty else { return nil }
    return "%" + Self.printable(name)
  }

  /// A name as the printer writes it: bare when it is made of letters, digits and `-$._` and does
  /// not start with a digit, otherwise in quotes with other bytes escaped as `\XX`.
  static func printable(_ name: String) -> String {
    let bytes = Array(name.utf8)
    func plain(_ byte: UInt8) -> Bool {
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: ".")
        || byte == UInt8(ascii: "_")
    }
    let startsWithDigit = bytes.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
    guard startsWithDigit || !bytes.allSatisfy(plain) else { return name }
    var text = "\""
    for byte in bytes {
      // The printer escapes what is not printable ASCII, and the quote and the backslash.
      if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
        text.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        let hex = Array("0123456789ABCDEF")
        text += "\\" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
      }
    }
    return text + "\""
  }
}

extension Instruction {
  /// The opcode as the IR printer writes it (`fmul`, `getelementptr`, `cmpxchg`).
  public var opcodeName: String { opcodeNames[opcode.rawValue] ?? "<opcode \(opcode.rawValue)>" }
}

private let opcodeNames: [UInt32: String] = [
  LLVMRet.rawValue: "ret", LLVMBr.rawValue: "br", LLVMSwitch.rawValue: "switch",
  LLVMIndirectBr.rawValue: "indirectbr", LLVMInvoke.rawValue: "invoke", LLVMUnreachable.rawValue: "unreachable",
  LLVMCallBr.rawValue: "callbr", LLVMFNeg.rawValue: "fneg", LLVMAdd.rawValue: "add", LLVMFAdd.rawValue: "fadd",
  LLVMSub.rawValue: "sub", LLVMFSub.rawValue: "fsub", LLVMMul.rawValue: "mul", LLVMFMul.rawValue: "fmul",
  LLVMUDiv.rawValue: "udiv", LLVMSDiv.rawValue: "sdiv", LLVMFDiv.rawValue: "fdiv", LLVMURem.rawValue: "urem",
  LLVMSRem.rawValue: "srem", LLVMFRem.rawValue: "frem", LLVMShl.rawValue: "shl", LLVMLShr.rawValue: "lshr",
  LLVMAShr.rawValue: "ashr", LLVMAnd.rawValue: "and", LLVMOr.rawValue: "or", LLVMXor.rawValue: "xor",
  LLVMAlloca.rawValue: "alloca", LLVMLoad.rawValue: "load", LLVMStore.rawValue: "store",
  LLVMGetElementPtr.rawValue: "getelementptr", LLVMTrunc.rawValue: "trunc", LLVMZExt.rawValue: "zext",
  LLVMSExt.rawValue: "sext", LLVMFPToUI.rawValue: "fptoui", LLVMFPToSI.rawValue: "fptosi",
  LLVMUIToFP.rawValue: "uitofp", LLVMSIToFP.rawValue: "sitofp", LLVMFPTrunc.rawValue: "fptrunc",
  LLVMFPExt.rawValue: "fpext", LLVMPtrToInt.rawValue: "ptrtoint", LLVMPtrToAddr.rawValue: "ptrtoaddr",
  LLVMIntToPtr.rawValue: "inttoptr", LLVMBitCast.rawValue: "bitcast", LLVMAddrSpaceCast.rawValue: "addrspacecast",
  LLVMICmp.rawValue: "icmp", LLVMFCmp.rawValue: "fcmp", LLVMPHI.rawValue: "phi", LLVMCall.rawValue: "call",
  LLVMSelect.rawValue: "select", LLVMVAArg.rawValue: "va_arg", LLVMExtractElement.rawValue: "extractelement",
  LLVMInsertElement.rawValue: "insertelement", LLVMShuffleVector.rawValue: "shufflevector",
  LLVMExtractValue.rawValue: "extractvalue", LLVMInsertValue.rawValue: "insertvalue", LLVMFreeze.rawValue: "freeze",
  LLVMFence.rawValue: "fence", LLVMAtomicCmpXchg.rawValue: "cmpxchg", LLVMAtomicRMW.rawValue: "atomicrmw",
  LLVMResume.rawValue: "resume", LLVMLandingPad.rawValue: "landingpad", LLVMCleanupRet.rawValue: "cleanupret",
  LLVMCatchRet.rawValue: "catchret", LLVMCatchPad.rawValue: "catchpad", LLVMCleanupPad.rawValue: "cleanuppad",
  LLVMCatchSwitch.rawValue: "catchswitch",
]
