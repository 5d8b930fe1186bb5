// The IR types of Swift's element types, from their metadata and names (Rules/SwiftRuntime.swift).
import CLLVM
import LLVMBinding
import XCTest

@testable import SwadAD

final class SwiftRuntimeTests: XCTestCase {
  let source = """
    target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
    %TSd = type <{ double }>
    %TSi = type <{ i64 }>
    %Ts5Int32V = type <{ i32 }>
    %T6my_app3TagC = type <{ ptr, ptr, %TSd }>
    %T6my_app6PairedV = type <{ <2 x double>, ptr }>
    %T6my_app8WeightedV = type <{ %TSd, ptr }>
    %T6my_app5SmallV = type <{ %Ts5Int32V, [4 x i8], ptr, %TSd }>
    %T6my_app5PhaseO = type <{ [8 x i8], [1 x i8] }>
    %T6my_app6PhasedV = type <{ %T6my_app5PhaseO, [7 x i8], %TSd }>
    @"$s6my_app6PairedVMf" = external global i8
    @"$s6my_app3TagCMf" = external global i8
    @"$s6my_app3TagC_SdSitMD" = external global i8
    @"$s6my_app3TagC_s5Int32VSdtMD" = external global i8
    declare ptr @__swift_instantiateConcreteTypeFromMangledName(ptr)
    declare void @swift_arrayDestroy(ptr, i64, ptr)
    define void @uses(ptr %p, ptr %q, ptr %r, ptr %s) {
      call void @swift_arrayDestroy(ptr %p, i64 1, ptr getelementptr inbounds nuw (i8, ptr @"$s6my_app6PairedVMf", i64 16))
      call void @swift_arrayDestroy(ptr %p, i64 1, ptr getelementptr inbounds nuw (i8, ptr @"$s6my_app3TagCMf", i64 16))
      %a = load %TSi, ptr %p
      %b = load %T6my_app3TagC, ptr %p
      %c = load %T6my_app6PairedV, ptr %p
      %d = load %T6my_app8WeightedV, ptr %p
      %e = load %Ts5Int32V, ptr %p
      %f = load %T6my_app5SmallV, ptr %p
      %g = load %T6my_app6PhasedV, ptr %p
      %tuple = call ptr @__swift_instantiateConcreteTypeFromMangledName(ptr @"$s6my_app3TagC_SdSitMD")
      %padded = call ptr @__swift_instantiateConcreteTypeFromMangledName(ptr @"$s6my_app3TagC_s5Int32VSdtMD")
      ret void
    }
    """

  private func withModule(_ body: (Module, Function) throws -> Void) throws {
    let context = Context()
    let module = try Module.parse(Array(source.utf8), name: "swift.ll", context: context)
    try body(module, module.function(named: "uses")!)
  }

  /// The calls of `uses`: two element destructions given full metadata, two instantiations of
  /// tuples' metadata.
  private func calls(in function: Function) -> [Instruction] {
    function.blocks.flatMap(\.instructions).filter { $0.isCall }
  }

  func testFullMetadataOfAStructNamesItsTypePaddedToItsStride() throws {
    try withModule { module, function in
      let metadata = calls(in: function)[0].arguments[2]
      let type = try XCTUnwrap(SwiftRuntime.metadataType(of: metadata, in: module))
      XCTAssertEqual(module.allocSize(of: type), 24)  // Swift's size: the vector and the reference
      XCTAssertEqual(SwiftRuntime.alignment(of: type, module: module), 16)
      XCTAssertEqual(module.allocSize(of: SwiftRuntime.paddedToStride(type, module: module)), 32)
    }
  }

  func testAClassNamesAReference() throws {
    try withModule { module, function in
      let metadata = calls(in: function)[1].arguments[2]
      XCTAssertEqual(SwiftRuntime.metadataType(of: metadata, in: module)?.isPointer, true)
    }
  }

  func testTupleOfNominalTypesInAModuleWhoseNameHasAnUnderscore() throws {
    try withModule { module, function in
      let calls = calls(in: function)
      let tuple = try XCTUnwrap(SwiftRuntime.metadataType(of: calls[2].value, in: module))
      XCTAssertEqual(tuple.structElements.count, 3)
      XCTAssertTrue(tuple.structElements[0].isPointer)  // the class's reference
      XCTAssertEqual(module.allocSize(of: tuple), 24)
      // `(Tag, Int32, Double)` has padding before the double: no type says what those bytes are.
      XCTAssertNil(SwiftRuntime.metadataType(of: calls[3].value, in: module))
    }
  }

  func testStructWithoutTailPaddingIsItsOwnStride() throws {
    try withModule { module, _ in
      let type = IRType(LLVMGetTypeByName2(module.context.ref, "T6my_app8WeightedV")!)
      XCTAssertEqual(module.allocSize(of: SwiftRuntime.paddedToStride(type, module: module)), 16)
    }
  }

  /// Bytes between two fields of a struct, there to align the second, are padding; an enum's
  /// payload bytes are not.
  func testPaddingIsNotAPayload() throws {
    try withModule { module, _ in
      let small = IRType(LLVMGetTypeByName2(module.context.ref, "T6my_app5SmallV")!)
      XCTAssertFalse(SwiftRuntime.hasOpaqueBytes(small, module: module))
      let phased = IRType(LLVMGetTypeByName2(module.context.ref, "T6my_app6PhasedV")!)
      XCTAssertTrue(SwiftRuntime.hasOpaqueBytes(phased, module: module))
    }
  }
}
