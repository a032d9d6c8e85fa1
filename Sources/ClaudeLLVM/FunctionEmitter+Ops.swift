import CLLVM
import ClaudeIR
import ClaudeRuntime

/// Non-call instructions (docs/IR.md, Instructions).
extension FunctionEmitter {
    func emit(_ inst: Inst) throws {
        let r = inst.result
        if !pendingOverflow.isEmpty && !isPure(inst.op) { flushOverflowChecks() }
        switch inst.op {
        case .constInt(let n): define(r, cg.constI64(signed: n))
        case .constFloat(let d): define(r, LLVMConstReal(t.f64, d))
        case .constBool(let v): define(r, LLVMConstInt(t.i1, v ? 1 : 0, 0))
        case .constNil: define(r, cg.constI64(Imm.nil_))
        case .constEmpty: define(r, cg.constI64(Imm.empty))
        case .constString(let s): define(r, cg.data.string(s))
        case .builtinRef(let name):
            define(r, try cg.builtinClosure(name))
        case .funcRef(let g):
            guard let c = cg.closure(g) else { throw LLVMError("funcref of @\(cg.ir.function(g).name), which captures") }
            define(r, LLVMConstPtrToInt(c, t.i64))

        case .binary(let op, let x, let y):
            define(r, binary(op, value(x), value(y), loc(inst)))
        case .cmp(let op, let x, let y):
            define(r, compare(op, value(x), value(y), type(x)))
        case .unary(let op, let x):
            define(r, unary(op, value(x), loc(inst)))

        case .box(let x):
            define(r, cg.box(value(x), type(x)))
        case .unbox(let x, let to, let checked):
            define(r, cg.unbox(value(x), to: to, checked: checked, loc: loc(inst)))
        case .truthy(let x):
            let v = value(x)
            define(r, LLVMBuildAnd(b, cg.icmp(LLVMIntNE, v, cg.constI64(Imm.nil_)),
                                   cg.icmp(LLVMIntNE, v, cg.constI64(Imm.false_)), "truthy")!)

        case .call, .callClosure, .callAny, .callBuiltin:
            define(r, try emitCall(inst.op, inst.span))
        case .makeClosure(let g, let caps):
            define(r, makeClosure(g, caps))
        case .capture(let i):
            let w = cg.loadWord(value(f.blocks[0].params[0]), offset: Layout.closureFree + 8 * i)
            define(r, cg.fromWord(w, f.captures[i]))

        case .cellNew(let x):
            let v = value(x)
            define(r, type(x).isBoxed ? cg.call(cg.rt.fn("rt_cell_new"), [v])
                                      : cg.call(cg.rt.fn("rt_rawcell_new"), [cg.rawWord(v, type(x))]))
        case .cellNewEmpty:
            define(r, cg.call(cg.rt.fn("rt_cell_new"), [cg.constI64(0)]))
        case .checkInit(let x, let name, let defSpan):
            let v = value(x)
            cg.errorIf(cg.icmp(LLVMIntEQ, v, cg.constI64(0)), "rt_error_uninit",
                       [cg.data.cString(name), cg.data.cString(defSpan.locationText), loc(inst)])
            define(r, v)
        case .cellGet(let c):
            guard case .cell(let inner) = type(c) else { throw LLVMError("cell.get of a non-cell in @\(f.name)") }
            define(r, cg.fromWord(cg.loadWord(value(c), offset: Layout.cellValue), inner))
        case .cellSet(let c, let x):
            cg.storeWord(cg.rawWord(value(x), type(x)), value(c), offset: Layout.cellValue)
            define(r, cg.constI64(Imm.nil_))

        case .globalGet(let g, let checked):
            let w = LLVMBuildLoad2(b, t.i64, cg.globalSlot(g), "")!
            if checked {
                let global = cg.ir.globals[g.index]
                cg.errorIf(cg.icmp(LLVMIntEQ, w, cg.constI64(0)), "rt_error_uninit",
                           [cg.data.cString(global.name), cg.data.cString(global.defSpan.locationText), loc(inst)])
            }
            define(r, w)
        case .globalSet(let g, let x):
            LLVMBuildStore(b, value(x), cg.globalSlot(g))
            define(r, cg.constI64(Imm.nil_))

        case .construct(let c, let fields):
            let obj = cg.call(cg.rt.fn("rt_adt_new"), [cg.ctorDescriptor(c)], name: "adt")
            for (i, x) in fields.enumerated() {
                cg.storeWord(value(x), obj, offset: Layout.adtFields + 8 * i)
            }
            define(r, obj)
        case .cons(let h, let tl):
            let ctor: String
            switch f.type(of: r!) {
            case .list(.int): ctor = "rt_cons_new_i64"
            case .list(.float): ctor = "rt_cons_new_f64"
            default: ctor = "rt_cons_new"
            }
            define(r, cg.call(cg.rt.fn(ctor), [value(h), value(tl)], name: "cons"))
        case .test(let x, let shape):
            if shape == .cons, f.type(of: x).listElement != nil {
                // a list is [] or a cell
                define(r, cg.icmp(LLVMIntNE, value(x), cg.constI64(Imm.empty)))
            } else {
                define(r, test(value(x), shape))
            }
        case .ctorTag(let x, let adt):
            define(r, ctorTag(value(x), adt))
        case .load(let x, let field):
            switch field {
            case .head:
                switch f.type(of: x) {
                case .list(.int): define(r, cg.loadWord(value(x), offset: Layout.consHead))
                case .list(.float): define(r, cg.loadWord(value(x), offset: Layout.consHead, type: t.f64))
                default: define(r, anyHead(value(x)))
                }
            case .tail: define(r, cg.loadWord(value(x), offset: Layout.consTail))
            case .item(let i): define(r, cg.loadWord(value(x), offset: Layout.recordFields + 8 * i))
            case .field(let i): define(r, cg.loadWord(value(x), offset: Layout.adtFields + 8 * i))
            }
        }
    }

