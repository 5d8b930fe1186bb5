// A loop nest copied once per answer to "does the memory its writes reach overlap what it reads?"
// (see include/LLVMExtensions.h). LLVM's own LoopVersioning does this for innermost loops only,
// from LoopAccessAnalysis, which analyzes nothing else; the ranges here come from ScalarEvolution,
// which the C API does not offer.
#include "LLVMExtensions.h"

#include <llvm/Analysis/AliasAnalysis.h>
#include <llvm/Analysis/AssumptionCache.h>
#include <llvm/Analysis/BasicAliasAnalysis.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/MemoryLocation.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/Analysis/ScalarEvolutionExpressions.h>
#include <llvm/Analysis/ScopedNoAliasAA.h>
#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/Analysis/TypeBasedAliasAnalysis.h>
#include <llvm/Analysis/ValueTracking.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/Transforms/Utils/BasicBlockUtils.h>
#include <llvm/Transforms/Utils/Cloning.h>
#include <llvm/Transforms/Utils/LoopSimplify.h>
#include <llvm/Transforms/Utils/LoopUtils.h>
#include <llvm/Transforms/Utils/ScalarEvolutionExpander.h>
#include <llvm/TargetParser/Triple.h>
#include <llvm-c/Core.h>

#include <cstring>
#include <map>
#include <optional>
#include <string>

using namespace llvm;

namespace {

/// The lowest and the highest value `S` takes while `L` runs, as expressions of values fixed before
/// `L` starts; none when ScalarEvolution cannot say. An address that steps through a loop inside `L`
/// reaches its extremes at that loop's first and last iteration, whose number must not depend on
/// `L`'s iteration (rectangular nests).
std::optional<std::pair<const SCEV *, const SCEV *>> boundsOver(const SCEV *S, const Loop *L,
                                                                ScalarEvolution &SE) {
  if (SE.isLoopInvariant(S, L))
    return std::make_pair(S, S);
  const auto *Recurrence = dyn_cast<SCEVAddRecExpr>(S);
  if (!Recurrence || !Recurrence->isAffine() || !L->contains(Recurrence->getLoop()))
    return std::nullopt;
  const SCEV *Step = Recurrence->getStepRecurrence(SE);
  const SCEV *LastIteration = SE.getBackedgeTakenCount(Recurrence->getLoop());
  if (isa<SCEVCouldNotCompute>(LastIteration) || !SE.isLoopInvariant(LastIteration, L) ||
      !SE.isLoopInvariant(Step, L))
    return std::nullopt;
  auto Start = boundsOver(Recurrence->getStart(), L, SE);
  if (!Start)
    return std::nullopt;
  const SCEV *Span = SE.getMulExpr(Step, SE.getTruncateOrZeroExtend(LastIteration, Step->getType()));
  if (SE.isKnownNonNegative(Step))
    return std::make_pair(Start->first, SE.getAddExpr(Start->second, Span));
  if (SE.isKnownNonPositive(Step))
    return std::make_pair(SE.getAddExpr(Start->first, Span), Start->second);
  return std::nullopt;
}

/// The loads and stores of one underlying object, with the bytes they reach.
struct AccessGroup {
  SmallVector<Instruction *, 8> Accesses;
  const SCEV *Low = nullptr;
  const SCEV *High = nullptr; // one past the last byte
  bool Writes = false;
  MDNode *Scope = nullptr;
  SmallVector<Metadata *, 8> Apart; // the scopes of the groups checked against this one
};

LLVMValueRef fail(char **Reason, const std::string &Why) {
  if (Reason)
    *Reason = LLVMCreateMessage(Why.c_str());
  return nullptr;
}

/// ` (file.c:12)` for an instruction with a source line (the file's name without its folder, as the
/// stage's remarks give it); empty without.
std::string placeOf(const Instruction &I) {
  const DebugLoc &Location = I.getDebugLoc();
  if (!Location || Location.getLine() == 0)
    return "";
  StringRef File = cast<DIScope>(Location.getScope())->getFilename();
  return " (" + File.substr(File.find_last_of('/') + 1).str() + ":" + std::to_string(Location.getLine()) + ")";
}

/// Above this many pairs of arrays the test is a loop over a table of them: comparisons of every pair
/// in one block grow with the square of the arrays (136 pairs in a gradient of width 8, whose block
/// took LLVM's SLP vectorizer a second to look through).
constexpr size_t PairsTestedInLine = 8;

using Ranges = std::map<AccessGroup *, std::pair<Value *, Value *>>;

/// Makes the end of `Check` a loop that tests `Pairs` one by one, their groups' ranges (`Ranges`, all
/// of one type) in two arrays on the stack indexed by a constant table of pairs. Returns the block
/// after the loop, which ends with `Check`'s old terminator, and in `Overlap` whether any pair met.
BasicBlock *testInLoop(BasicBlock *Check, ArrayRef<AccessGroup *> Groups, Ranges &Expanded,
                       ArrayRef<std::pair<AccessGroup *, AccessGroup *>> Pairs, Value *&Overlap) {
  Function &F = *Check->getParent();
  LLVMContext &Context = F.getContext();
  Type *RangeType = Expanded[Groups[0]].first->getType();
  ArrayType *Table = ArrayType::get(RangeType, Groups.size());
  IRBuilder<> Entry(&*F.getEntryBlock().getFirstInsertionPt());
  AllocaInst *Lows = Entry.CreateAlloca(Table, nullptr, "swad.nest.lows");
  AllocaInst *Highs = Entry.CreateAlloca(Table, nullptr, "swad.nest.highs");
  IRBuilder<> Builder(Check->getTerminator());
  std::map<AccessGroup *, unsigned> Index;
  for (unsigned I = 0; I < Groups.size(); ++I) {
    Index[Groups[I]] = I;
    Builder.CreateStore(Expanded[Groups[I]].first, Builder.CreateConstInBoundsGEP2_32(Table, Lows, 0, I));
    Builder.CreateStore(Expanded[Groups[I]].second, Builder.CreateConstInBoundsGEP2_32(Table, Highs, 0, I));
  }
  Type *Int32 = Builder.getInt32Ty();
  Type *Int64 = Builder.getInt64Ty();
  ArrayType *PairType = ArrayType::get(Int32, 2);
  SmallVector<Constant *, 64> Entries;
  for (auto &[A, B] : Pairs)
    Entries.push_back(
        ConstantArray::get(PairType, {ConstantInt::get(Int32, Index[A]), ConstantInt::get(Int32, Index[B])}));
  ArrayType *PairsType = ArrayType::get(PairType, Entries.size());
  auto *PairTable = new GlobalVariable(*F.getParent(), PairsType, true, GlobalValue::PrivateLinkage,
                                       ConstantArray::get(PairsType, Entries), "swad.nest.pairs");
  PairTable->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);

