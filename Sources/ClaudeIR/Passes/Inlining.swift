/// Inlines direct calls of small functions that capture nothing. A small
/// self-recursive function is inlined into itself once (its recursive
/// calls in non-tail position), which halves the number of calls a tree
/// recursion like fib makes — the same effect C compilers get by
/// reassociating the additions, which checked Int arithmetic forbids.
public enum Inlining {
    /// callee size limit, in instructions
    static let maxCalleeSize = 24
    /// stop growing a caller past this many instructions
    static let maxCallerSize = 200

    public static func run(_ module: IRModule) {
        // Snapshot every candidate body first so that inlining never copies
        // code that has itself just been inlined.
        var bodies: [Int: (blocks: [Block], types: [IRType])] = [:]
        for f in module.functions where isCandidate(f, module) {
            bodies[f.id.index] = (f.blocks, f.valueTypes)
        }
        for f in module.functions {
            var budget = maxCallerSize - size(f)
            var bi = 0
            var copied = Set<Int>()        // blocks that are inlined copies: not inlined into again
            while bi < f.blocks.count {
                guard !copied.contains(bi),
                      let (ii, callee) = nextSite(in: f, block: bi, bodies: bodies, budget: budget) else { bi += 1; continue }
                let body = bodies[callee.index]!
                budget -= body.blocks.reduce(0) { $0 + $1.insts.count }
                let first = f.blocks.count + 1      // after the continuation block
                inline(body, into: f, block: bi, at: ii)
                copied.formUnion(first..<f.blocks.count)
                // the rest of block bi moved to the continuation, visited later
                bi += 1
            }
        }
    }

    static func size(_ f: IRFunction) -> Int { f.blocks.reduce(0) { $0 + $1.insts.count } }

    static func isCandidate(_ f: IRFunction, _ m: IRModule) -> Bool {
        f.id != m.entry && f.captures.isEmpty && size(f) <= maxCalleeSize && f.blocks.count <= 12
    }

    /// The first inlinable call in a block: an instruction `call @g` (not a
    /// tail call) of a candidate.
    static func nextSite(in f: IRFunction, block bi: Int, bodies: [Int: (blocks: [Block], types: [IRType])],
                         budget: Int) -> (Int, FuncID)? {
        for (ii, inst) in f.blocks[bi].insts.enumerated() {
            guard case .call(let g, _) = inst.op, let body = bodies[g.index] else { continue }
            if body.blocks.reduce(0, { $0 + $1.insts.count }) > budget { return nil }
            return (ii, g)
        }
        return nil
    }

    /// Replaces instruction `ii` of block `bi` (a call) with a copy of the
    /// callee's blocks: the block is split after the call, the copy's entry
    /// parameters become the call's arguments, and its returns branch to
    /// the continuation with the result.
    static func inline(_ body: (blocks: [Block], types: [IRType]), into f: IRFunction, block bi: Int, at ii: Int) {
        let call = f.blocks[bi].insts[ii]
        guard case .call(_, let args) = call.op, let result = call.result else { return }

        // Continuation: the instructions after the call, with the call's
        // result as its parameter.
        let rest = Array(f.blocks[bi].insts[(ii + 1)...])
        let cont = Block(params: [result], insts: rest, terminator: f.blocks[bi].terminator)
        f.blocks[bi].insts.removeSubrange(ii...)
        let contID = BlockID(f.blocks.count)
        f.blocks.append(cont)

        // Fresh values for the callee's values; its entry parameters are the arguments.
        var map: [Int: ValueID] = [:]
        for (p, a) in zip(body.blocks[0].params, args) { map[p.index] = a }
        func v(_ x: ValueID) -> ValueID {
            if let y = map[x.index] { return y }
            let y = f.newValue(body.types[x.index])
            map[x.index] = y
            return y
        }
        let base = f.blocks.count
        func blk(_ b: BlockID) -> BlockID { BlockID(base + b.index) }

        for (k, cb) in body.blocks.enumerated() {
            var nb = Block(params: k == 0 ? [] : cb.params.map(v))
            for inst in cb.insts {
                nb.insts.append(Inst(result: inst.result.map(v), op: inst.op.mapOperands(v), span: inst.span))
            }
            switch cb.terminator {
            case .br(let t, let a): nb.terminator = .br(blk(t), a.map(v))
            case .condbr(let c, let t, let ta, let e, let ea):
                nb.terminator = .condbr(v(c), blk(t), ta.map(v), blk(e), ea.map(v))
            case .switch_(let x, let cases, let d):
                nb.terminator = .switch_(v(x), cases.map { ($0.0, blk($0.1)) }, blk(d))
            case .ret(let x): nb.terminator = .br(contID, [v(x)])
            case .tailcall(let op, let span):
                // no longer in tail position: call, then continue
                let r = f.newValue(f.type(of: result))
                nb.insts.append(Inst(result: r, op: op.mapOperands(v), span: span))
                nb.terminator = .br(contID, [r])
            case .unreachable: nb.terminator = .unreachable
            }
            f.blocks.append(nb)
        }
        f.blocks[bi].terminator = .br(BlockID(base), [])
    }
}
