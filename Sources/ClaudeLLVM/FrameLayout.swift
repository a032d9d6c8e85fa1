import ClaudeIR

/// The control-flow graph of an IR function: successors, the blocks reachable
/// from the entry and their reverse postorder (every definition that dominates
/// a use is emitted before it).
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

/// The shadow-stack frame of a function (see the GC ROOTS comment in
/// claude_rt.h): a slot for each `val` value that is live across an operation
/// that may collect, stored right after its definition, followed by the
/// argument vector of `call.any` / `call.builtin` (kept in the frame so the
/// arguments stay rooted during the call). Values whose live ranges do not
/// overlap share a slot. A function without slots gets no frame at all.
struct FrameLayout {
    /// value index → slot index
    private(set) var slots: [Int: Int] = [:]
    private(set) var argvBase = 0
    private(set) var argvCount = 0
    var size: Int { argvBase + argvCount }
    var needsFrame: Bool { size > 0 }

    func slot(of v: ValueID) -> Int? { slots[v.index] }

    /// `staticValues`: `val` values known never to point into the GC heap
    /// (constants, static closures); they need no slot.
    init(_ f: IRFunction, cfg: CFG, staticValues: Set<Int>) {
        func needsRoot(_ v: Int) -> Bool {
            let t = f.valueTypes[v]
            return t.isBoxed && t != .nil_ && !staticValues.contains(v)
        }
        let live = Liveness(f, cfg: cfg)

        // Which values need a slot, and the argv size.
        var rooted = Set<Int>()
        var argv = 0
        live.walk(f, cfg) { op, _, liveAfter in
            guard let op else { return }
            argv = max(argv, FrameLayout.argvNeed(op))
            if FrameLayout.mayCollect(op, f) {
                rooted.formUnion(liveAfter.filter(needsRoot))
                // closure captures are stored after rt_closure_new returns
                if case .makeClosure(_, let caps) = op { rooted.formUnion(caps.map(\.index).filter(needsRoot)) }
            }
        }

        // Interference among them: a value interferes with every value live at its definition.
        var interferes: [Int: Set<Int>] = [:]
        live.walk(f, cfg) { op, defined, liveAfter in
            var extra: [Int] = []
            if case .makeClosure(_, let caps)? = op { extra = caps.map(\.index) }
            let others = liveAfter.union(defined).union(extra).filter(rooted.contains)
            for d in defined where rooted.contains(d) {
                for o in others where o != d {
                    interferes[d, default: []].insert(o)
                    interferes[o, default: []].insert(d)
                }
            }
        }

        // Greedy colouring in definition order.
        var colors = 0
        for v in rooted.sorted() {
            let taken = Set((interferes[v] ?? []).compactMap { slots[$0] })
            let slot = (0...).first { !taken.contains($0) }!
            slots[v] = slot
            colors = max(colors, slot + 1)
        }
        argvBase = colors
        argvCount = argv
    }

    /// Arguments passed in a frame-resident argv by this operation.
    static func argvNeed(_ op: Op) -> Int {
        switch op {
        case .callAny(_, let args), .callBuiltin(_, let args): return args.count
        default: return 0
        }
    }

    /// True if the GC may run during `op`. Finer than `Op.mayAllocate`:
    /// boxing a Bool or a `val` and all unboxing never allocate (the runtime's
    /// checks only raise errors, which abandon the frame anyway).
    static func mayCollect(_ op: Op, _ f: IRFunction) -> Bool {
        switch op {
        case .box(let v): return f.type(of: v) == .int || f.type(of: v) == .float
        case .call, .callClosure, .callAny, .callBuiltin, .makeClosure, .cellNew, .cellNewEmpty: return true
        default: return false
        }
    }
}

/// Live-out sets of the reachable blocks (block parameters are defined at
/// their block's start; branch arguments are uses in the branching block).
struct Liveness {
    private(set) var liveOut: [Set<Int>]

    /// Visits every definition point backwards, block by block: each
    /// terminator (op nil unless it is a tail call; nothing defined), each
    /// instruction, then the block's parameters (op nil), with the values
    /// defined there and the set of values live right after it.
    func walk(_ f: IRFunction, _ cfg: CFG, _ visit: (Op?, [Int], Set<Int>) -> Void) {
        for b in cfg.rpo {
            let block = f.blocks[b]
            var cur = liveOut[b]
            if case .tailcall(let op, _) = block.terminator { visit(op, [], cur) } else { visit(nil, [], cur) }
            for o in block.terminator.operands { cur.insert(o.index) }
            for inst in block.insts.reversed() {
                let defined = inst.result.map { [$0.index] } ?? []
                if let r = inst.result { cur.remove(r.index) }
                visit(inst.op, defined, cur)
                for o in inst.op.operands { cur.insert(o.index) }
            }
            let params = block.params.map(\.index)
            for p in params { cur.remove(p) }
            visit(nil, params, cur)
        }
    }

    init(_ f: IRFunction, cfg: CFG) {
        let n = f.blocks.count
        var uses = Array(repeating: Set<Int>(), count: n)   // upward-exposed uses
        var defs = Array(repeating: Set<Int>(), count: n)
        for b in cfg.rpo {
            let block = f.blocks[b]
            var d = Set(block.params.map(\.index))
            var u = Set<Int>()
            for inst in block.insts {
                for o in inst.op.operands where !d.contains(o.index) { u.insert(o.index) }
                if let r = inst.result { d.insert(r.index) }
            }
            for o in block.terminator.operands where !d.contains(o.index) { u.insert(o.index) }
            uses[b] = u
            defs[b] = d
        }
        var liveIn = Array(repeating: Set<Int>(), count: n)
        liveOut = Array(repeating: Set<Int>(), count: n)
        var changed = true
        while changed {
            changed = false
            for b in cfg.rpo.reversed() {
                var out = Set<Int>()
                for s in cfg.succs[b] { out.formUnion(liveIn[s]) }
                let inn = uses[b].union(out.subtracting(defs[b]))
                if out != liveOut[b] { liveOut[b] = out; changed = true }
                if inn != liveIn[b] { liveIn[b] = inn; changed = true }
            }
        }
    }
}