  BasicBlock *Done = SplitBlock(Check, Check->getTerminator());
  BasicBlock *Body = BasicBlock::Create(Context, "swad.nest.test", &F, Done);
  Check->getTerminator()->setSuccessor(0, Body);
  IRBuilder<> Loop(Body);
  PHINode *Pair = Loop.CreatePHI(Int64, 2, "swad.nest.pair");
  PHINode *Before = Loop.CreatePHI(Loop.getInt1Ty(), 2, "swad.nest.overlap");
  auto range = [&](AllocaInst *Array, unsigned Side) {
    Value *Entry = Loop.CreateInBoundsGEP(PairsType, PairTable, {Loop.getInt64(0), Pair, Loop.getInt64(Side)});
    Value *Group = Loop.CreateZExt(Loop.CreateLoad(Int32, Entry), Int64);
    return Loop.CreateLoad(RangeType, Loop.CreateInBoundsGEP(Table, Array, {Loop.getInt64(0), Group}));
  };
  Value *ALow = range(Lows, 0), *AHigh = range(Highs, 0), *BLow = range(Lows, 1), *BHigh = range(Highs, 1);
  Value *Meet = Loop.CreateAnd(Loop.CreateICmpULT(ALow, BHigh), Loop.CreateICmpULT(BLow, AHigh));
  Value *After = Loop.CreateOr(Before, Meet, "swad.nest.overlap");
  Value *Next = Loop.CreateAdd(Pair, Loop.getInt64(1));
  BranchInst *Latch = Loop.CreateCondBr(Loop.CreateICmpEQ(Next, Loop.getInt64(Pairs.size())), Done, Body);
  // A loop of a few hundred comparisons, once per run of the nest: left as it is.
  MDNode *Unroll = MDNode::get(Context, {MDString::get(Context, "llvm.loop.unroll.disable")});
  MDNode *Vectorize = MDNode::get(
      Context, {MDString::get(Context, "llvm.loop.vectorize.enable"), ConstantAsMetadata::get(Loop.getFalse())});
  MDNode *Id = MDNode::getDistinct(Context, {nullptr, Unroll, Vectorize});
  Id->replaceOperandWith(0, Id);
  Latch->setMetadata(LLVMContext::MD_loop, Id);
  Pair->addIncoming(Loop.getInt64(0), Check);
  Pair->addIncoming(Next, Body);
  Before->addIncoming(Loop.getFalse(), Check);
  Before->addIncoming(After, Body);
  Overlap = After;
  return Done;
}

} // namespace

