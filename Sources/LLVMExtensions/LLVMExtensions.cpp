// C functions over LLVM's C++ API for what LLVM 22's C API lacks (see include/LLVMExtensions.h).
#include "LLVMExtensions.h"

#include <llvm/BinaryFormat/Dwarf.h>
#include <llvm/IR/DebugInfo.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/DebugProgramInstruction.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Passes/StandardInstrumentations.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/raw_ostream.h>

#include <cstring>
#include <string>
#include <vector>

using namespace llvm;

LLVMMetadataRef swadDILocalScopeGetSubprogram(LLVMMetadataRef Scope) {
  return wrap(unwrap<DILocalScope>(Scope)->getSubprogram());
}

LLVMMetadataRef swadDISubprogramCreateLike(LLVMMetadataRef Like, const char *Name, size_t NameLength,
                                           unsigned Line, LLVMBool LocalToUnit) {
  auto *like = unwrap<DISubprogram>(Like);
  LLVMContext &context = like->getContext();
  StringRef name(Name, NameLength);
  auto flags = DISubprogram::SPFlagDefinition | DISubprogram::SPFlagOptimized;
  if (LocalToUnit) flags |= DISubprogram::SPFlagLocalToUnit;
  auto *type = DISubroutineType::get(context, DINode::FlagZero, 0, MDTuple::get(context, {}));
  return wrap(DISubprogram::getDistinct(context, like->getFile(), name, name, like->getFile(), Line, type, Line,
                                        /*ContainingType=*/nullptr, /*VirtualIndex=*/0, /*ThisAdjustment=*/0,
                                        DINode::FlagArtificial, flags, like->getUnit()));
}

LLVMBool swadParseCommandLineOptions(int Argc, const char *const *Argv, char **ErrorMessage) {
  std::string message;
  raw_string_ostream errors(message);
  if (cl::ParseCommandLineOptions(Argc, Argv, "", &errors)) return 0;
  errors.flush();
  *ErrorMessage = strdup(message.c_str());
  return 1;
}

LLVMBool swadSetOptionUnlessGiven(const char *Name, const char *Value) {
  auto &options = cl::getRegisteredOptions();
  auto found = options.find(Name);
  if (found == options.end()) return 1;
  cl::Option *option = found->second;
  if (option->getNumOccurrences() > 0) return 0;
  return option->addOccurrence(0, Name, Value) ? 1 : 0;
}

int swadOptionIsGiven(const char *Name) {
  auto &options = cl::getRegisteredOptions();
  auto found = options.find(Name);
  if (found == options.end()) return -1;
  return found->second->getNumOccurrences() > 0 ? 1 : 0;
}

void swadResetOption(const char *Name) {
  auto &options = cl::getRegisteredOptions();
  auto found = options.find(Name);
  if (found != options.end()) found->second->reset();
}

void swadContextRespectDiagnosticFilters(LLVMContextRef Context) {
  LLVMContext &context = *unwrap(Context);
  context.setDiagnosticHandlerCallBack(context.getDiagnosticHandlerCallBack(), context.getDiagnosticContext(),
                                       /*RespectFilters=*/true);
}

LLVMBool swadAllocaIsSwiftError(LLVMValueRef Alloca) { return unwrap<AllocaInst>(Alloca)->isSwiftError(); }

char *swadDefaultPipelineText(unsigned Level, LLVMTargetMachineRef Machine, LLVMBool LoopVectorization,
                              LLVMBool SLPVectorization, LLVMBool LoopUnrolling, LLVMBool LoopInterleaving) {
  PipelineTuningOptions tuning;
  tuning.LoopVectorization = LoopVectorization;
  tuning.SLPVectorization = SLPVectorization;
  tuning.LoopUnrolling = LoopUnrolling;
  tuning.LoopInterleaving = LoopInterleaving;
  // The builder names the passes it knows to these callbacks, which the printer asks.
  PassInstrumentationCallbacks callbacks;
  PassBuilder builder(reinterpret_cast<TargetMachine *>(Machine), tuning, std::nullopt, &callbacks);
  OptimizationLevel level =
      Level >= 3 ? OptimizationLevel::O3 : Level == 2 ? OptimizationLevel::O2 : OptimizationLevel::O1;
  ModulePassManager passes = builder.buildPerModuleDefaultPipeline(level);
  std::string text;
  raw_string_ostream stream(text);
  passes.printPipeline(stream, [&callbacks](StringRef className) {
    StringRef name = callbacks.getPassNameForClassName(className);
    return name.empty() ? className : name;
  });
  stream.flush();
  return strdup(text.c_str());
}

