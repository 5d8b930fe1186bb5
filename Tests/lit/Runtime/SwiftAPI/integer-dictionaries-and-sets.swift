// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: not %swad-api %s %S/Inputs/Check.swift -Xswiftc -DDOUBLES_IN_A_DICTIONARY -o %t.refused 2>&1 | FileCheck %s --check-prefix=REFUSED
// CHECK: 96 checks passed
// REFUSED: swad: error: {{.*}}<Swift.Int, Swift.Double> of Swift.Dictionary{{.*}}cannot differentiate a call of
// Dictionaries and sets of integers built and read inside the differentiated function: an index
// map, counts with a default, a set literal, a set made from a dictionary's keys, and positions by
// name (`[String: Int]`, whose lookups hash through `Hasher`). Their storage
// grows and is searched by libswiftCore (`_DictionaryStorage.allocate`, `__RawDictionaryStorage.find`,
// `_NativeDictionary._copyOrMoveAndResize` for `<Int, Int>`), code with no derivative that was
// refused (Rules/SwiftIntegerContainers.swift). A dictionary holding doubles is still refused, never
// silently wrong. Both modes, against central differences, at -O2 and -O0.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

@autodiffReverse(name: "d_lookup", .duplicated, .active)
@autodiffForward(name: "fwd_lookup", .dual, .dual)
func lookup(w: [Double]) -> Double {
  var index: [Int: Int] = [:]
  for k in 0..<w.count { index[k * 7 % 5] = k }
  var sum = 0.0
  for (key, k) in index.sorted(by: { $0.key < $1.key }) { sum += Double(key + 1) * w[k] * w[k] }
  return sum
}

@autodiffReverse(name: "d_picked", .duplicated, .active)
@autodiffForward(name: "fwd_picked", .dual, .dual)
func picked(w: [Double]) -> Double {
  let chosen: Set<Int> = [0, 2, 3]
  var sum = 0.0
  for k in 0..<w.count where chosen.contains(k) { sum += sin(w[k]) * w[k] }
  return sum
}

@autodiffReverse(name: "d_graph", .duplicated, .active)
@autodiffForward(name: "fwd_graph", .dual, .dual)
func graph(w: [Double]) -> Double {
  var next: [Int: Int] = [:]
  var after: [Int: Int] = [:]
  for k in 0..<w.count {
    next[k] = (k + 2) % w.count
    after[k] = (k + 3) % w.count
  }
  var seen: [Int: Int] = [:]
  var energy = 0.0
  for k in 0..<w.count {
    for j in [next[k] ?? 0, after[k, default: 1]] {
      seen[j, default: 0] += 1
      energy += (w[k] - w[j]) * (w[k] - w[j]) * Double(seen[j]!)
    }
  }
  let even = Set(seen.keys.filter { $0 % 2 == 0 })
  for k in even.sorted() { energy += cos(w[k]) }
  return energy
}

let names = ["a", "b", "c", "d", "e", "f"]

@autodiffReverse(name: "d_named", .duplicated, .active)
@autodiffForward(name: "fwd_named", .dual, .dual)
func named(w: [Double]) -> Double {
  var position: [String: Int] = [:]
  for (k, name) in names.enumerated() { position[name] = k }
  var sum = 0.0
  for name in ["f", "b", "a", "d"] { sum += w[position[name]!] * w[position[name]!] * Double(name.count + 1) }
  return sum
}

#if DOUBLES_IN_A_DICTIONARY
  @autodiffReverse(name: "d_memo", .duplicated, .active)
  func memo(w: [Double]) -> Double {
    var squares: [Int: Double] = [:]
    for k in 0..<w.count { squares[k] = w[k] * w[k] }
    var sum = 0.0
    for k in 0..<w.count { sum += squares[k]! * w[(k + 1) % w.count] }
    return sum
  }
#endif

@main
struct Main {
  static func main() {
    for w in [[0.5, -0.25, 0.75, 1.5, -1.0, 0.1], [-0.3, 1.1, 0.2, -0.9, 0.4, 0.7]] {
      var g = [Double](repeating: 0, count: w.count)
      _ = d_lookup(w: w, dw: &g, seed: 1)
      checkGradient("lookup", g, of: { lookup(w: $0) }, at: w, forward: { fwd_lookup(w: w, dw: $0).1 })
      g = [Double](repeating: 0, count: w.count)
      _ = d_picked(w: w, dw: &g, seed: 1)
      checkGradient("picked", g, of: { picked(w: $0) }, at: w, forward: { fwd_picked(w: w, dw: $0).1 })
      g = [Double](repeating: 0, count: w.count)
      _ = d_graph(w: w, dw: &g, seed: 1)
      checkGradient("graph", g, of: { graph(w: $0) }, at: w, forward: { fwd_graph(w: w, dw: $0).1 })
      g = [Double](repeating: 0, count: w.count)
      _ = d_named(w: w, dw: &g, seed: 1)
      checkGradient("named", g, of: { named(w: $0) }, at: w, forward: { fwd_named(w: w, dw: $0).1 })
      #if DOUBLES_IN_A_DICTIONARY
        _ = d_memo(w: w, dw: &g, seed: 1)
      #endif
    }
    finish()
  }
}
