import CLLVM
import ClaudeIR
import ClaudeRuntime

/// Instruction-building helpers shared by function bodies and wrappers: calls,
/// control flow for checks, object field access, boxing and unboxing. They
/// emit at the builder's current position.
extension Codegen {
    func constI64(_ v: UInt64) -> LLVMValueRef { LLVMConstInt(t.i64, v, 0) }
    func constI64(signed v: Int64) -> LLVMValueRef { LLVMConstInt(t.i64, UInt64(bitPattern: v), 1) }

    @discardableResult
    func call(_ f: LLFunction, _ args: [LLVMValueRef], cc: UInt32? = nil, name: String = "") -> LLVMValueRef {
        callIndirect(f.type, f.value, args, cc: cc, name: name)
    }

    @discardableResult
    func callIndirect(_ type: LLVMTypeRef, _ callee: LLVMValueRef, _ args: [LLVMValueRef],
                      cc: UInt32? = nil, name: String = "") -> LLVMValueRef {
        let isVoid = LLVMGetReturnType(type) == t.void
        let c = withRefs(args) { LLVMBuildCall2(builder, type, callee, $0, $1, isVoid ? "" : name)! }
        if let cc { LLVMSetInstructionCallConv(c, cc) }
        return c
    }

    // MARK: - control flow

    var currentFunction: LLVMValueRef { LLVMGetBasicBlockParent(LLVMGetInsertBlock(builder)) }

    func newBlock(_ name: String) -> LLVMBasicBlockRef {
        LLVMAppendBasicBlockInContext(ctx, currentFunction, name)
    }

    /// `if cond { fn(args); unreachable }`, continuing in a new block. `fn` is
    /// a noreturn runtime error function. All the checks of one function that
    /// raise through the same `fn` share one cold block, which receives the
    /// arguments through phis: one block per check instead of two keeps the
    /// optimiser's and the instruction selector's work (per block) down.
    func errorIf(_ cond: LLVMValueRef, _ fn: String, _ args: [LLVMValueRef]) {
        let ok = newBlock("ok")
        errorBranch(cond, fn, args, otherwise: ok)
        LLVMPositionBuilderAtEnd(builder, ok)
    }

    /// Terminates the current block with `if cond { fn(args); unreachable } else { goto otherwise }`.
    func errorBranch(_ cond: LLVMValueRef, _ fn: String, _ args: [LLVMValueRef], otherwise: LLVMBasicBlockRef) {
        let here = LLVMGetInsertBlock(builder)!
        let sink = errorSink(fn, args.map { LLVMTypeOf($0) })
        LLVMBuildCondBr(builder, cond, sink.block, otherwise)
        for (phi, a) in zip(sink.phis, args) { addIncoming(phi, a, here) }
    }

    /// The shared error block of `fn` in the current function (created on first use).
    private func errorSink(_ fn: String, _ types: [LLVMTypeRef]) -> ErrorSink {
        let function = currentFunction
        if errorSinks.function != function { errorSinks = (function, [:]) }
        if let s = errorSinks.sinks[fn] { return s }
        let here = LLVMGetInsertBlock(builder)!
        let loc = LLVMGetCurrentDebugLocation2(builder)
        LLVMSetCurrentDebugLocation2(builder, nil)
        let block = newBlock("error")
        LLVMPositionBuilderAtEnd(builder, block)
        let phis = types.map { LLVMBuildPhi(builder, $0, "")! }
        call(rt.fn(fn), phis)
        LLVMBuildUnreachable(builder)
        LLVMPositionBuilderAtEnd(builder, here)
        LLVMSetCurrentDebugLocation2(builder, loc)
        let s = ErrorSink(block: block, phis: phis)
        errorSinks.sinks[fn] = s
        return s
    }

    /// `cond ? fastValue : slow()`, where `fastValue` has already been
    /// computed (it must be safe to compute unconditionally): only the slow
    /// path gets a block of its own.
    func fastOrSlow(_ cond: LLVMValueRef, _ fastValue: LLVMValueRef, _ type: LLVMTypeRef, _ name: String,
                    slow: () -> LLVMValueRef) -> LLVMValueRef {
        let here = LLVMGetInsertBlock(builder)!
        let slowB = newBlock("\(name).slow"), merge = newBlock("\(name).done")
        LLVMBuildCondBr(builder, cond, merge, slowB)
        LLVMPositionBuilderAtEnd(builder, slowB)
        let b = slow()
        let bEnd = LLVMGetInsertBlock(builder)!
        LLVMBuildBr(builder, merge)
        LLVMPositionBuilderAtEnd(builder, merge)
        let phi = LLVMBuildPhi(builder, type, name)!
        addIncoming(phi, fastValue, here)
        addIncoming(phi, b, bEnd)
        return phi
    }

