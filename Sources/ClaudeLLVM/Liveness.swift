import ClaudeIR

/// The control-flow graph of an IR function: successors, the blocks reachable
/// from the entry and their reverse postorder (a block's dominators come
/// before it, so every definition is visited before its uses).
struct CFG {
    let succs: [[Int]]
    let rpo: [Int]
    let reachable: [Bool]

    init(_ f: IRFunction) {
        succs = f.blocks.map { $0.terminator.successors.map(\.index) }
        var seen = Array(repeating: false, count: f.blocks.count)
        var post: [Int] = []
        var stack: [(Int, Int)] = [(0, 0)]
        seen[0] = true
        while let (b, i) = stack.last {
            if i < succs[b].count {
                stack[stack.count - 1].1 += 1
                let s = succs[b][i]
                if !seen[s] { seen[s] = true; stack.append((s, 0)) }
            } else {
                post.append(b)
                stack.removeLast()
            }
        }
        rpo = post.reversed()
        reachable = seen
    }
}

/// A dense set of small non-negative integers (value indices).
struct BitSet: Equatable {
    private(set) var words: [UInt64]

    init(capacity: Int) { words = Array(repeating: 0, count: (capacity + 63) / 64) }

    func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
    mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
    mutating func remove(_ i: Int) { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
    mutating func formUnion(_ o: BitSet) { for k in words.indices { words[k] |= o.words[k] } }
    mutating func subtract(_ o: BitSet) { for k in words.indices { words[k] &= ~o.words[k] } }

    /// The members, ascending.
    var elements: [Int] {
        var out: [Int] = []
        for (k, w) in words.enumerated() where w != 0 {
            var w = w
            while w != 0 {
                out.append(k << 6 | w.trailingZeroBitCount)
                w &= w - 1
            }
        }
        return out
    }
}

/// Live-in and live-out sets of the reachable blocks. Block parameters are
/// defined at their block's start; branch arguments are uses in the
/// branching block.
struct Liveness {
    private(set) var liveIn: [BitSet]
    private(set) var liveOut: [BitSet]

    init(_ f: IRFunction, cfg: CFG) {
        let n = f.blocks.count, nv = f.valueTypes.count
        var uses = Array(repeating: BitSet(capacity: nv), count: n)   // upward-exposed uses
        var defs = Array(repeating: BitSet(capacity: nv), count: n)
        for b in cfg.rpo {
            let block = f.blocks[b]
            for p in block.params { defs[b].insert(p.index) }
            for inst in block.insts {
                for o in inst.op.operands where !defs[b].contains(o.index) { uses[b].insert(o.index) }
                if let r = inst.result { defs[b].insert(r.index) }
            }
            for o in block.terminator.operands where !defs[b].contains(o.index) { uses[b].insert(o.index) }
        }
        liveIn = Array(repeating: BitSet(capacity: nv), count: n)
        liveOut = liveIn
        var changed = true
        while changed {
            changed = false
            for b in cfg.rpo.reversed() {
                var out = BitSet(capacity: nv)
                for s in cfg.succs[b] { out.formUnion(liveIn[s]) }
                var inn = out
                inn.subtract(defs[b])
                inn.formUnion(uses[b])
                if out != liveOut[b] { liveOut[b] = out; changed = true }
                if inn != liveIn[b] { liveIn[b] = inn; changed = true }
            }
        }
    }
}
