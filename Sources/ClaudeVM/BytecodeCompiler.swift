import ClaudeSyntax
import ClaudeIR
import ClaudeRuntime

/// Compiles an IR module to bytecode: registers per function
/// (`RegisterAllocator`), one instruction (or a few) per IR instruction,
/// block parameters as parallel moves at the branches.
public enum BytecodeCompiler {
    public static func compile(_ m: IRModule) throws -> BytecodeProgram {
        let builder = ProgramBuilder(m)
        for f in m.functions {
            var fc = FunctionCompiler(f, builder: builder)
            try fc.compile()
        }
        return builder.program
    }
}

/// Emits the code of one function into the program.
struct FunctionCompiler {
    let f: IRFunction
    let b: ProgramBuilder
    let sel: Selection
    let layout: FrameLayout
    var info: FunctionInfo
    /// block → code offset of its first instruction
    var blockOffset: [Int: Int32] = [:]
    /// code positions holding a block number to be replaced by its offset
    var fixups: [(at: Int, block: Int)] = []

    init(_ f: IRFunction, builder: ProgramBuilder) {
        self.f = f
        b = builder
        sel = Selection(f)
        layout = RegisterAllocator.allocate(f, order: sel.order, outCount: sel.outCount, elided: sel.elided)
        info = FunctionInfo(name: f.name, displayName: f.displayName)
    }

    var code: [Int32] {
        get { b.program.code }
        _modify { yield &b.program.code }
    }

    mutating func compile() throws {
        info.entry = Int32(code.count)
        let order = sel.order
        for (i, bi) in order.enumerated() {
            blockOffset[bi] = Int32(code.count)
            info.labels[Int32(code.count)] = bi
            let block = f.blocks[bi]
            let fused = sel.fusedCompare(block)
            for (k, inst) in block.insts.enumerated() where !(fused != nil && k == block.insts.count - 1) {
                try emit(inst)
            }
            try emitTerminator(block.terminator, fused: fused.map(condition), next: i + 1 < order.count ? order[i + 1] : nil)
        }
        for fx in fixups { code[fx.at] = blockOffset[fx.block]! }
        info.end = Int32(code.count)
        finishInfo()
        b.program.functions.append(info)
    }

    /// Frame layout, calling-convention tables and names for the disassembly.
    mutating func finishInfo() {
        info.nparams = layout.nparams
        info.outStart = layout.outStart
        info.zeroEnd = layout.zeroEnd
        info.scratch = layout.scratch
        info.frameSize = layout.frameSize
        info.ptrRegs = layout.ptrRegs
        info.paramConvs = f.paramTypes.map(Conv.unbox(to:))
        info.retBox = Conv.box(f.returnType)
        info.sig = b.signature(Signature(params: f.paramTypes.map(Conv.box), ret: Conv.box(f.returnType)))
        info.captureBoxed = f.captures.map(\.isBoxed)
        let names = IRPrinter.valueNames(f)
        for (v, r) in layout.reg.enumerated() where r >= 0 && f.valueNames[v] != nil {
            info.registerNames[r, default: []].append(names[v])
        }
    }

    // MARK: - emission helpers

    mutating func emit(_ op: Opcode, _ operands: [Int32]) {
        code.append(op.rawValue)
        code += operands
    }

    mutating func emit(_ op: Opcode, _ operands: Int32...) { emit(op, operands) }

    func r(_ v: ValueID) -> Int32 { layout.reg[v.index] }
    func dst(_ inst: Inst) -> Int32 { inst.result.map(r) ?? layout.scratch }
    func loc(_ span: ClaudeSyntax.Span) -> Int32 { b.cstring(span.locationText) }

    mutating func mov(_ d: Int32, _ s: Int32) {
        if d != s { emit(.mov, d, s) }
    }

    /// Emits a jump whose target (the last operand) is filled in later;
    /// returns the position of that operand.
    mutating func emitJump(_ op: Opcode, _ operands: [Int32]) -> Int {
        emit(op, operands + [-1])
        return code.count - 1
    }

    /// A jump to `block`, patched once all block offsets are known.
    mutating func emitJump(_ op: Opcode, _ operands: [Int32], to block: Int) {
        fixups.append((at: emitJump(op, operands), block: block))
    }

    // MARK: - instructions