LLVMValueRef swadVersionLoopNestOnDisjointMemory(LLVMBasicBlockRef OuterHeader, const char *DomainName,
                                                 char **Reason) {
  BasicBlock *Header = unwrap(OuterHeader);
  Function &F = *Header->getParent();
  const DataLayout &DL = F.getDataLayout();
  TargetLibraryInfoImpl LibraryInfoImpl(Triple(F.getParent()->getTargetTriple()));
  TargetLibraryInfo LibraryInfo(LibraryInfoImpl, &F);
  AssumptionCache Assumptions(F);
  DominatorTree Dominators(F);
  LoopInfo Loops(Dominators);
  ScalarEvolution SE(F, LibraryInfo, Assumptions, Dominators, Loops);

  Loop *L = Loops.getLoopFor(Header);
  if (!L || L->getHeader() != Header)
    return fail(Reason, "the block heads no loop");
  simplifyLoop(L, &Dominators, &Loops, &SE, &Assumptions, nullptr, false);
  formLCSSARecursively(*L, Dominators, &Loops, &SE);
  BasicBlock *Preheader = L->getLoopPreheader();
  if (!Preheader || !L->hasDedicatedExits())
    return fail(Reason, "the loop is not in simplified form");

  // The accesses, grouped by what they point into.
  std::map<const Value *, AccessGroup> Groups;
  SmallVector<const Value *, 8> Order; // the groups in program order: the output must not depend on addresses
  for (BasicBlock *Block : L->blocks()) {
    for (Instruction &I : *Block) {
      Value *Pointer = getLoadStorePointerOperand(&I);
      if (!Pointer) {
        if (I.mayReadOrWriteMemory()) {
          const auto *Call = dyn_cast<CallBase>(&I);
          const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
          return fail(Reason, (Callee ? "the loop calls " + Callee->getName().str() + ", which may access memory"
                                      : "the loop has an instruction that may access memory") +
                                  placeOf(I));
        }
        continue;
      }
      if (isa<LoadInst>(I) ? !cast<LoadInst>(I).isSimple() : !cast<StoreInst>(I).isSimple())
        return fail(Reason, "the loop has a volatile or atomic access" + placeOf(I));
      // The ranges are those of the addresses at the first and the last iteration: real addresses
      // only where the access runs in every iteration (a conditional one's address in an iteration
      // that skips it may wrap around and hide the bytes it reaches).
      for (Loop *Around = Loops.getLoopFor(Block); Around != L->getParentLoop(); Around = Around->getParentLoop()) {
        BasicBlock *Latch = Around->getLoopLatch();
        if (!Latch || !Dominators.dominates(Block, Latch))
          return fail(Reason, "an access runs only in some iterations" + placeOf(I));
      }
      const Value *Object = getUnderlyingObject(Pointer);
      auto Bounds = boundsOver(SE.getSCEV(Pointer), L, SE);
      if (!Bounds)
        return fail(Reason,
                    "an address the loop accesses is not an affine function of its iterations" + placeOf(I));
      Type *Accessed = isa<LoadInst>(I) ? I.getType() : cast<StoreInst>(I).getValueOperand()->getType();
      TypeSize Size = DL.getTypeStoreSize(Accessed);
      if (Size.isScalable())
        return fail(Reason, "the loop accesses a scalable vector");
      const SCEV *End = SE.getAddExpr(Bounds->second, SE.getConstant(DL.getIndexType(Pointer->getType()),
                                                                     Size.getFixedValue()));
      auto [Entry, New] = Groups.try_emplace(Object);
      AccessGroup &Group = Entry->second;
      if (New)
        Order.push_back(Object);
      Group.Accesses.push_back(&I);
      Group.Writes |= isa<StoreInst>(I);
      if (Group.Low && Group.Low->getType() != Bounds->first->getType())
        return fail(Reason, "the accesses of one object have addresses of different types");
      Group.Low = Group.Low ? SE.getUMinExpr(Group.Low, Bounds->first) : Bounds->first;
      Group.High = Group.High ? SE.getUMaxExpr(Group.High, End) : End;
    }
  }

  // The pairs of groups whose accesses may overlap, as the dependence analysis asks: by alias
  // analysis across iterations, with what the accesses' metadata already say.
  AAResults Aliases(LibraryInfo);
  BasicAAResult Basic(DL, F, LibraryInfo, Assumptions, &Dominators);
  ScopedNoAliasAAResult Scoped;
  TypeBasedAAResult TypeBased(false);
  Aliases.addAAResult(Basic);
  Aliases.addAAResult(Scoped);
  Aliases.addAAResult(TypeBased);
  BatchAAResults Batch(Aliases);
  Batch.enableCrossIterationMode();
  auto mayOverlap = [&](const AccessGroup &A, const AccessGroup &B) {
    for (Instruction *X : A.Accesses)
      for (Instruction *Y : B.Accesses) {
        if (!isa<StoreInst>(X) && !isa<StoreInst>(Y))
          continue;
        MemoryLocation XLocation = MemoryLocation::getBeforeOrAfter(getLoadStorePointerOperand(X),
                                                                    X->getAAMetadata());
        MemoryLocation YLocation = MemoryLocation::getBeforeOrAfter(getLoadStorePointerOperand(Y),
                                                                    Y->getAAMetadata());
        if (!Batch.isNoAlias(XLocation, YLocation))
          return true;
      }
    return false;
  };
  SmallVector<std::pair<AccessGroup *, AccessGroup *>, 16> Pairs;
  for (size_t I = 0; I < Order.size(); ++I)
    for (size_t J = I + 1; J < Order.size(); ++J) {
      AccessGroup &A = Groups[Order[I]], &B = Groups[Order[J]];
      if ((A.Writes || B.Writes) && mayOverlap(A, B))
        Pairs.push_back({&A, &B});
    }
  if (Pairs.empty())
    return fail(Reason, "no two objects the loop accesses may overlap");

  // The test, before the loop: does any pair's byte ranges meet?
  SCEVExpander Expander(SE, "swad.nest.range");
  Instruction *Before = Preheader->getTerminator();
  for (auto &Pair : Pairs)
    for (AccessGroup *Group : {Pair.first, Pair.second})
      if (!Expander.isSafeToExpandAt(Group->Low, Before) || !Expander.isSafeToExpandAt(Group->High, Before))
        return fail(Reason, "the range of an address is not known before the loop");
  for (auto &[A, B] : Pairs)
    if (A->Low->getType() != B->Low->getType())
      return fail(Reason, "the loop accesses memory in two address spaces");
  std::map<AccessGroup *, std::pair<Value *, Value *>> Expanded;
  SmallVector<AccessGroup *, 16> Tested; // the groups of the pairs, in order of first use
  for (auto &Pair : Pairs)
    for (AccessGroup *Group : {Pair.first, Pair.second})
      if (!Expanded.count(Group)) {
        Expanded[Group] = {Expander.expandCodeFor(Group->Low, nullptr, Before),
                           Expander.expandCodeFor(Group->High, nullptr, Before)};
        Tested.push_back(Group);
      }
  Expander.clear();
  IRBuilder<> Builder(Before);
  Value *Overlap = nullptr;
  if (Pairs.size() <= PairsTestedInLine) {
    for (auto &[A, B] : Pairs) {
      auto [ALow, AHigh] = Expanded[A];
      auto [BLow, BHigh] = Expanded[B];
      Value *Meet = Builder.CreateAnd(Builder.CreateICmpULT(ALow, BHigh), Builder.CreateICmpULT(BLow, AHigh),
                                      "swad.nest.overlap");
      Overlap = Overlap ? Builder.CreateOr(Overlap, Meet, "swad.nest.overlap") : Meet;
    }
  }

  // The copy the overlapping case runs; the loop itself runs when nothing overlaps.
  BasicBlock *Check = Preheader;
  BasicBlock *LoopPreheader = SplitBlock(Check, Check->getTerminator(), &Dominators, &Loops, nullptr,
                                         Header->getName() + ".disjoint");
  ValueToValueMapTy Map;
  SmallVector<BasicBlock *, 16> Copied;
  Loop *Copy = cloneLoopWithPreheader(LoopPreheader, Check, L, Map, ".overlap", &Loops, &Dominators, Copied);
  remapInstructionsInBlocks(Copied, Map);
  SmallVector<BasicBlock *, 4> Exits;
  L->getUniqueExitBlocks(Exits);
  for (BasicBlock *Exit : Exits)
    for (PHINode &Phi : Exit->phis()) {
      unsigned Incoming = Phi.getNumIncomingValues();
      for (unsigned Index = 0; Index < Incoming; ++Index) {
        BasicBlock *From = Phi.getIncomingBlock(Index);
        if (!L->contains(From))
          continue;
        Value *V = Phi.getIncomingValue(Index);
        auto Mapped = Map.find(V);
        Value *CopyOfV = Mapped != Map.end() ? static_cast<Value *>(Mapped->second) : V;
        Phi.addIncoming(CopyOfV, cast<BasicBlock>(Map[From]));
      }
    }
  Instruction *Old = Check->getTerminator();
  if (!Overlap)
    Old = testInLoop(Check, Tested, Expanded, Pairs, Overlap)->getTerminator();
  // A branch on poison is undefined; the bounds' arithmetic should never make it, and a freeze costs
  // nothing.
  Overlap = new FreezeInst(Overlap, "swad.nest.overlap", Old->getIterator());
  BranchInst *Choice = BranchInst::Create(Copy->getLoopPreheader(), LoopPreheader, Overlap, Old->getIterator());
  Choice->setDebugLoc(Old->getDebugLoc());
  Old->eraseFromParent();

  // What the test proved, told to alias analysis in the loop that runs when it passes: each group
  // its own scope, apart from the groups it was checked against.
  MDBuilder Metadata(F.getContext());
  MDNode *Domain = Metadata.createAnonymousAliasScopeDomain(DomainName);
  for (AccessGroup *Group : Tested)
    Group->Scope = Metadata.createAnonymousAliasScope(Domain);
  for (auto &[A, B] : Pairs) {
    A->Apart.push_back(B->Scope);
    B->Apart.push_back(A->Scope);
  }
  LLVMContext &Context = F.getContext();
  for (const Value *Object : Order) {
    AccessGroup &Group = Groups[Object];
    if (Group.Apart.empty())
      continue;
    MDNode *Own = MDNode::get(Context, {Group.Scope});
    MDNode *Others = MDNode::get(Context, Group.Apart);
    // Declared where the loop starts: a pass that copies the nest's surroundings (a full unroll of
    // a loop around it) gives each copy scopes of its own, as the test covers one run of the nest.
    IRBuilder<>(LoopPreheader->getTerminator()).CreateNoAliasScopeDeclaration(Own);
    for (Instruction *I : Group.Accesses) {
      I->setMetadata(LLVMContext::MD_alias_scope,
                     MDNode::concatenate(I->getMetadata(LLVMContext::MD_alias_scope), Own));
      I->setMetadata(LLVMContext::MD_noalias, MDNode::concatenate(I->getMetadata(LLVMContext::MD_noalias), Others));
    }
  }
  return wrap(Choice);
}