    /// The head of a cell of any kind as an rt_val: loaded from a val cell,
    /// boxed by the runtime from a raw one.
    func anyHead(_ v: LLVMValueRef) -> LLVMValueRef {
        let header = LLVMBuildAnd(b, cg.loadWord(v, offset: 0), cg.constI64(signed: ~1), "")!
        let isVal = cg.icmp(LLVMIntEQ, header, LLVMConstPtrToInt(cg.rt.global("rt_type_cons"), t.i64))
        return cg.diamond(isVal, t.i64, "head", fast: { cg.loadWord(v, offset: Layout.consHead) },
                          slow: { cg.call(cg.rt.fn("rt_field_get"), [v, cg.constI64(0)]) })
    }

    /// `ctor.tag v, T`: a pointer whose descriptor lies in T's run of
    /// `claude_ctors` has the descriptor's tag; anything else is -1.
    func ctorTag(_ v: LLVMValueRef, _ adt: Int) -> LLVMValueRef {
        let count = cg.ir.adts[adt].constructors.count
        let first = LLVMConstPtrToInt(cg.ctorDescriptor(CtorRef(adt: adt, ctor: 0)), t.i64)!
        let end = LLVMConstPtrToInt(cg.ctorDescriptor(CtorRef(adt: adt, ctor: count - 1)), t.i64)!
        let entry = LLVMGetInsertBlock(b)!
        let check = cg.newBlock("tag.check"), load = cg.newBlock("tag.load"), done = cg.newBlock("tag.done")
        LLVMBuildCondBr(b, cg.isPointer(v), check, done)
        LLVMPositionBuilderAtEnd(b, check)
        let desc = LLVMBuildAnd(b, cg.loadWord(v, offset: 0), cg.constI64(signed: ~1), "")!
        let inRange = LLVMBuildAnd(b, cg.icmp(LLVMIntUGE, desc, first), cg.icmp(LLVMIntULE, desc, end), "")!
        LLVMBuildCondBr(b, inRange, load, done)
        LLVMPositionBuilderAtEnd(b, load)
        let tagPtr = LLVMBuildIntToPtr(b, LLVMBuildAdd(b, desc, cg.constI64(UInt64(Layout.typeTag)), "")!, t.ptr, "")!
        let tag32 = LLVMBuildLoad2(b, t.i32, tagPtr, "tag")!
        let tag = LLVMBuildZExt(b, tag32, t.i64, "")!
        LLVMBuildBr(b, done)
        LLVMPositionBuilderAtEnd(b, done)
        let phi = LLVMBuildPhi(b, t.i64, "ctortag")!
        cg.addIncoming(phi, cg.constI64(signed: -1), entry)
        cg.addIncoming(phi, cg.constI64(signed: -1), check)
        cg.addIncoming(phi, tag, load)
        return phi
    }

