// What swad needs from LLVM that LLVM 22's C API does not offer, as C functions over its C++ API.
// Keep this small: each function is a thin wrapper, and the typed Swift layer (LLVMBinding) is the
// only caller.
#ifndef SWAD_LLVM_EXTENSIONS_H
#define SWAD_LLVM_EXTENSIONS_H

#include <llvm-c/TargetMachine.h>
#include <llvm-c/Types.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The subprogram a local scope (a subprogram, a lexical block, a lexical block file) belongs to.
LLVMMetadataRef swadDILocalScopeGetSubprogram(LLVMMetadataRef Scope);

/// A new distinct subprogram definition in the compile unit and file of `Like` (a subprogram), named
/// `Name` (also its linkage name), at `Line`, marked artificial and optimized, with a subroutine
/// type without parameter types. The C API's DIBuilder puts definitions only into a compile unit it
/// made itself, and a second unit in one object is more than some DWARF readers accept (Valgrind
/// 3.19 gives up on the whole file).
LLVMMetadataRef swadDISubprogramCreateLike(LLVMMetadataRef Like, const char *Name, size_t NameLength,
                                           unsigned Line, LLVMBool LocalToUnit);

/// Sets LLVM's command-line options from `Argc` arguments (`Argv[0]` the tool's name), as opt
/// would. Returns 0 when LLVM took them all; otherwise 1, with LLVM's message (unknown option,
/// missing value) in `*ErrorMessage` for `LLVMDisposeMessage`. The C API's
/// LLVMParseCommandLineOptions sends that message nowhere.
LLVMBool swadParseCommandLineOptions(int Argc, const char *const *Argv, char **ErrorMessage);

/// Gives LLVM's option `Name` the value `Value` (as its command line would) unless it was given
/// already (by `swadParseCommandLineOptions`, or by this). Returns 0 when it was set or was given,
/// 1 when there is no such option or it does not take `Value`.
LLVMBool swadSetOptionUnlessGiven(const char *Name, const char *Value);

/// Whether LLVM's option `Name` was given a value (by the command line or by
/// `swadSetOptionUnlessGiven`): 1 if so, 0 if not, -1 when there is no such option.
int swadOptionIsGiven(const char *Name);

/// Gives LLVM's option `Name` back its default value, as if it had not been given.
void swadResetOption(const char *Name);

/// Makes the context's diagnostic handler (set with LLVMContextSetDiagnosticHandler) see only the
/// remarks LLVM's options ask for (`-pass-remarks=…`) besides errors and warnings; the C API's
/// handler gets every remark the passes make.
void swadContextRespectDiagnosticFilters(LLVMContextRef Context);

/// Whether `Alloca` (an alloca instruction) is a Swift error register's slot (`alloca swifterror`),
/// which only loads, stores and `swifterror` arguments may use.
LLVMBool swadAllocaIsSwiftError(LLVMValueRef Alloca);

/// The textual form of `default<O{Level}>` (Level 1 to 3; 0 reads as 1) as LLVMRunPasses would build it with
/// `Machine` (may be null) and these tuning flags: the list of passes the name stands for, which
/// LLVMRunPasses accepts back, for `LLVMDisposeMessage`. The C API runs a named pipeline whole;
/// its text lets a caller run a part of it.
char *swadDefaultPipelineText(unsigned Level, LLVMTargetMachineRef Machine, LLVMBool LoopVectorization,
                              LLVMBool SLPVectorization, LLVMBool LoopUnrolling, LLVMBool LoopInterleaving);

/// Copies the loop headed by `OuterHeader` (with the loops in it) and lets a test before them choose:
/// the copy runs when the bytes the loop's stores reach may overlap what another of its accesses
/// reaches; the loop itself runs when they do not, its accesses marked with alias scopes of a new
/// domain named `DomainName` (one per object they point into) that say so. The ranges are
/// ScalarEvolution's: each address an affine function of the iterations of the loop and the loops
/// in it, whose trip counts are fixed before it starts, and each access made in every iteration.
/// The scopes are declared (`llvm.experimental.noalias.scope.decl`) before the loop. Returns the test's conditional branch (true:
/// the copy), or null with the reason in `*Reason` (for `LLVMDisposeMessage`) and nothing changed but the loop's
/// form (LCSSA, dedicated exits). The C API offers neither ScalarEvolution nor loop cloning.
LLVMValueRef swadVersionLoopNestOnDisjointMemory(LLVMBasicBlockRef OuterHeader, const char *DomainName,
                                                 char **Reason);
