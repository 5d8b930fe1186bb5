// LLVM's intrusive lists (functions, globals, blocks, instructions, uses) as Swift arrays.

/// The elements of the list that starts at `first`, each wrapped by `wrap`: the list is walked
/// twice, once to count it and once to fill an array of exactly that size.
///
/// The analyses ask for the blocks of a function and the instructions of a block over and over.
/// Grown by appends, each such array was reallocated about log2(n) times: 45 M of the 580 M
/// instructions swad-opt ran on the Eigen MLP without its post-AD passes. Counting first costs a
/// second walk, one call per element; the whole saved 23 M.
@inline(__always)
func intrusiveList<Ref, Element>(
  first: Ref?, next: (Ref) -> Ref?, _ wrap: (Ref) -> Element
) -> [Element] {
  var count = 0
  var node = first
  while let current = node {
    count += 1
    node = next(current)
  }
  guard count > 0 else { return [] }
  return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
    var node = first
    while initialized < count, let current = node {
      (buffer.baseAddress! + initialized).initialize(to: wrap(current))
      initialized += 1
      node = next(current)
    }
  }
}
