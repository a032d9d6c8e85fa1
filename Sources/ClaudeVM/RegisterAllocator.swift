import ClaudeIR

/// The registers of one function's frame (see `BytecodeProgram` for the layout).
struct FrameLayout {
    /// register of each IR value (indexed by ValueID); -1 for values of unreachable blocks
    var reg: [Int32]
    var nparams: Int32
    var outStart: Int32
    var zeroEnd: Int32
    var scratch: Int32
    var frameSize: Int32 { scratch + 1 }
    /// registers holding rt_val words
    var ptrRegs: [Int32]
}

/// Assigns registers to SSA values so that values live at the same time get
/// different registers, with separate pools for rt_val and raw values (so
/// the pointer map is static per function).
///
/// Each value gets one live interval over the linearised code — the hull of
/// its definition, its uses and the block boundaries where it is live — and
/// intervals are packed first-fit, preferring the register of a value the
/// interval's value is copied to or from (see `hints`). Positions: a block's parameters are
/// defined at its start; instruction k of a block starting at p reads its
/// operands at p+1+2k and writes its result at p+2+2k (so a result may reuse
/// an operand's register); the terminator reads at p+1+2m.
enum RegisterAllocator {
    /// `elided` values are never written and get no register (-1).
    static func allocate(_ f: IRFunction, order: [Int], outCount: Int, elided: Set<Int>) -> FrameLayout {
        let nvals = f.valueTypes.count
        var start = [Int](repeating: Int.max, count: nvals)
        var end = [Int](repeating: -1, count: nvals)
        var defBlock = [Int](repeating: -1, count: nvals)
        var blockStart = [Int](repeating: 0, count: f.blocks.count)
        var blockEnd = [Int](repeating: 0, count: f.blocks.count)

        func cover(_ v: ValueID, _ p: Int) {
            start[v.index] = min(start[v.index], p)
            end[v.index] = max(end[v.index], p)
        }

        // Definitions and uses.
        var pos = 0
        for b in order {
            let block = f.blocks[b]
            blockStart[b] = pos
            for p in block.params { cover(p, pos); defBlock[p.index] = b }
            for (k, inst) in block.insts.enumerated() {
                for o in inst.op.operands { cover(o, pos + 1 + 2 * k) }
                if let r = inst.result { cover(r, pos + 2 + 2 * k); defBlock[r.index] = b }
            }
            let term = pos + 1 + 2 * block.insts.count
            for o in block.terminator.operands { cover(o, term) }
            blockEnd[b] = term
            pos = term + 1
        }

        // Liveness across blocks, for values used outside their defining block.
        let live = Liveness(f, order: order, defBlock: defBlock)
        for b in order {
            for v in live.liveIn[b] { cover(v, blockStart[b]) }
            for v in live.liveOut[b] { cover(v, blockEnd[b]) }
        }

        // self and the parameters arrive in registers 0..<nparams. A parameter's
        // register is free for values of its class after its last use, except
        // self's (`capture` reads it implicitly).
        let params = f.blocks[0].params
        let nparams = Int32(params.count)
        func cls(_ v: Int) -> Int { f.valueTypes[v].isBoxed ? 0 : 1 }
        var pools: [[PhysReg]] = [[], []]   // per class [val, raw]
        var assigned = [Int](repeating: -1, count: nvals)   // value → index in its class pool
        for (i, p) in params.enumerated() where i > 0 {
            assigned[p.index] = pools[cls(p.index)].count
            pools[cls(p.index)].append(PhysReg(param: Int32(i), busyUntil: end[p.index]))
        }
        let hints = RegisterAllocator.hints(f, order: order)

        // Packing in order of interval start: the hinted register if free, else first fit.
        var candidates = (0..<nvals).filter { assigned[$0] < 0 && $0 != params[0].index && !elided.contains($0)
            && end[$0] >= 0 && defBlock[$0] >= 0 }
        candidates.sort { (start[$0], $0) < (start[$1], $1) }
        for v in candidates {
            let c = cls(v)
            let free = { (r: Int) in pools[c][r].busyUntil < start[v] }
            let hinted = hints[v].flatMap { h in cls(h) == c && assigned[h] >= 0 && free(assigned[h]) ? assigned[h] : nil }
            if let r = hinted ?? pools[c].indices.first(where: free) {
                assigned[v] = r
                pools[c][r].busyUntil = end[v]
            } else {
                assigned[v] = pools[c].count
                pools[c].append(PhysReg(param: nil, busyUntil: end[v]))
            }
        }

        // Number the registers: parameters, fresh vals, argv area, fresh raws, scratch.
        let freshVals = pools[0].filter { $0.param == nil }.count
        let freshRaws = pools[1].filter { $0.param == nil }.count
        let outStart = nparams + Int32(freshVals)
        let zeroEnd = outStart + Int32(outCount)
        let scratch = zeroEnd + Int32(freshRaws)
        var number: [[Int32]] = [[], []]
        for c in 0..<2 {
            var next = c == 0 ? nparams : zeroEnd
            for r in pools[c] {
                if let p = r.param { number[c].append(p) } else { number[c].append(next); next += 1 }
            }
        }
        var reg = [Int32](repeating: -1, count: nvals)
        reg[params[0].index] = 0
        for v in 0..<nvals where assigned[v] >= 0 { reg[v] = number[cls(v)][assigned[v]] }
        var ptrRegs = params.enumerated().filter { f.type(of: $0.element).isBoxed }.map { Int32($0.offset) }
        ptrRegs += Array(nparams..<zeroEnd)
        return FrameLayout(reg: reg, nparams: nparams, outStart: outStart, zeroEnd: zeroEnd,
                           scratch: scratch, ptrRegs: ptrRegs)
    }
}

