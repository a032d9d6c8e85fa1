import ClaudeIR

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
        let live = Liveness(f, cfg: cfg)
        var dying: [Int: [[Int]]] = [:]
        let rooted = FrameLayout.rootedValues(f, cfg, live, staticValues: staticValues, dying: &dying)
        argvCount = f.blocks.indices.filter { cfg.reachable[$0] }.flatMap { b in
            f.blocks[b].insts.map { FrameLayout.argvNeed($0.op) } + [FrameLayout.argvNeed(f.blocks[b].terminator)]
        }.max() ?? 0
        argvBase = assignSlots(f, cfg, live, rooted: rooted, dying: dying)
    }

    /// The values live across an operation that may collect (with a backward
    /// walk per block: a value is live across a collection point when one is
    /// passed between its last use and its definition, or the block's start).
    /// Also records, per block and instruction, the operands whose last use it is.
    private static func rootedValues(_ f: IRFunction, _ cfg: CFG, _ live: Liveness, staticValues: Set<Int>,
                                     dying: inout [Int: [[Int]]]) -> Set<Int> {
        func needsRoot(_ v: Int) -> Bool {
            let t = f.valueTypes[v]
            return t.isBoxed && t != .nil_ && !staticValues.contains(v)
        }
        var rooted = Set<Int>()
        for b in cfg.rpo {
            let block = f.blocks[b]
            var epoch = 0
            var since: [Int: Int] = [:]      // live value → epoch when it became live (walking backwards)
            for v in live.liveOut[b].elements { since[v] = 0 }
            for o in block.terminator.operands where since[o.index] == nil { since[o.index] = 0 }
            var blockDying = Array(repeating: [Int](), count: block.insts.count)
            for (i, inst) in block.insts.enumerated().reversed() {
                if let r = inst.result?.index, let e = since.removeValue(forKey: r), e != epoch, needsRoot(r) {
                    rooted.insert(r)
                }
                if mayCollect(inst.op, f) {
                    epoch += 1
                    // closure captures are stored after rt_closure_new returns
                    if case .makeClosure(_, let caps) = inst.op { rooted.formUnion(caps.map(\.index).filter(needsRoot)) }
                }
                for o in inst.op.operands where since[o.index] == nil {
                    since[o.index] = epoch
                    blockDying[i].append(o.index)
                }
            }
            // parameters and live-in values are live from the block's start
            for (v, e) in since where e != epoch && needsRoot(v) { rooted.insert(v) }
            dying[b] = blockDying
        }
        return rooted
    }

    /// Colours the rooted values (forward, blocks in reverse postorder: every
    /// value is coloured before the blocks it is live into); a value takes the
    /// lowest slot not held by a rooted value live at its definition. Returns
    /// the number of slots.
    private mutating func assignSlots(_ f: IRFunction, _ cfg: CFG, _ live: Liveness, rooted: Set<Int>,
                                      dying: [Int: [[Int]]]) -> Int {
        var count = 0
        for b in cfg.rpo {
            let block = f.blocks[b]
            var taken = Set(live.liveIn[b].elements.compactMap { slots[$0] })
            func define(_ v: Int) {
                guard rooted.contains(v) else { return }
                var s = 0
                while taken.contains(s) { s += 1 }
                slots[v] = s
                taken.insert(s)
                count = max(count, s + 1)
            }
            for p in block.params { define(p.index) }
            for (i, inst) in block.insts.enumerated() {
                for o in dying[b]![i] where rooted.contains(o) { taken.remove(slots[o]!) }
                if let r = inst.result { define(r.index) }
            }
        }
        return count
    }

    /// Arguments passed in a frame-resident argv by this operation.
    static func argvNeed(_ op: Op) -> Int {
        switch op {
        case .callAny(_, let args), .callBuiltin(_, let args): return args.count
        default: return 0
        }
    }

    static func argvNeed(_ t: Terminator) -> Int {
        if case .tailcall(let op, _) = t { return argvNeed(op) }
        return 0
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
