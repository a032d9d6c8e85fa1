/// Folds branches on a shape test whose answer a dominating branch on the
/// same test already gave: after `condbr (test.empty %xs), A, B`, a
/// `condbr (test.empty %xs), ...` anywhere only B reaches goes straight to
/// its false side. (The library's `head`/`tail` guards after a `match` or an
/// `(if (empty? xs) ...)` on the same list are the common case.) The blocks
/// left without predecessors never run.
public enum KnownTests {
    public static func run(_ module: IRModule) {
        for f in module.functions { run(f) }
    }

    private struct Fact: Hashable { let value: Int; let shape: ShapeTest }

    static func run(_ f: IRFunction) {
        var tests: [Int: Fact] = [:]
        for b in f.blocks {
            for i in b.insts { if let r = i.result, case .test(let x, let s) = i.op { tests[r.index] = Fact(value: x.index, shape: s) } }
        }
        guard !tests.isEmpty else { return }
        let idom = Verifier.dominators(f)
        var children = Array(repeating: [Int](), count: f.blocks.count)
        var preds = Array(repeating: [Int](), count: f.blocks.count)
        for (bi, b) in f.blocks.enumerated() {
            if bi != 0, let d = idom[bi] { children[d].append(bi) }
            for s in b.terminator.successors { preds[s.index].append(bi) }
        }
        // what entering a block says: its only predecessor branched on a test to it
        func entryFact(_ bi: Int) -> (Fact, Bool)? {
            guard bi != 0, preds[bi].count == 1, idom[bi] != nil else { return nil }
            guard case .condbr(let c, let t, _, let e, _) = f.blocks[preds[bi][0]].terminator, t != e,
                  let fact = tests[c.index] else { return nil }
            return (fact, t.index == bi)
        }
        let entry = f.blocks.indices.map(entryFact)   // before any branch is folded
        var stack: [(Int, [Fact: Bool])] = [(0, [:])]
        while let (bi, inherited) = stack.popLast() {
            var known = inherited
            if let (fact, answer) = entry[bi] { known[fact] = answer }
            if case .condbr(let c, let t, let ta, let e, let ea) = f.blocks[bi].terminator,
               let fact = tests[c.index], let answer = known[fact] {
                f.blocks[bi].terminator = answer ? .br(t, ta) : .br(e, ea)
            }
            for c in children[bi] { stack.append((c, known)) }
        }
    }
}