    /// `test v, shape`: the empty list is one word; every other shape is a
    /// pointer whose header names the descriptor (a list cell: one of three,
    /// so its kind; a tuple: also its item count).
    func test(_ v: LLVMValueRef, _ shape: ShapeTest) -> LLVMValueRef {
        switch shape {
        case .empty: return cg.icmp(LLVMIntEQ, v, cg.constI64(Imm.empty))
        case .fixnum: return LLVMBuildTrunc(b, v, t.i1, "fixnum")!
        case .cons:
            // claude_rt.h LISTS: compare the descriptor's kind
            return ifPointer(v) { header in
                let kindPtr = LLVMBuildIntToPtr(b, LLVMBuildAdd(b, header, cg.constI64(UInt64(Layout.typeKind)), "")!, t.ptr, "")!
                let kind = LLVMBuildLoad2(b, t.i32, kindPtr, "kind")!
                return cg.icmp(LLVMIntEQ, kind, LLVMConstInt(t.i32, UInt64(RT_K_CONS.rawValue), 0))
            }
        case .tuple(let n):
            return ifPointer(v) { header in
                let ok = cg.icmp(LLVMIntEQ, header, LLVMConstPtrToInt(cg.rt.global("rt_type_tuple"), t.i64))
                // the count is read only from a tuple (a select keeps the load unconditional but safe)
                let count = cg.loadWord(v, offset: Layout.recordCount)
                return LLVMBuildAnd(b, ok, cg.icmp(LLVMIntEQ, count, cg.constI64(UInt64(n))), "")!
            }
        case .ctor(let c):
            return ifPointer(v) { header in cg.icmp(LLVMIntEQ, header, LLVMConstPtrToInt(cg.ctorDescriptor(c), t.i64)) }
        }
    }

    /// False for a non-pointer; for a pointer, `check` of its header's
    /// descriptor address (mark bit cleared).
    private func ifPointer(_ v: LLVMValueRef, _ check: (LLVMValueRef) -> LLVMValueRef) -> LLVMValueRef {
        let entry = LLVMGetInsertBlock(b)!
        let checkB = cg.newBlock("shape.check"), done = cg.newBlock("shape.done")
        LLVMBuildCondBr(b, cg.isPointer(v), checkB, done)
        LLVMPositionBuilderAtEnd(b, checkB)
        let header = LLVMBuildAnd(b, cg.loadWord(v, offset: 0), cg.constI64(signed: ~1), "")!
        let ok = check(header)
        let checkEnd = LLVMGetInsertBlock(b)!
        LLVMBuildBr(b, done)
        LLVMPositionBuilderAtEnd(b, done)
        let phi = LLVMBuildPhi(b, t.i1, "shape")!
        cg.addIncoming(phi, LLVMConstInt(t.i1, 0, 0), entry)
        cg.addIncoming(phi, ok, checkEnd)
        return phi
    }

    func loc(_ inst: Inst) -> LLVMValueRef { cg.data.location(inst.span) }

    // MARK: - arithmetic