// MARK: - Declared types of memory (debug info)

namespace {
/// `type` with typedefs and cv-qualifiers (and `_Atomic`) looked through.
DIType *stripped(DIType *type) {
  while (auto *derived = dyn_cast_or_null<DIDerivedType>(type)) {
    switch (derived->getTag()) {
    case dwarf::DW_TAG_typedef:
    case dwarf::DW_TAG_const_type:
    case dwarf::DW_TAG_volatile_type:
    case dwarf::DW_TAG_restrict_type:
    case dwarf::DW_TAG_atomic_type:
      type = derived->getBaseType();
      continue;
    default:
      return type;
    }
  }
  return type;
}

DIType *pointee(DIType *type) {
  type = stripped(type);
  if (auto *derived = dyn_cast_or_null<DIDerivedType>(type)) {
    unsigned tag = derived->getTag();
    if (tag == dwarf::DW_TAG_pointer_type || tag == dwarf::DW_TAG_reference_type ||
        tag == dwarf::DW_TAG_rvalue_reference_type)
      return stripped(derived->getBaseType());
    return nullptr;
  }
  // A class of one pointer (`__normal_iterator<T *>`): its one non-static data member.
  auto *composite = dyn_cast_or_null<DICompositeType>(type);
  if (!composite || composite->getTag() == dwarf::DW_TAG_array_type || composite->isForwardDecl())
    return nullptr;
  DIType *only = nullptr;
  for (Metadata *element : composite->getElements()) {
    auto *member = dyn_cast<DIDerivedType>(element);
    if (!member || member->isStaticMember()) continue;
    if (member->getTag() != dwarf::DW_TAG_member || only) return nullptr;
    only = member->getBaseType();
  }
  if (!only || composite->getSizeInBits() != stripped(only)->getSizeInBits()) return nullptr;
  auto *inner = dyn_cast_or_null<DIDerivedType>(stripped(only));
  return inner && inner->getTag() == dwarf::DW_TAG_pointer_type ? stripped(inner->getBaseType()) : nullptr;
}

/// Appends the scalars of `type`, placed at bit `at`, that overlap `[from, to)`; false when part of
/// that window is not described.
bool appendLeaves(DIType *type, uint64_t at, uint64_t from, uint64_t to, std::vector<SwadDebugLeaf> &leaves,
                  unsigned depth) {
  type = stripped(type);
  if (!type || depth > 32) return false;
  uint64_t size = type->getSizeInBits();
  // A type of unknown size says nothing of the window, unless it starts past it.
  if (size == 0) return at >= to;
  if (at >= to || at + size <= from) return true;
  if (auto *basic = dyn_cast<DIBasicType>(type)) {
    unsigned encoding = basic->getEncoding();
    bool isFloat = encoding == dwarf::DW_ATE_float;
    if (encoding == dwarf::DW_ATE_complex_float) {
      // Two floats of half the size each.
      leaves.push_back({at, size / 2, SwadDebugLeafFloat});
      leaves.push_back({at + size / 2, size / 2, SwadDebugLeafFloat});
      return true;
    }
    leaves.push_back({at, size, isFloat ? SwadDebugLeafFloat : SwadDebugLeafInteger});
    return true;
  }
  if (auto *derived = dyn_cast<DIDerivedType>(type)) {
    switch (derived->getTag()) {
    case dwarf::DW_TAG_pointer_type:
    case dwarf::DW_TAG_reference_type:
    case dwarf::DW_TAG_rvalue_reference_type:
      leaves.push_back({at, size, SwadDebugLeafPointer});
      return true;
    default:  // member pointers, and anything else
      leaves.push_back({at, size, SwadDebugLeafOpaque});
      return true;
    }
  }
  auto *composite = dyn_cast<DICompositeType>(type);
  if (!composite || composite->isForwardDecl()) return false;
  switch (composite->getTag()) {
  case dwarf::DW_TAG_enumeration_type:
    leaves.push_back({at, size, SwadDebugLeafInteger});
    return true;
  case dwarf::DW_TAG_union_type:
    leaves.push_back({at, size, SwadDebugLeafOpaque});
    return true;
  case dwarf::DW_TAG_array_type: {
    // Element by element, over the innermost dimension's stride; only those in the window.
    DIType *element = stripped(composite->getBaseType());
    uint64_t count = 1;
    for (Metadata *dimension : composite->getElements()) {
      auto *range = dyn_cast<DISubrange>(dimension);
      if (!range) return false;
      auto *known = dyn_cast_if_present<ConstantInt *>(range->getCount());
      if (!known || known->isNegative()) return false;
      count *= known->getZExtValue();
    }
    uint64_t stride = element ? element->getSizeInBits() : 0;
    if (stride == 0 || stride * count != size) return false;
    // Bytes (`unsigned char _M_storage[N]`, `std::byte buf[N]`) are storage for other objects.
    if (stride == 8 && (isa<DIBasicType>(element) || element->getTag() == dwarf::DW_TAG_enumeration_type)) {
      leaves.push_back({at, size, SwadDebugLeafOpaque});
      return true;
    }
    uint64_t first = from > at ? (from - at) / stride : 0;
    for (uint64_t index = first; index < count && at + index * stride < to; ++index)
      if (!appendLeaves(element, at + index * stride, from, to, leaves, depth + 1)) return false;
    return true;
  }
  case dwarf::DW_TAG_structure_type:
  case dwarf::DW_TAG_class_type: {
    if (composite->getFlags() & DINode::FlagVector) return false;
    for (Metadata *element : composite->getElements()) {
      auto *member = dyn_cast<DIDerivedType>(element);
      if (!member || member->isStaticMember()) continue;
      unsigned tag = member->getTag();
      if (tag == dwarf::DW_TAG_member && member->isBitField()) {
        leaves.push_back({at + member->getOffsetInBits(), member->getSizeInBits(), SwadDebugLeafInteger});
        continue;
      }
      if (tag == dwarf::DW_TAG_member || tag == dwarf::DW_TAG_inheritance) {
        // A virtual base lies where the object's table says, not at a fixed offset.
        if (tag == dwarf::DW_TAG_inheritance && member->isVirtual()) return false;
        if (!appendLeaves(member->getBaseType(), at + member->getOffsetInBits(), from, to, leaves, depth + 1))
          return false;
      }
    }
    return true;
  }
  default:
    return false;
  }
}
/// Whether a value of `inner` lies at the start of every value of `outer`: the same type, or the
/// type of a member, base or array element at offset 0 of it (a record's first member, whose `this`
/// points where the record does).
bool liesAtStart(DIType *inner, DIType *outer, unsigned depth) {
  outer = stripped(outer);
  if (!outer || depth > 32) return false;
  if (outer == inner) return true;
  auto *composite = dyn_cast<DICompositeType>(outer);
  if (!composite) return false;
  if (composite->getTag() == dwarf::DW_TAG_array_type) return liesAtStart(inner, composite->getBaseType(), depth + 1);
  if (composite->getTag() != dwarf::DW_TAG_structure_type && composite->getTag() != dwarf::DW_TAG_class_type)
    return false;
  for (Metadata *element : composite->getElements()) {
    auto *member = dyn_cast<DIDerivedType>(element);
    if (!member || member->isStaticMember() || member->getOffsetInBits() != 0) continue;
    unsigned tag = member->getTag();
    if ((tag == dwarf::DW_TAG_member || tag == dwarf::DW_TAG_inheritance) &&
        liesAtStart(inner, member->getBaseType(), depth + 1))
      return true;
  }
  return false;
}
} // namespace

