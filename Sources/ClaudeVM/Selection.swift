import ClaudeIR

/// Instruction-selection decisions made before registers are allocated:
/// which blocks are emitted, which constants become immediate operands,
/// which compares fuse into their branch, and so which values are never
/// written to a register at all.
struct Selection {
    let f: IRFunction
    /// reachable blocks in emission order (the entry first)
    let order: [Int]
    /// uses of each value in the emitted blocks
    let useCount: [Int]
    /// Int constants that fit a 32-bit immediate, by value index
    let immediates: [Int: Int32]
    /// the largest argument list passed through a frame's argv area
    let outCount: Int
    /// values that never occupy a register (immediate-only constants, fused compares)
    private(set) var elided: Set<Int> = []

    init(_ f: IRFunction) {
        self.f = f
        order = Selection.reachableBlocks(f)
        var uses = [Int](repeating: 0, count: f.valueTypes.count)
        var imms: [Int: Int32] = [:]
        var out = 0
        for bi in order {
            let block = f.blocks[bi]
            var ops = block.insts.map(\.op)
            if case .tailcall(let op, _) = block.terminator { ops.append(op) }
            for op in ops {
                switch op {
                case .callBuiltin(_, let args), .callAny(_, let args), .callClosure(_, let args):
                    out = max(out, args.count)
                default: break
                }
            }
            for inst in block.insts {
                if case .constInt(let n) = inst.op, let r = inst.result, let i = Int32(exactly: n) { imms[r.index] = i }
            }
            for o in block.insts.flatMap({ $0.op.operands }) + block.terminator.operands { uses[o.index] += 1 }
        }
        useCount = uses
        immediates = imms
        outCount = out

        // A constant all of whose uses are folded needs no register.
        var registerUses = uses
        for bi in order {
            let block = f.blocks[bi]
            for inst in block.insts {
                if let v = foldedOperand(inst.op) { registerUses[v.index] -= 1 }
            }
            if let fc = fusedCompare(block) {
                elided.insert(block.insts.last!.result!.index)
                if fc.imm != nil { registerUses[fc.rhs.index] -= 1 }
            }
        }
        for (v, _) in immediates where registerUses[v] == 0 { elided.insert(v) }
    }

    static func reachableBlocks(_ f: IRFunction) -> [Int] {
        var seen = Set([0]), work = [0]
        while let x = work.popLast() {
            for s in f.blocks[x].terminator.successors where seen.insert(s.index).inserted { work.append(s.index) }
        }
        return seen.sorted()
    }

    /// The fixnum word of a small Int constant, when it fits an immediate.
    func boxedImmediate(_ v: ValueID) -> Int32? {
        guard f.type(of: v) == .int, let i = immediates[v.index], abs(Int64(i)) < (1 << 30) else { return nil }
        return i * 2 + 1
    }

    /// The operand of `op` that its immediate form absorbs, if any
    /// (`iaddi`/`isubi`, or `ldi` of a boxed small Int).
    func foldedOperand(_ op: Op) -> ValueID? {
        switch op {
        case .binary(.iadd, let x, let y): return immediates[y.index] != nil ? y : immediates[x.index] != nil ? x : nil
        case .binary(.isub, _, let y): return immediates[y.index] != nil ? y : nil
        case .box(let x): return boxedImmediate(x) != nil ? x : nil
        default: return nil
        }
    }

    /// An Int/Bool comparison that ends a block and only feeds its `condbr`.
    struct FusedCompare {
        var op: CmpOp
        var lhs: ValueID
        var rhs: ValueID
        /// the value of `rhs` when it is an immediate constant
        var imm: Int32?
    }

    func fusedCompare(_ block: Block) -> FusedCompare? {
        guard case .condbr(let c, _, _, _, _) = block.terminator, let last = block.insts.last,
              last.result == c, useCount[c.index] == 1,
              case .cmp(let o, let x, let y) = last.op, f.type(of: x) != .float else { return nil }
        if let i = immediates[y.index] { return FusedCompare(op: o, lhs: x, rhs: y, imm: i) }
        if let i = immediates[x.index] { return FusedCompare(op: Selection.mirror(o), lhs: y, rhs: x, imm: i) }
        return FusedCompare(op: o, lhs: x, rhs: y, imm: nil)
    }

    /// The comparison with its operands swapped (a < b ⟺ b > a).
    static func mirror(_ o: CmpOp) -> CmpOp {
        switch o {
        case .eq, .ne: return o
        case .lt: return .gt
        case .le: return .ge
        case .gt: return .lt
        case .ge: return .le
        }
    }
}
