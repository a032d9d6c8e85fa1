import CLLVM
import ClaudeIR
import ClaudeSyntax

/// Calls and tail calls (docs/IR.md: call, call.closure, call.any,
/// call.builtin and the `tail` terminator).
///
/// A tail call restores the shadow stack pointer and becomes a `musttail`
/// call of a `tailcc` function followed by `ret`: constant stack at every
/// optimisation level. The exceptions: the slow path of `tail call.any` (a
/// callee that is not a uniform compiled closure) goes through the C
/// function `rt_apply`, which cannot be tail-called from tailcc code; and a
/// tail call from or to a C-convention function of a split build (which is
/// on no cycle of calls, see ModulePlan) is a plain call and `ret`.
extension FunctionEmitter {
    /// A non-tail call; returns the call's result.
    func emitCall(_ op: Op, _ span: Span) throws -> LLVMValueRef {
        switch op {
        case .call(let g, let args):
            return cg.call(cg.function(g), values(args), cc: cg.callConv(g))
        case .callClosure(let c, let args):
            let (type, code) = closureCallee(c)
            return cg.callIndirect(type, code, [value(c)] + values(args), cc: tailCC)
        case .callAny(let c, let args):
            return callAny(value(c), values(args), loc: cg.data.location(span), tail: false)
        case .callBuiltin(let name, let args):
            return try callBuiltin(name, values(args), loc: cg.data.location(span))
        default:
            fatalError("not a call: \(op)")
        }
    }

    /// The `tail call…` terminator (a direct self tail call is a branch, see FunctionEmitter).
    func emitTailCall(_ op: Op, _ span: Span) throws {
        switch op {
        case .call(let g, let args):
            let callee = cg.function(g)
            tailCall(callee.type, callee.value, values(args), cc: cg.callConv(g))
        case .callClosure(let c, let args):
            let (type, code) = closureCallee(c)
            tailCall(type, code, [value(c)] + values(args))
        case .callAny(let c, let args):
            let r = callAny(value(c), values(args), loc: cg.data.location(span), tail: true)
            popFrame()
            LLVMBuildRet(b, r)
        default:
            throw LLVMError("tail call of a non-call in @\(f.name)")
        }
    }

    /// Pops the frame, then `musttail call tailcc` + `ret` (a plain call
    /// unless both this function and the callee are tailcc).
    private func tailCall(_ type: LLVMTypeRef, _ callee: LLVMValueRef, _ args: [LLVMValueRef], cc: UInt32 = tailCC) {
        popFrame()
        let c = cg.callIndirect(type, callee, args, cc: cc)
        if cc == tailCC && cg.callConv(f.id) == tailCC { LLVMSetTailCallKind(c, LLVMTailCallKindMustTail) }
        LLVMBuildRet(b, c)
    }

    /// The machine type and loaded code pointer of closure `c` (of a Fn type).
    private func closureCallee(_ c: ValueID) -> (LLVMTypeRef, LLVMValueRef) {
        guard case .fn(let params, let result) = type(c) else { fatalError("call.closure of a non-Fn value") }
        let code = cg.loadWord(value(c), offset: Layout.closureCode, type: t.ptr)
        return (cg.signature(params: params, result: result), code)
    }

    /// `call.any`: a uniform compiled closure of the right arity is called
    /// directly (`code(c, args...)`); anything else goes through `rt_apply`
    /// (which raises "not a function" and arity errors). With `tail`, the
    /// direct call is a musttail call that returns from this function and the
    /// returned value is the slow path's result.
    private func callAny(_ c: LLVMValueRef, _ args: [LLVMValueRef], loc: LLVMValueRef, tail: Bool) -> LLVMValueRef {
        let n = cg.constI64(UInt64(args.count))
        // compact code: always through rt_apply, unless a guaranteed tail call is needed
        if cg.compact && (!tail || cg.callConv(f.id) != tailCC) {
            return cg.call(cg.rt.fn("rt_apply"), [c, n, argv(args), loc])
        }
        let code = cg.call(cg.rt.fn("rt_uniform_code"), [c, n], name: "code")
        let uniform = cg.signature(params: Array(repeating: .any, count: args.count), result: .any)
        let direct = LLVMBuildICmp(b, LLVMIntNE, code, LLVMConstNull(t.ptr), "")!
        if tail {
            let fast = cg.newBlock("any.direct"), slow = cg.newBlock("any.apply")
            LLVMBuildCondBr(b, direct, fast, slow)
            LLVMPositionBuilderAtEnd(b, fast)
            tailCall(uniform, code, [c] + args)
            LLVMPositionBuilderAtEnd(b, slow)
            return cg.call(cg.rt.fn("rt_apply"), [c, n, argv(args), loc])
        }
        return cg.diamond(direct, t.i64, "any",
                          fast: { cg.callIndirect(uniform, code, [c] + args, cc: tailCC) },
                          slow: { cg.call(cg.rt.fn("rt_apply"), [c, n, argv(args), loc]) })
    }

    /// `call.builtin`: the builtin's C entry `fn(RT_NIL, n, argv, loc)`.
    /// A call with the wrong number of arguments raises the arity error.
    private func callBuiltin(_ name: String, _ args: [LLVMValueRef], loc: LLVMValueRef) throws -> LLVMValueRef {
        let info = try cg.builtin(name)
        if args.count < info.minArgs || (info.maxArgs >= 0 && args.count > info.maxArgs) {
            cg.call(cg.rt.fn("rt_error_arity"), [cg.data.cString(name), cg.constI64(UInt64(info.minArgs)),
                                                 cg.constI64(UInt64(args.count)), loc])
            LLVMBuildUnreachable(b)
            // the rest of the block is dead; give it somewhere to go
            LLVMPositionBuilderAtEnd(b, cg.newBlock("dead"))
            return LLVMGetUndef(t.i64)
        }
        let entry = cg.rt.builtinEntry(info.csym)
        return cg.call(entry, [cg.constI64(Imm.nil_), cg.constI64(UInt64(args.count)), argv(args), loc], name: name)
    }
}