    mutating func emit(_ inst: Inst) throws {
        let d = dst(inst)
        switch inst.op {
        case .constInt(let n):
            if let r = inst.result, sel.elided.contains(r.index) { break }   // only used as immediates
            if let i = Int32(exactly: n) { emit(.ldi, d, i) } else { emit(.ldk, d, b.rawConst(RawConst(bits: UInt64(bitPattern: n), isFloat: false))) }
        case .constFloat(let x): emit(.ldk, d, b.rawConst(RawConst(bits: x.bitPattern, isFloat: true)))
        case .constBool(let x): emit(.ldi, d, x ? 1 : 0)
        case .constNil: emit(.ldi, d, Int32(VMWord.nil_))
        case .constEmpty: emit(.ldi, d, Int32(VMWord.empty))
        case .constString(let s): emit(.ldv, d, b.valConst(.string(s)))
        case .builtinRef(let name): emit(.ldv, d, b.valConst(.builtin(Int(try b.builtin(name)))))
        case .funcRef(let g): emit(.ldv, d, b.valConst(.funcref(g.index)))
        case .binary(let o, let x, let y) where sel.foldedOperand(inst.op) != nil:
            let k = sel.foldedOperand(inst.op)!
            emit(o == .iadd ? .iaddi : .isubi, d, r(k == y ? x : y), sel.immediates[k.index]!, loc(inst.span))
        case .binary(let o, let x, let y):
            let (op, checked) = FunctionCompiler.binaryOpcode(o)
            emit(op, checked ? [d, r(x), r(y), loc(inst.span)] : [d, r(x), r(y)])
        case .cmp(let o, let x, let y):
            emit(FunctionCompiler.compareOpcode(o, float: f.type(of: x) == .float), d, r(x), r(y))
        case .unary(let o, let x):
            switch o {
            case .ineg: emit(.ineg, d, r(x), loc(inst.span))
            case .fneg: emit(.fneg, d, r(x))
            case .itof: emit(.itof, d, r(x))
            case .bnot: emit(.bnot, d, r(x))
            }
        case .box(let x) where sel.boxedImmediate(x) != nil:
            emit(.ldi, d, sel.boxedImmediate(x)!)
        case .box(let x):
            switch Conv.box(f.type(of: x)) {
            case .int: emit(.boxi, d, r(x))
            case .float: emit(.boxf, d, r(x))
            case .bool: emit(.boxb, d, r(x))
            default: mov(d, r(x))
            }
        case .unbox(let x, let t, let checked):
            emitUnbox(d, r(x), Conv.unbox(to: t), checked: checked, span: inst.span)
        case .truthy(let x): emit(.truthy, d, r(x))
        case .call, .callClosure, .callAny, .callBuiltin:
            try emitCall(inst.op, dst: d, span: inst.span, tail: false)
        case .makeClosure(let g, let caps): emit(.closure, [d, Int32(g.index), Int32(caps.count)] + caps.map(r))
        case .capture(let i): emit(.capture, d, Int32(i))
        case .cellNew(let x): emit(f.type(of: x).isBoxed ? .cellnew : .rawcellnew, d, r(x))
        case .cellNewEmpty: emit(.cellnewempty, d)
        case .cellGet(let c): emit(.cellget, d, r(c))
        case .cellSet(let c, let x): emit(.cellset, d, r(c), r(x))
        case .checkInit(let x, let name, let defSpan):
            emit(.checkinit, d, r(x), b.cstring(name), b.cstring(defSpan.locationText), loc(inst.span))
        case .globalGet(let g, let checked):
            if checked { emit(.ggetc, d, Int32(g.index), loc(inst.span)) } else { emit(.gget, d, Int32(g.index)) }
        case .globalSet(let g, let x): emit(.gset, d, Int32(g.index), r(x))
        case .construct(let c, let fields):
            emit(.construct, [d, b.ctorIndex(c), Int32(fields.count)] + fields.map(r))
        case .test(let x, let shape):
            switch shape {
            case .empty: emit(.testshape, d, r(x), 0, 0)
            case .cons where f.type(of: x).listElement != nil:
                // a list is [] or a cell
                emit(.testshape, d, r(x), 0, 0)
                emit(.bnot, d, d)
            case .cons: emit(.testshape, d, r(x), 1, 0)
            case .tuple(let n): emit(.testshape, d, r(x), 2, Int32(n))
            case .ctor(let c): emit(.testshape, d, r(x), 3, b.ctorIndex(c))
            case .fixnum: emit(.testshape, d, r(x), 4, 0)
            }
        case .cons(let h, let t):
            let repr: rt_repr
            switch f.type(of: inst.result!) {
            case .list(.int): repr = RT_R_I64
            case .list(.float): repr = RT_R_F64
            default: repr = RT_R_VAL
            }
            emit(.consnew, d, r(h), r(t), Int32(repr.rawValue))
        case .load(let x, .head) where Op.loadType(f.type(of: x), .head) == .any:
            emit(.loadhead, d, r(x))
        case .ctorTag(let x, let adt):
            emit(.ctortag, d, r(x), b.ctorIndex(CtorRef(adt: adt, ctor: 0)), Int32(b.module.adts[adt].constructors.count))
        case .load(let x, let field):
            emit(.loadw, d, r(x), Int32(FunctionCompiler.wordIndex(field)))
        }
    }

