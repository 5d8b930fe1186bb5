// C functions over LLVM's C++ API for what LLVM 22's C API lacks (see include/LLVMExtensions.h).
#include "LLVMExtensions.h"

#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Passes/StandardInstrumentations.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/raw_ostream.h>

#include <cstring>
#include <string>

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