/// A register during allocation: a parameter's (fixed number) or a fresh one.
private struct PhysReg {
    var param: Int32?
    /// end of the last interval assigned to it
    var busyUntil: Int
}

extension RegisterAllocator {
    /// Pairs of values that a move would copy into each other (branch
    /// arguments and block parameters, self tail-call arguments and
    /// parameters): giving both the same register deletes the move.
    static func hints(_ f: IRFunction, order: [Int]) -> [Int: Int] {
        var hint: [Int: Int] = [:]
        func pair(_ params: [ValueID], _ args: [ValueID]) {
            for (p, a) in zip(params, args) where p != a {
                if hint[a.index] == nil { hint[a.index] = p.index }
                if hint[p.index] == nil { hint[p.index] = a.index }
            }
        }
        for b in order {
            switch f.blocks[b].terminator {
            case .br(let t, let args): pair(f.blocks[t.index].params, args)
            case .condbr(_, let t, let ta, let e, let ea):
                pair(f.blocks[t.index].params, ta)
                pair(f.blocks[e.index].params, ea)
            case .tailcall(.call(let g, let args), _) where g == f.id:
                pair(Array(f.blocks[0].params.dropFirst()), Array(args.dropFirst()))
            default: break
            }
        }
        return hint
    }
}

/// Live-in / live-out sets of the values that cross block boundaries
/// (backward dataflow to a fixed point over bit sets).
struct Liveness {
    var liveIn: [[ValueID]]
    var liveOut: [[ValueID]]

    init(_ f: IRFunction, order: [Int], defBlock: [Int]) {
        // Dense numbering of the values used outside their defining block.
        var dense = [Int](repeating: -1, count: f.valueTypes.count)
        var globals: [ValueID] = []
        var uses = [[Int]](repeating: [], count: f.blocks.count)
        for b in order {
            let block = f.blocks[b]
            let operands = block.insts.flatMap { $0.op.operands } + block.terminator.operands
            for o in operands where defBlock[o.index] != b && defBlock[o.index] >= 0 {
                if dense[o.index] < 0 { dense[o.index] = globals.count; globals.append(o) }
                uses[b].append(dense[o.index])
            }
        }
        let n = f.blocks.count
        let words = (globals.count + 63) / 64
        var inSet = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: n)
        var outSet = inSet
        var defSet = inSet
        for b in order {
            let block = f.blocks[b]
            for v in block.params + block.insts.compactMap(\.result) where dense[v.index] >= 0 {
                defSet[b][dense[v.index] / 64] |= 1 << UInt64(dense[v.index] % 64)
            }
        }
        var changed = words > 0
        while changed {
            changed = false
            for b in order.reversed() {
                var out = [UInt64](repeating: 0, count: words)
                for s in f.blocks[b].terminator.successors {
                    for w in 0..<words { out[w] |= inSet[s.index][w] }
                }
                var inn = out
                for w in 0..<words { inn[w] &= ~defSet[b][w] }
                for u in uses[b] { inn[u / 64] |= 1 << UInt64(u % 64) }
                if inn != inSet[b] || out != outSet[b] {
                    inSet[b] = inn; outSet[b] = out; changed = true
                }
            }
        }
        func members(_ bits: [UInt64]) -> [ValueID] {
            var r: [ValueID] = []
            for (w, word) in bits.enumerated() where word != 0 {
                for i in 0..<64 where word & (1 << UInt64(i)) != 0 { r.append(globals[w * 64 + i]) }
            }
            return r
        }
        liveIn = inSet.map(members)
        liveOut = outSet.map(members)
    }
}