/// The debug-info type of the memory `Pointer` (an instruction or argument of a function) points to,
/// as the function's debug records declare it: the variable's own type where a record gives
/// `Pointer` as the variable's address (`#dbg_declare`, `#dbg_assign`), the type pointed or referred
/// to where a record says the variable's value is `Pointer` itself with an empty expression
/// (`#dbg_value` of a `T *` or `T &`; also of a class holding one pointer, an iterator). Typedefs and
/// qualifiers are looked through. Null when no record says, or when two records disagree.
LLVMMetadataRef swadDeclaredPointeeType(LLVMValueRef Pointer);

/// The type a debug-info pointer or reference type `Type` points to (typedefs and qualifiers looked
/// through on both), also of a class whose one member is such a pointer (an iterator); null for
/// other types.
LLVMMetadataRef swadDebugTypePointee(LLVMMetadataRef Type);

/// What a `SwadDebugLeaf` holds.
typedef enum {
  SwadDebugLeafInteger = 0,  // integers, booleans, characters, enumerations, bit fields
  SwadDebugLeafFloat = 1,    // a floating-point value; its size says which
  SwadDebugLeafPointer = 2,  // pointers, references, a class's virtual table pointer
  SwadDebugLeafOpaque = 3,   // bytes the type does not say one thing of: a union's, a member pointer's, an
                             // array of bytes (storage for other objects)
} SwadDebugLeafKind;

/// One scalar of a debug-info type, at a bit offset from the type's start.
typedef struct {
  uint64_t OffsetInBits;
  uint64_t SizeInBits;
  SwadDebugLeafKind Kind;
} SwadDebugLeaf;

/// The scalars of the debug-info type `Type` (typedefs and qualifiers looked through, classes with
/// their bases and non-static members, arrays element by element, unions and arrays of bytes as
/// opaque) that
/// overlap bits `[FromBit, ToBit)`, in order, written to `Leaves` up to `Capacity`. Returns how many
/// there are (more than `Capacity` when they did not all fit), or -1 when part of the window is not
/// described: a type declared but not defined, an array of unknown length, a type of unknown size.
int64_t swadDebugTypeLeaves(LLVMMetadataRef Type, uint64_t FromBit, uint64_t ToBit, SwadDebugLeaf *Leaves,
                            uint64_t Capacity);

/// The size in bits of the debug-info type `Type` with typedefs and qualifiers looked through (0 when
/// unknown).
uint64_t swadDebugTypeSizeInBits(LLVMMetadataRef Type);

/// The debug-info types of the source-level parameters of `Function`, as its subprogram's type lists
/// them (the result left out, an implicit `this` included), written to `Types` up to `Capacity`.
/// Returns how many there are (more than `Capacity` when they did not all fit), or -1 when the
/// function has no subprogram or is variadic.
int64_t swadSubprogramParameterTypes(LLVMValueRef Function, LLVMMetadataRef *Types, uint64_t Capacity);

/// How a value of a debug-info type is passed to a function, as far as the type says.
typedef enum {
  SwadDebugPassingScalar = 0,       // one value: integers, floating-point values, pointers, enumerations
  SwadDebugPassingAggregate = 1,    // a record, an array or a complex number, by value
  SwadDebugPassingByReference = 2,  // a C++ class passed by an invisible reference (non-trivial)
  SwadDebugPassingUnknown = 3,
} SwadDebugPassing;

/// How a value of `Type` (typedefs and qualifiers looked through) is passed.
SwadDebugPassing swadDebugTypePassing(LLVMMetadataRef Type);

#ifdef __cplusplus
}
#endif

#endif