    /// Two-way diamond: `cond ? fast() : slow()`, merged with a phi of `type`.
    func diamond(_ cond: LLVMValueRef, _ type: LLVMTypeRef, _ name: String,
                 fast: () -> LLVMValueRef, slow: () -> LLVMValueRef) -> LLVMValueRef {
        let fastB = newBlock("\(name).fast"), slowB = newBlock("\(name).slow"), merge = newBlock("\(name).done")
        LLVMBuildCondBr(builder, cond, fastB, slowB)
        LLVMPositionBuilderAtEnd(builder, fastB)
        let a = fast()
        let aEnd = LLVMGetInsertBlock(builder)!
        LLVMBuildBr(builder, merge)
        LLVMPositionBuilderAtEnd(builder, slowB)
        let b = slow()
        let bEnd = LLVMGetInsertBlock(builder)!
        LLVMBuildBr(builder, merge)
        LLVMPositionBuilderAtEnd(builder, merge)
        let phi = LLVMBuildPhi(builder, type, name)!
        addIncoming(phi, a, aEnd)
        addIncoming(phi, b, bEnd)
        return phi
    }

    func addIncoming(_ phi: LLVMValueRef, _ v: LLVMValueRef, _ from: LLVMBasicBlockRef) {
        var v: LLVMValueRef? = v
        var from: LLVMBasicBlockRef? = from
        LLVMAddIncoming(phi, &v, &from, 1)
    }