    mutating func emitUnbox(_ d: Int32, _ x: Int32, _ conv: Conv, checked: Bool, span: ClaudeSyntax.Span) {
        switch (conv, checked) {
        case (.int, true): emit(.unboxi, d, x, loc(span))
        case (.float, true): emit(.unboxf, d, x, loc(span))
        case (.bool, true): emit(.unboxb, d, x, loc(span))
        case (.int, false): emit(.unboxiU, d, x)
        case (.float, false): emit(.unboxfU, d, x)
        case (.bool, false): emit(.unboxbU, d, x)
        case (.none, _), (_, false): mov(d, x)
        default: emit(.check, d, x, conv.rawValue, loc(span))
        }
    }

    /// Calls and tail calls. Argument lists start with the callee's self.
    mutating func emitCall(_ op: Op, dst d: Int32, span: ClaudeSyntax.Span, tail: Bool) throws {
        let l = loc(span)
        switch op {
        case .call(let g, let args):
            if tail && g == f.id {
                // self tail call: rebind the parameters and loop
                let moves = zip(0..., args).map { Move(dst: Int32($0.0), src: r($0.1)) }
                for m in ParallelMoves.sequentialize(moves, temp: layout.scratch) { mov(m.dst, m.src) }
                emit(.jmp, info.entry)
            } else if tail {
                emit(.tcall, [Int32(g.index), Int32(args.count)] + args.map(r) + [l])
            } else {
                emit(.call, [d, Int32(g.index), Int32(args.count)] + args.map(r) + [l])
            }
        case .callClosure(let c, let args):
            guard case .fn(_, let ret) = f.type(of: c) else { preconditionFailure("call.closure of a non-Fn value") }
            let sig = b.signature(ofClosureType: f.type(of: c))
            let all = [c] + args
            emit(tail ? .tcallc : .callc,
                 [d, sig, Conv.unbox(to: ret).rawValue, Int32(all.count)] + all.map(r) + [l])
            if tail { emit(.ret, d) }
        case .callAny(let c, let args):
            let all = [c] + args
            emit(tail ? .tcalla : .calla, [d, Int32(all.count)] + all.map(r) + [l])
            if tail { emit(.ret, d) }
        case .callBuiltin(let name, let args):
            emit(.callb, [d, try b.builtin(name), Int32(args.count)] + args.map(r) + [l])
        default:
            preconditionFailure("not a call: \(op)")
        }
    }

    /// The word index of a field in its object (header = word 0).
    static func wordIndex(_ field: FieldRef) -> Int {
        switch field {
        case .head: return MemoryLayout<rt_cons>.offset(of: \rt_cons.head)! / 8
        case .tail: return MemoryLayout<rt_cons>.offset(of: \rt_cons.tail)! / 8
        case .item(let i): return MemoryLayout<rt_record>.size / 8 + i
        case .field(let i): return MemoryLayout<rt_adt>.size / 8 + i
        }
    }

    static func binaryOpcode(_ o: BinOp) -> (Opcode, checked: Bool) {
        switch o {
        case .iadd: return (.iadd, true)
        case .isub: return (.isub, true)
        case .imul: return (.imul, true)
        case .idiv: return (.idiv, true)
        case .imod: return (.imod, true)
        case .iquot: return (.iquot, true)
        case .irem: return (.irem, true)
        case .fadd: return (.fadd, false)
        case .fsub: return (.fsub, false)
        case .fmul: return (.fmul, false)
        case .fdiv: return (.fdiv, false)
        }
    }

    static func compareOpcode(_ o: CmpOp, float: Bool) -> Opcode {
        switch o {
        case .eq: return float ? .feq : .ieq
        case .ne: return float ? .fne : .ine
        case .lt: return float ? .flt : .ilt
        case .le: return float ? .fle : .ile
        case .gt: return float ? .fgt : .igt
        case .ge: return float ? .fge : .ige
        }
    }