LLVMMetadataRef swadDebugTypePointee(LLVMMetadataRef Type) {
  return wrap(pointee(unwrap<DIType>(Type)));
}

LLVMMetadataRef swadDeclaredPointeeType(LLVMValueRef Pointer) {
  Value *pointer = unwrap(Pointer);
  SmallVector<DbgVariableRecord *, 4> records;
  findDbgUsers(pointer, records);
  SmallVector<DIType *, 4> found;
  for (DbgVariableRecord *record : records) {
    DIType *declared = nullptr;
    DIType *variableType = stripped(record->getVariable()->getType());
    if ((record->isDbgDeclare() || record->isDbgAssign()) && record->getAddress() == pointer) {
      if (record->isDbgAssign() && record->getAddressExpression()->getNumElements() != 0) continue;
      if (record->isDbgDeclare() && record->getExpression()->getNumElements() != 0) continue;
      declared = variableType;
    } else if (!record->isDbgDeclare() && record->getExpression()->getNumElements() == 0 &&
               llvm::is_contained(record->location_ops(), pointer) && record->getNumVariableLocationOps() == 1) {
      declared = pointee(variableType);
    }
    if (declared && !llvm::is_contained(found, declared)) found.push_back(declared);
  }
  // Records of a record's pointer and of its first member's (`this` of the constructor inlined
  // there) describe one value: the type all the others lie at the start of.
  for (DIType *outer : found)
    if (llvm::all_of(found, [outer](DIType *inner) { return liesAtStart(inner, outer, 0); })) return wrap(outer);
  return nullptr;
}

