// Small modules the binding tests build and parse.
import CLLVM
import LLVMBinding
import XCTest

/// A fresh context with a module in it, for tests that build IR.
struct Fixture {
  let context = Context()
  let module: Module
  let builder: Builder

  init(name: String = "test") {
    module = Module(name: name, context: context)
    builder = Builder(context: context)
  }

  var double: IRType { .double(in: context) }
  var i32: IRType { .int(32, in: context) }

  /// `double poly(double x, double y) { return x * y + x; }`
  @discardableResult
  func addPolynomial(named name: String = "poly") -> Function {
    let f = module.addFunction(named: name, type: .function(returning: double, [double, double]))
    builder.position(atEndOf: f.appendBlock(named: "entry"))
    let x = f.parameter(0)
    let y = f.parameter(1)
    x.name = "x"
    y.name = "y"
    builder.ret(builder.fadd(builder.fmul(x, y, "xy"), x, "r"))
    return f
  }

  /// `double power(double x, i32 n)`: x multiplied into an accumulator n times, a loop with phis.
  @discardableResult
  func addPowerLoop(named name: String = "power") -> Function {
    let f = module.addFunction(named: name, type: .function(returning: double, [double, i32]))
    let x = f.parameter(0)
    let n = f.parameter(1)
    x.name = "x"
    n.name = "n"
    let entry = f.appendBlock(named: "entry")
    let loop = f.appendBlock(named: "loop")
    let exit = f.appendBlock(named: "exit")

    builder.position(atEndOf: entry)
    let empty = builder.icmp(LLVMIntSLE, n, .constInt(i32, 0), "empty")
    builder.condBr(empty, exit, loop)

    builder.position(atEndOf: loop)
    let i = builder.phi(i32, "i")
    let acc = builder.phi(double, "acc")
    let product = builder.fmul(acc.value, x, "product")
    let next = builder.add(i.value, .constInt(i32, 1), "next")
    let done = builder.icmp(LLVMIntEQ, next, n, "done")
    builder.condBr(done, exit, loop)
    i.addIncoming([(.constInt(i32, 0), entry), (next, loop)])
    acc.addIncoming([(.constReal(double, 1), entry), (product, loop)])

    builder.position(atEndOf: exit)
    let result = builder.phi(double, "result")
    result.addIncoming([(.constReal(double, 1), entry), (product, loop)])
    builder.ret(result.value)
    return f
  }
}

/// Parses textual IR, failing the test (and rethrowing) if it does not parse.
func parseText(_ text: String, name: String = "text.ll", context: Context) throws -> Module {
  try Module.parse(Array(text.utf8), name: name, context: context)
}

/// The names of the module's functions that have a body.
func definedFunctionNames(_ module: Module) -> [String] {
  module.functions.filter { !$0.isDeclaration }.map(\.name)
}

/// The opcodes of every instruction of `function`, in order.
func opcodes(_ function: Function) -> [LLVMOpcode] {
  function.blocks.flatMap { $0.instructions.map(\.opcode) }
}