    // MARK: - terminators

    /// A branch condition: a Bool register, or an Int/Bool comparison fused
    /// into the jump (with a register or an immediate right operand).
    enum Condition {
        case reg(Int32)
        case compare(CmpOp, Int32, Int32)
        case compareImm(CmpOp, Int32, Int32)
    }

    func condition(_ fc: Selection.FusedCompare) -> Condition {
        fc.imm.map { .compareImm(fc.op, r(fc.lhs), $0) } ?? .compare(fc.op, r(fc.lhs), r(fc.rhs))
    }

    mutating func emitTerminator(_ t: Terminator, fused: Condition?, next: Int?) throws {
        switch t {
        case .br(let target, let args):
            emitEdge(target, args, next: next)
        case .condbr(let c, let tb, let targs, let eb, let eargs):
            let cond = fused ?? .reg(r(c))
            let tMoves = edgeMoves(tb, targs), eMoves = edgeMoves(eb, eargs)
            if tMoves.isEmpty && eMoves.isEmpty && tb.index == next {
                fixups.append((at: emitJumpIf(cond, negated: true), block: eb.index))
            } else if tMoves.isEmpty {
                fixups.append((at: emitJumpIf(cond, negated: false), block: tb.index))
                emitEdge(eb, eargs, next: next)
            } else if eMoves.isEmpty {
                fixups.append((at: emitJumpIf(cond, negated: true), block: eb.index))
                emitEdge(tb, targs, next: next)
            } else {
                // both edges move values: jump over the true edge's moves
                let overTrueEdge = emitJumpIf(cond, negated: true)
                emitEdge(tb, targs, next: nil)
                code[overTrueEdge] = Int32(code.count)
                emitEdge(eb, eargs, next: next)
            }
        case .switch_(let v, let cases, let d):
            // a compare-and-jump per case (matches test a few constructors)
            for (k, target) in cases {
                if let i = Int32(exactly: k) {
                    fixups.append((at: emitJump(.jieqi, [r(v), i]), block: target.index))
                }
            }
            if d.index != next { emitJump(.jmp, [], to: d.index) }
        case .ret(let v):
            emit(.ret, r(v))
        case .tailcall(let op, let span):
            // the result of a tail call's non-VM path goes through scratch to its `ret`
            try emitCall(op, dst: layout.scratch, span: span, tail: true)
        case .unreachable:
            emit(.unreachable, loc(f.span))
        }
    }

    func edgeMoves(_ target: BlockID, _ args: [ValueID]) -> [Move] {
        zip(f.blocks[target.index].params, args).map { Move(dst: r($0.0), src: r($0.1)) }
    }

    /// Block-argument moves, then a jump unless the target comes next.
    mutating func emitEdge(_ target: BlockID, _ args: [ValueID], next: Int?) {
        for m in ParallelMoves.sequentialize(edgeMoves(target, args), temp: layout.scratch) { mov(m.dst, m.src) }
        if target.index != next { emitJump(.jmp, [], to: target.index) }
    }

    /// A conditional jump with its target left open (see `emitJump`).
    mutating func emitJumpIf(_ cond: Condition, negated: Bool) -> Int {
        switch cond {
        case .reg(let c):
            return emitJump(negated ? .jf : .jt, [c])
        case .compare(let o, let x, let y):
            return emitJump(FunctionCompiler.jumpOpcode(negated ? FunctionCompiler.negate(o) : o, immediate: false), [x, y])
        case .compareImm(let o, let x, let i):
            return emitJump(FunctionCompiler.jumpOpcode(negated ? FunctionCompiler.negate(o) : o, immediate: true), [x, i])
        }
    }

    static func jumpOpcode(_ o: CmpOp, immediate: Bool) -> Opcode {
        switch o {
        case .eq: return immediate ? .jieqi : .jieq
        case .ne: return immediate ? .jinei : .jine
        case .lt: return immediate ? .jilti : .jilt
        case .le: return immediate ? .jilei : .jile
        case .gt: return immediate ? .jigti : .jigt
        case .ge: return immediate ? .jigei : .jige
        }
    }

    /// The complement of an Int comparison.
    static func negate(_ o: CmpOp) -> CmpOp {
        switch o {
        case .eq: return .ne
        case .ne: return .eq
        case .lt: return .ge
        case .le: return .gt
        case .gt: return .le
        case .ge: return .lt
        }
    }
}