int64_t swadDebugTypeLeaves(LLVMMetadataRef Type, uint64_t FromBit, uint64_t ToBit, SwadDebugLeaf *Leaves,
                            uint64_t Capacity) {
  std::vector<SwadDebugLeaf> leaves;
  if (!appendLeaves(unwrap<DIType>(Type), 0, FromBit, ToBit, leaves, 0)) return -1;
  for (uint64_t index = 0; index < leaves.size() && index < Capacity; ++index) Leaves[index] = leaves[index];
  return static_cast<int64_t>(leaves.size());
}

uint64_t swadDebugTypeSizeInBits(LLVMMetadataRef Type) {
  DIType *type = stripped(unwrap<DIType>(Type));
  return type ? type->getSizeInBits() : 0;
}

int64_t swadSubprogramParameterTypes(LLVMValueRef Function, LLVMMetadataRef *Types, uint64_t Capacity) {
  auto *function = dyn_cast<llvm::Function>(unwrap(Function));
  DISubprogram *subprogram = function ? function->getSubprogram() : nullptr;
  DISubroutineType *type = subprogram ? subprogram->getType() : nullptr;
  if (!type) return -1;
  DITypeRefArray types = type->getTypeArray();
  if (types.size() == 0) return -1;
  uint64_t count = types.size() - 1;
  for (uint64_t index = 0; index < count; ++index) {
    DIType *parameter = types[index + 1];
    // A variadic function's list ends with a null type.
    if (!parameter) return -1;
    if (index < Capacity) Types[index] = wrap(parameter);
  }
  return int64_t(count);
}

SwadDebugPassing swadDebugTypePassing(LLVMMetadataRef Type) {
  DIType *type = stripped(unwrap<DIType>(Type));
  if (!type) return SwadDebugPassingUnknown;
  if (auto *basic = dyn_cast<DIBasicType>(type))
    return basic->getEncoding() == dwarf::DW_ATE_complex_float ? SwadDebugPassingAggregate : SwadDebugPassingScalar;
  if (auto *composite = dyn_cast<DICompositeType>(type)) {
    if (composite->getFlags() & DINode::FlagTypePassByReference) return SwadDebugPassingByReference;
    if (composite->isForwardDecl()) return SwadDebugPassingUnknown;
    return composite->getTag() == dwarf::DW_TAG_enumeration_type ? SwadDebugPassingScalar : SwadDebugPassingAggregate;
  }
  // Pointers, references, member pointers.
  return SwadDebugPassingScalar;
}
