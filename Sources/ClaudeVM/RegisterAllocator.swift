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
/// intervals are packed first-fit. Positions: a block's parameters are
/// defined at its start; instruction k of a block starting at p reads its
/// operands at p+1+2k and writes its result at p+2+2k (so a result may reuse
/// an operand's register); the terminator reads at p+1+2m.
enum RegisterAllocator {
    static func allocate(_ f: IRFunction, order: [Int], outCount: Int) -> FrameLayout {
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

        // Pin self and the parameters to registers 0..<nparams.
        let params = f.blocks[0].params
        var pinned = [Bool](repeating: false, count: nvals)
        for p in params { pinned[p.index] = true }

        // First-fit packing per class, in order of interval start.
        var candidates = (0..<nvals).filter { !pinned[$0] && end[$0] >= 0 && defBlock[$0] >= 0 }
        candidates.sort { (start[$0], $0) < (start[$1], $1) }
        var classReg = [Int](repeating: -1, count: nvals)
        var busyUntil: [[Int]] = [[], []]   // [val, raw]: end of the last interval in each register
        for v in candidates {
            let c = f.valueTypes[v].isBoxed ? 0 : 1
            if let r = busyUntil[c].firstIndex(where: { $0 < start[v] }) {
                classReg[v] = r
                busyUntil[c][r] = end[v]
            } else {
                classReg[v] = busyUntil[c].count
                busyUntil[c].append(end[v])
            }
        }

        let nparams = Int32(params.count)
        let outStart = nparams + Int32(busyUntil[0].count)
        let zeroEnd = outStart + Int32(outCount)
        let scratch = zeroEnd + Int32(busyUntil[1].count)
        var reg = [Int32](repeating: -1, count: nvals)
        for (i, p) in params.enumerated() { reg[p.index] = Int32(i) }
        for v in candidates {
            reg[v] = f.valueTypes[v].isBoxed ? nparams + Int32(classReg[v]) : zeroEnd + Int32(classReg[v])
        }
        var ptrRegs = params.enumerated().filter { f.type(of: $0.element).isBoxed }.map { Int32($0.offset) }
        ptrRegs += Array(nparams..<zeroEnd)
        return FrameLayout(reg: reg, nparams: nparams, outStart: outStart, zeroEnd: zeroEnd,
                           scratch: scratch, ptrRegs: ptrRegs)
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