    private func binary(_ op: BinOp, _ x: LLVMValueRef, _ y: LLVMValueRef, _ loc: LLVMValueRef) -> LLVMValueRef {
        switch op {
        case .iadd: return checked("llvm.sadd.with.overflow", x, y, loc)
        case .isub: return checked("llvm.ssub.with.overflow", x, y, loc)
        case .imul: return checked("llvm.smul.with.overflow", x, y, loc)
        case .idiv, .iquot:
            // a constant divisor other than 0 and -1 needs neither check
            let c = constantValue(y)
            if c == nil || c == 0 { checkDivisor(y, loc) }
            if c == nil || c == -1 {
                cg.errorIf(LLVMBuildAnd(b, isMinInt(x), isMinusOne(y), "")!, "rt_error_overflow", [loc])
            }
            let q = LLVMBuildSDiv(b, x, y, "")!
            guard op == .idiv else { return q }
            // floor: one less when the remainder is nonzero and its sign differs from the divisor's
            let adjust = needsFloorAdjust(LLVMBuildSRem(b, x, y, "")!, y, c)
            return LLVMBuildSub(b, q, LLVMBuildZExt(b, adjust, t.i64, "")!, "")
        case .imod, .irem:
            let c = constantValue(y)
            if c == nil || c == 0 { checkDivisor(y, loc) }
            // x rem -1 is 0 for every x (INT_MIN included): divide by 1 instead
            let safe = c == nil ? LLVMBuildSelect(b, isMinusOne(y), cg.constI64(1), y, "")! : (c == -1 ? cg.constI64(1) : y)
            let rem = LLVMBuildSRem(b, x, safe, "")!
            guard op == .imod else { return rem }
            let adjust = needsFloorAdjust(rem, y, c)
            return LLVMBuildAdd(b, rem, LLVMBuildSelect(b, adjust, y, cg.constI64(0), "")!, "")
        case .fadd: return LLVMBuildFAdd(b, x, y, "")
        case .fsub: return LLVMBuildFSub(b, x, y, "")
        case .fmul: return LLVMBuildFMul(b, x, y, "")
        case .fdiv: return LLVMBuildFDiv(b, x, y, "")
        }
    }

    /// An `llvm.s*.with.overflow` operation; overflow raises integer-overflow.
    /// In compact code the check is deferred (see `flushOverflowChecks`).
    private func checked(_ intrinsic: String, _ x: LLVMValueRef, _ y: LLVMValueRef, _ loc: LLVMValueRef) -> LLVMValueRef {
        let pair = cg.call(cg.intrinsic(intrinsic, [t.i64]), [x, y])
        let overflow = LLVMBuildExtractValue(b, pair, 1, "ovf")!
        if cg.compact {
            pendingOverflow.append((overflow, loc))
        } else {
            cg.errorIf(overflow, "rt_error_overflow", [loc])
        }
        return LLVMBuildExtractValue(b, pair, 0, "")
    }

    /// Raises integer-overflow at the first of the pending checked operations
    /// that overflowed. Compact code defers the checks of a run of pure
    /// instructions to one branch before the next instruction that has an
    /// effect, may raise an error or ends the block: nothing observable
    /// happens in between, the wrapped results of the intrinsics are
    /// well-defined, and pure instructions never trap (divisions that need a
    /// check are not pure), so the program behaves as if each check came
    /// right after its operation.
    /// `otherwise`: end the block with the check, continuing there (the
    /// caller adds the incoming values of its phis).
    func flushOverflowChecks(otherwise: LLVMBasicBlockRef? = nil) {
        guard let last = pendingOverflow.last else {
            if let otherwise { LLVMBuildBr(b, otherwise) }
            return
        }
        var any = last.overflow, loc = last.loc
        for (overflow, l) in pendingOverflow.dropLast().reversed() {
            any = LLVMBuildOr(b, overflow, any, "")!
            loc = LLVMBuildSelect(b, overflow, l, loc, "")!
        }
        pendingOverflow.removeAll()
        if let otherwise {
            cg.errorBranch(any, "rt_error_overflow", [loc], otherwise: otherwise)
        } else {
            cg.errorIf(any, "rt_error_overflow", [loc])
        }
    }

    /// Operations without effects that cannot raise an error or trap and
    /// emit no blocks: overflow checks may be deferred across them.
    private func isPure(_ op: Op) -> Bool {
        switch op {
        case .constInt, .constFloat, .constBool, .constNil, .constString, .constEmpty, .builtinRef, .funcRef,
             .cmp, .unary, .truthy, .capture, .cellGet:
            return true
        case .binary(let op, _, let y):
            switch op {
            case .iadd, .isub, .imul, .fadd, .fsub, .fmul, .fdiv: return true
            // a constant divisor other than 0 and -1 needs no check
            case .idiv, .imod, .iquot, .irem: return constantValue(value(y)).map { $0 != 0 && $0 != -1 } ?? false
            }
        default:
            return false
        }
    }