    func icmp(_ p: LLVMIntPredicate, _ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef {
        LLVMBuildICmp(builder, p, a, b, "")
    }

    // MARK: - objects

    /// A pointer to the byte at `offset` in the object `v` (an rt_val).
    func fieldPtr(_ v: LLVMValueRef, offset: Int) -> LLVMValueRef {
        let p = LLVMBuildIntToPtr(builder, v, t.ptr, "")!
        if offset == 0 { return p }
        return withRefs([constI64(UInt64(offset))]) { LLVMBuildInBoundsGEP2(builder, t.i8, p, $0, $1, "")! }
    }

    /// Loads the 64-bit word at `offset` of an object (`base` is an rt_val or a pointer).
    func loadWord(_ base: LLVMValueRef, offset: Int, type: LLVMTypeRef? = nil) -> LLVMValueRef {
        let p = LLVMTypeOf(base) == t.ptr ? bytePtr(base, offset) : fieldPtr(base, offset: offset)
        let l = LLVMBuildLoad2(builder, type ?? t.i64, p, "")!
        LLVMSetAlignment(l, 8)
        return l
    }

    func storeWord(_ value: LLVMValueRef, _ base: LLVMValueRef, offset: Int) {
        let s = LLVMBuildStore(builder, value, fieldPtr(base, offset: offset))!
        LLVMSetAlignment(s, 8)
    }

    private func bytePtr(_ p: LLVMValueRef, _ offset: Int) -> LLVMValueRef {
        if offset == 0 { return p }
        return withRefs([constI64(UInt64(offset))]) { LLVMBuildInBoundsGEP2(builder, t.i8, p, $0, $1, "")! }
    }

    /// A raw value as the 64-bit word stored in a closure or cell.
    func rawWord(_ v: LLVMValueRef, _ type: IRType) -> LLVMValueRef {
        switch type.repr {
        case .i64, .val: return v
        case .f64: return LLVMBuildBitCast(builder, v, t.i64, "")
        case .i1: return LLVMBuildZExt(builder, v, t.i64, "")
        }
    }

    /// The value of `type` held in a 64-bit word (inverse of `rawWord`).
    func fromWord(_ w: LLVMValueRef, _ type: IRType) -> LLVMValueRef {
        switch type.repr {
        case .i64, .val: return w
        case .f64: return LLVMBuildBitCast(builder, w, t.f64, "")
        case .i1: return LLVMBuildTrunc(builder, w, t.i1, "")
        }
    }

    /// `v` is a pointer to an object (not an immediate, not 0).
    func isPointer(_ v: LLVMValueRef) -> LLVMValueRef {
        let tag = LLVMBuildAnd(builder, v, constI64(7), "")!
        return LLVMBuildAnd(builder, icmp(LLVMIntEQ, tag, constI64(0)), icmp(LLVMIntNE, v, constI64(0)), "")
    }

    /// For a pointer `v`: its header's type (mark bit cleared) is the runtime descriptor `desc`.
    func hasType(_ v: LLVMValueRef, _ desc: String) -> LLVMValueRef {
        let header = LLVMBuildAnd(builder, loadWord(v, offset: 0), constI64(signed: ~1), "")!
        return icmp(LLVMIntEQ, header, LLVMConstPtrToInt(rt.global(desc), t.i64))
    }

    // MARK: - boxing

    /// `box`: a raw Int/Float/Bool as an rt_val; identity for `val` types.
    func box(_ v: LLVMValueRef, _ type: IRType) -> LLVMValueRef {
        switch type.repr {
        case .val: return v
        case .i1: return LLVMBuildSelect(builder, v, constI64(Imm.true_), constI64(Imm.false_), "")
        case .f64: return call(rt.fn("rt_box_float"), [v], name: "boxed")
        case .i64 where compact:
            return call(rt.fn("rt_box_int"), [v], name: "boxed")
        case .i64:
            let shifted = LLVMBuildShl(builder, v, constI64(1), "")!
            let fits = icmp(LLVMIntEQ, LLVMBuildAShr(builder, shifted, constI64(1), "")!, v)
            let tagged = LLVMBuildOr(builder, shifted, constI64(1), "")!
            return fastOrSlow(fits, tagged, t.i64, "box") { call(rt.fn("rt_box_int"), [v]) }
        }
    }

    /// `unbox v to T` (checked: wrong kinds raise type-error at `loc`).
    func unbox(_ v: LLVMValueRef, to type: IRType, checked: Bool, loc: LLVMValueRef) -> LLVMValueRef {
        if compact, let r = unboxByCall(v, to: type, checked: checked, loc: loc) { return r }
        switch type {
        case .int:
            let isFix = LLVMBuildTrunc(builder, v, t.i1, "")!
            let fixnum = LLVMBuildAShr(builder, v, constI64(1), "")!
            return fastOrSlow(isFix, fixnum, t.i64, "unbox") {
                checked ? call(rt.fn("rt_unbox_int"), [v, loc]) : loadWord(v, offset: Layout.boxIntValue)
            }
        case .float:
            // fast path: a boxed Float; everything else (Ints, errors) in the runtime
            let check = newBlock("unboxf.check"), slow = newBlock("unboxf.slow")
            let fast = newBlock("unboxf.fast"), done = newBlock("unboxf.done")
            LLVMBuildCondBr(builder, isPointer(v), check, slow)
            LLVMPositionBuilderAtEnd(builder, check)
            LLVMBuildCondBr(builder, hasType(v, "rt_type_float"), fast, slow)
            LLVMPositionBuilderAtEnd(builder, fast)
            let d1 = loadWord(v, offset: Layout.boxFloatValue, type: t.f64)
            LLVMBuildBr(builder, done)
            LLVMPositionBuilderAtEnd(builder, slow)
            let d2 = call(rt.fn("rt_unbox_float"), [v, loc])
            LLVMBuildBr(builder, done)
            LLVMPositionBuilderAtEnd(builder, done)
            let phi = LLVMBuildPhi(builder, t.f64, "unboxf")!
            addIncoming(phi, d1, fast)
            addIncoming(phi, d2, slow)
            return phi
        case .bool:
            let isTrue = icmp(LLVMIntEQ, v, constI64(Imm.true_))
            guard checked else { return isTrue }
            let ok = LLVMBuildOr(builder, isTrue, icmp(LLVMIntEQ, v, constI64(Imm.false_)), "")!
            return fastOrSlow(ok, isTrue, t.i1, "unboxb") {
                icmp(LLVMIntNE, call(rt.fn("rt_unbox_bool"), [v, loc]), LLVMConstInt(t.i32, 0, 0))
            }
        case .list(let e) where e != .any:
            guard checked else { return v }
            // claude_rt.h LISTS: [] or a cell of the element's kind certifies the list
            let desc = LLVMConstPtrToInt(rt.global(e == .int ? "rt_type_cons_i64" : "rt_type_cons_f64"), t.i64)!
            let isCell = diamond(isPointer(v), t.i1, "certify", fast: {
                icmp(LLVMIntEQ, LLVMBuildAnd(builder, loadWord(v, offset: 0), constI64(signed: ~1), "")!, desc)
            }, slow: { icmp(LLVMIntEQ, v, constI64(Imm.empty)) })
            let repr = e == .int ? RT_R_I64.rawValue : RT_R_F64.rawValue
            return fastOrSlow(isCell, v, t.i64, "certify") {
                call(rt.fn("rt_check_list_repr"), [v, constI64(UInt64(repr)), loc])
            }
        case .string, .list, .fn, .nil_:
            if checked { call(rt.fn(checkFunction(type)), [v, loc]) }
            return v
        case .cell, .any:
            return v
        }
    }

    /// Compact code (the fast tier): Int, Float and Bool are unboxed by
    /// the runtime's checked functions, without inline fast paths (which
    /// cost blocks). Unchecked unboxing is the same conversion (the value is
    /// known to have the right kind, so the check never fails).
    private func unboxByCall(_ v: LLVMValueRef, to type: IRType, checked: Bool, loc: LLVMValueRef) -> LLVMValueRef? {
        switch type {
        case .int: return call(rt.fn("rt_unbox_int"), [v, loc], name: "unbox")
        case .float: return call(rt.fn("rt_unbox_float"), [v, loc], name: "unboxf")
        case .bool where checked:
            return icmp(LLVMIntNE, call(rt.fn("rt_unbox_bool"), [v, loc]), LLVMConstInt(t.i32, 0, 0))
        default: return nil
        }
    }

    private func checkFunction(_ type: IRType) -> String {
        switch type {
        case .string: return "rt_check_string"
        case .list: return "rt_check_list"
        case .fn: return "rt_check_function"
        default: return "rt_check_nil"
        }
    }
}
