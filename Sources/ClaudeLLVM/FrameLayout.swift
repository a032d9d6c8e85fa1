import ClaudeIR

/// The shadow-stack frame of a function (see the GC ROOTS comment in
/// claude_rt.h): a slot for each `val` value that is live across an operation
/// that may collect, stored right after its definition, followed by the
/// argument vector of `call.any` / `call.builtin` (kept in the frame so the
/// arguments stay rooted during the call). Values whose live ranges do not
/// overlap share a slot. A function without slots gets no frame at all.
struct FrameLayout {
    /// value index → slot index (-1: no slot)
    private var slots: [Int32]
    private(set) var argvBase = 0
    private(set) var argvCount = 0
    var size: Int { argvBase + argvCount }
    var needsFrame: Bool { size > 0 }

    func slot(of v: ValueID) -> Int? { slots[v.index] < 0 ? nil : Int(slots[v.index]) }

    /// `staticValues`: `val` values known never to point into the GC heap
    /// (constants, static closures); they need no slot.
    init(_ f: IRFunction, cfg: CFG, staticValues: Set<Int>) {
        let live = Liveness(f, cfg: cfg)
        slots = Array(repeating: -1, count: f.valueTypes.count)
        var dying = Array(repeating: [[Int]](), count: f.blocks.count)
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
                                     dying: inout [[[Int]]]) -> [Bool] {
        func needsRoot(_ v: Int) -> Bool {
            let t = f.valueTypes[v]
            return t.isBoxed && t != .nil_ && !staticValues.contains(v)
        }
        let nv = f.valueTypes.count
        var rooted = Array(repeating: false, count: nv)
        // live value → epoch when it became live (walking backwards); -1: not live
        var since = Array(repeating: -1, count: nv)
        var touched: [Int] = []
        for b in cfg.rpo {
            let block = f.blocks[b]
            var epoch = 0
            for v in touched { since[v] = -1 }
            touched.removeAll(keepingCapacity: true)
            func becomeLive(_ v: Int, _ e: Int) {
                since[v] = e
                touched.append(v)
            }
            for v in live.liveOut[b].elements { becomeLive(v, 0) }
            for o in block.terminator.operands where since[o.index] < 0 { becomeLive(o.index, 0) }
            var blockDying = Array(repeating: [Int](), count: block.insts.count)
            for (i, inst) in block.insts.enumerated().reversed() {
                if let r = inst.result?.index, since[r] >= 0 {
                    if since[r] != epoch && needsRoot(r) { rooted[r] = true }
                    since[r] = -1
                }
                if mayCollect(inst.op, f) {
                    epoch += 1
                    // closure captures are stored after rt_closure_new returns
                    // closure captures and constructor fields are stored after the allocation returns
                    if case .makeClosure(_, let caps) = inst.op {
                        for c in caps where needsRoot(c.index) { rooted[c.index] = true }
                    }
                    if case .construct(_, let fields) = inst.op {
                        for c in fields where needsRoot(c.index) { rooted[c.index] = true }
                    }
                }
                for o in inst.op.operands where since[o.index] < 0 {
                    becomeLive(o.index, epoch)
                    blockDying[i].append(o.index)
                }
            }
            // parameters and live-in values are live from the block's start
            for v in touched where since[v] >= 0 && since[v] != epoch && needsRoot(v) { rooted[v] = true }
            dying[b] = blockDying
        }
        return rooted
    }

    /// Colours the rooted values (forward, blocks in reverse postorder: every
    /// value is coloured before the blocks it is live into); a value takes the
    /// lowest slot not held by a rooted value live at its definition. Returns
    /// the number of slots.
    private mutating func assignSlots(_ f: IRFunction, _ cfg: CFG, _ live: Liveness, rooted: [Bool],
                                      dying: [[[Int]]]) -> Int {
        var count = 0
        var taken: [Bool] = []
        for b in cfg.rpo {
            let block = f.blocks[b]
            taken = Array(repeating: false, count: count)
            for v in live.liveIn[b].elements where slots[v] >= 0 { taken[Int(slots[v])] = true }
            func define(_ v: Int) {
                guard rooted[v] else { return }
                var s = 0
                while s < taken.count && taken[s] { s += 1 }
                if s == taken.count { taken.append(false) }
                slots[v] = Int32(s)
                taken[s] = true
                count = max(count, s + 1)
            }
            for p in block.params { define(p.index) }
            for (i, inst) in block.insts.enumerated() {
                for o in dying[b][i] where rooted[o] { taken[Int(slots[o])] = false }
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
        case .call, .callClosure, .callAny, .callBuiltin, .makeClosure, .cellNew, .cellNewEmpty, .construct, .cons: return true
        // the head of a cell that may be raw is boxed (a Float allocates)
        case .load(let x, .head): return Op.loadType(f.type(of: x), .head) == .any
        default: return false
        }
    }
}