    private func checkDivisor(_ y: LLVMValueRef, _ loc: LLVMValueRef) {
        cg.errorIf(cg.icmp(LLVMIntEQ, y, cg.constI64(0)), "rt_error_div_zero", [loc])
    }

    private func isMinInt(_ x: LLVMValueRef) -> LLVMValueRef { cg.icmp(LLVMIntEQ, x, cg.constI64(signed: Int64.min)) }
    private func isMinusOne(_ y: LLVMValueRef) -> LLVMValueRef { cg.icmp(LLVMIntEQ, y, cg.constI64(signed: -1)) }

    /// rem != 0 && (rem ^ divisor) < 0; for a constant divisor `c`: rem < 0 (c > 0) or rem > 0 (c < 0).
    private func needsFloorAdjust(_ rem: LLVMValueRef, _ y: LLVMValueRef, _ c: Int64?) -> LLVMValueRef {
        if let c, c != 0 { return cg.icmp(c > 0 ? LLVMIntSLT : LLVMIntSGT, rem, cg.constI64(0)) }
        let signsDiffer = cg.icmp(LLVMIntSLT, LLVMBuildXor(b, rem, y, "")!, cg.constI64(0))
        return LLVMBuildAnd(b, cg.icmp(LLVMIntNE, rem, cg.constI64(0)), signsDiffer, "")!
    }

    /// The value of an i64 constant operand.
    private func constantValue(_ v: LLVMValueRef) -> Int64? {
        LLVMIsAConstantInt(v) != nil ? LLVMConstIntGetSExtValue(v) : nil
    }

    private func compare(_ op: CmpOp, _ x: LLVMValueRef, _ y: LLVMValueRef, _ type: IRType) -> LLVMValueRef {
        switch type {
        case .float:
            let p: LLVMRealPredicate
            switch op {
            case .eq: p = LLVMRealOEQ
            case .ne: p = LLVMRealUNE
            case .lt: p = LLVMRealOLT
            case .le: p = LLVMRealOLE
            case .gt: p = LLVMRealOGT
            case .ge: p = LLVMRealOGE
            }
            return LLVMBuildFCmp(b, p, x, y, "")
        default:
            // Int: signed; Bool: false < true (unsigned on i1)
            let signed = type == .int
            let p: LLVMIntPredicate
            switch op {
            case .eq: p = LLVMIntEQ
            case .ne: p = LLVMIntNE
            case .lt: p = signed ? LLVMIntSLT : LLVMIntULT
            case .le: p = signed ? LLVMIntSLE : LLVMIntULE
            case .gt: p = signed ? LLVMIntSGT : LLVMIntUGT
            case .ge: p = signed ? LLVMIntSGE : LLVMIntUGE
            }
            return cg.icmp(p, x, y)
        }
    }

    private func unary(_ op: UnaryOp, _ x: LLVMValueRef, _ loc: LLVMValueRef) -> LLVMValueRef {
        switch op {
        case .ineg: return checked("llvm.ssub.with.overflow", cg.constI64(0), x, loc)
        case .fneg: return LLVMBuildFNeg(b, x, "")
        case .itof: return LLVMBuildSIToFP(b, x, t.f64, "")
        case .bnot: return LLVMBuildNot(b, x, "")
        }
    }

    // MARK: - closures

    /// `closure @g[caps]`: rt_closure_new, then the captured words.
    private func makeClosure(_ g: FuncID, _ caps: [ValueID]) -> LLVMValueRef {
        let c = cg.call(cg.rt.fn("rt_closure_new"), [cg.function(g).value, cg.info(g)], name: "closure")
        for (i, cap) in caps.enumerated() {
            cg.storeWord(cg.rawWord(value(cap), type(cap)), c, offset: Layout.closureFree + 8 * i)
        }
        return c
    }
}
