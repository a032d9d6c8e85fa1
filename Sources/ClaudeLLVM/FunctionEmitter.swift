import CLLVM
import ClaudeIR

/// Emits the body of one IR function into its `tailcc` (or, in the fast
/// tier of a split build, C-convention) LLVM function.
///
/// Blocks are emitted in reverse postorder; IR block parameters become phis
/// (incoming values are added as branches are emitted). bb0 continues the
/// prologue's block, and jumps to empty forwarding blocks go straight to
/// their targets. A direct tail call of the function itself becomes a branch
/// back to bb0 (whose parameters are then phis too), so self-recursive loops
/// need neither a call nor a new shadow frame. For a function that captures
/// nothing, `self` is replaced by its static closure: any closure of it
/// behaves the same, and a constant never needs a GC root.
///
/// Compact code (`Codegen.compact`, the fast tier) trades run time for fewer
/// blocks, which is what the fast code generator's time (and the quality of
/// its register allocation) depends on: boxing and unboxing call the
/// runtime, `call.any` goes through `rt_apply` unless it must be a
/// guaranteed tail call, and the overflow checks of a run of pure
/// instructions share one branch.
final class FunctionEmitter {
    let cg: Codegen
    let f: IRFunction
    let fn: LLFunction
    let cfg: CFG
    let frame: FrameLayout
    var b: LLVMBuilderRef { cg.builder }
    var t: LLTypes { cg.t }

    private var values: [LLVMValueRef?]
    /// Forwarding blocks: block → (its target, the arguments it passes).
    private let forwarding: [Int: (Int, [ValueID])]
    private var blocks: [LLVMBasicBlockRef?]
    /// The phis of each block's parameters (nil for a static `self`).
    private var phis: [[LLVMValueRef?]]
    /// rt_shadow_sp on entry: the frame's first slot.
    private var frameBase: LLVMValueRef?
    private let staticSelf: LLVMValueRef?
    /// Overflow checks not emitted yet (compact code, FunctionEmitter+Ops.swift).
    var pendingOverflow: [(overflow: LLVMValueRef, loc: LLVMValueRef)] = []

    init(_ cg: Codegen, _ f: IRFunction) {
        self.cg = cg
        self.f = f
        fn = cg.function(f.id)
        cfg = CFG(f)
        staticSelf = cg.closure(f.id).map { LLVMConstPtrToInt($0, cg.t.i64) }
        var statics = Set<Int>()
        if staticSelf != nil { statics.insert(f.blocks[0].params[0].index) }
        for block in f.blocks {
            for inst in block.insts {
                if let r = inst.result, FunctionEmitter.isStaticObject(inst.op) { statics.insert(r.index) }
            }
        }
        frame = FrameLayout(f, cfg: cfg, staticValues: statics)
        forwarding = FunctionEmitter.forwardingBlocks(f, cfg)
        values = Array(repeating: nil, count: f.valueTypes.count)
        blocks = Array(repeating: nil, count: f.blocks.count)
        phis = Array(repeating: [], count: f.blocks.count)
    }

    /// Operations whose result is never a GC-heap object.
    static func isStaticObject(_ op: Op) -> Bool {
        switch op {
        case .constNil, .constEmpty, .constString, .builtinRef, .funcRef: return true
        default: return false
        }
    }

    func emit() throws {
        guard f.captures.count <= 64 || f.captures.dropFirst(64).allSatisfy(\.isBoxed) else {
            throw LLVMError("@\(f.name): raw captures beyond the 64th cannot be described by rt_fninfo.rawmask")
        }
        cg.debug?.beginFunction(f, fn.value)
        let entry = LLVMAppendBasicBlockInContext(cg.ctx, fn.value, "entry")!
        LLVMPositionBuilderAtEnd(b, entry)
        cg.debug?.setLocation(f.span)
        if frame.needsFrame { pushFrame() }
        let prologueEnd = LLVMGetInsertBlock(b)!
        let selfLoop = hasSelfTailCall()
        // without a loop back to bb0, bb0 continues the prologue's block
        let emitted = cfg.rpo.filter { forwarding[$0] == nil }
        for bi in emitted {
            blocks[bi] = bi == 0 && !selfLoop ? prologueEnd : LLVMAppendBasicBlockInContext(cg.ctx, fn.value, "bb\(bi)")
        }
        for bi in emitted where bi != 0 || selfLoop { createPhis(bi) }
        let entryArgs = (0..<f.paramTypes.count + 1).map { LLVMGetParam(fn.value, UInt32($0))! }
        if !selfLoop {
            for (p, a) in zip(f.blocks[0].params, entryArgs) { values[p.index] = a }
            if let s = staticSelf { values[f.blocks[0].params[0].index] = s }
        } else {
            LLVMPositionBuilderAtEnd(b, prologueEnd)
            addIncoming(0, entryArgs)
            LLVMBuildBr(b, blocks[0])
        }

        for bi in emitted {
            LLVMPositionBuilderAtEnd(b, blocks[bi])
            let block = f.blocks[bi]
            for p in block.params { rootIfNeeded(p) }
            for inst in block.insts {
                cg.debug?.setLocation(inst.span)
                try emit(inst)
            }
            try emitTerminator(block.terminator)
        }
        cg.debug?.endFunction()
        if skipOptimization() {
            cg.rt.addAttribute(fn.value, "optnone")
            cg.rt.addAttribute(fn.value, "noinline")
        }
    }

    /// Functions past this many blocks are not optimised: some LLVM passes
    /// (JumpThreading's dominator-tree updates) are quadratic in the block count.
    static let maxOptimizedBlocks = 4000

    /// The entry function runs once (top-level code is straight-line; loops
    /// are separate functions), so optimising it only costs compile time;
    /// huge functions are skipped too.
    private func skipOptimization() -> Bool {
        cg.options.optLevel > 0 && (f.id == cg.ir.entry || LLVMCountBasicBlocks(fn.value) > FunctionEmitter.maxOptimizedBlocks)
    }

    // MARK: - values

    func value(_ v: ValueID) -> LLVMValueRef {
        guard let x = values[v.index] else { fatalError("@\(f.name): %\(v.index) used before its definition") }
        return x
    }

    func values(_ vs: [ValueID]) -> [LLVMValueRef] { vs.map(value) }

    /// Records `x` as the value of `v` (and stores it in its shadow slot).
    func define(_ v: ValueID?, _ x: LLVMValueRef) {
        guard let v else { return }
        values[v.index] = x
        rootIfNeeded(v)
    }

    private func rootIfNeeded(_ v: ValueID) {
        guard let slot = frame.slot(of: v) else { return }
        LLVMBuildStore(b, value(v), slotPtr(slot))
    }

    func type(_ v: ValueID) -> IRType { f.type(of: v) }

    // MARK: - shadow frame

    private func slotPtr(_ slot: Int) -> LLVMValueRef {
        withRefs([cg.constI64(UInt64(slot))]) { LLVMBuildInBoundsGEP2(b, t.i64, frameBase!, $0, $1, "")! }
    }

    /// The frame-resident argument vector (for call.any / call.builtin).
    func argv(_ args: [LLVMValueRef]) -> LLVMValueRef {
        guard !args.isEmpty else { return LLVMConstNull(t.ptr) }
        for (i, a) in args.enumerated() { LLVMBuildStore(b, a, slotPtr(frame.argvBase + i)) }
        return slotPtr(frame.argvBase)
    }

    /// Frames bigger than this check rt_shadow_limit (the runtime keeps a guard
    /// region above the limit for smaller ones).
    static let checkedFrameSlots = 4000

    private func pushFrame() {
        let sp = cg.rt.global("rt_shadow_sp")
        let base = LLVMBuildLoad2(b, t.ptr, sp, "frame")!
        frameBase = base
        let top = withRefs([cg.constI64(UInt64(frame.size))]) { LLVMBuildInBoundsGEP2(b, t.i64, base, $0, $1, "")! }
        if frame.size > FunctionEmitter.checkedFrameSlots {
            let limit = LLVMBuildLoad2(b, t.ptr, cg.rt.global("rt_shadow_limit"), "")!
            cg.errorIf(cg.icmp(LLVMIntUGT, top, limit), "rt_shadow_overflow", [cg.data.location(f.span)])
        }
        LLVMBuildStore(b, top, sp)
        if frame.size <= 16 {
            for i in 0..<frame.size { LLVMBuildStore(b, cg.constI64(0), slotPtr(i)) }
        } else {
            LLVMBuildMemSet(b, base, LLVMConstInt(t.i8, 0, 0), cg.constI64(UInt64(frame.size * 8)), 8)
        }
    }

    /// Restores rt_shadow_sp before a return or a tail call.
    func popFrame() {
        guard let base = frameBase else { return }
        LLVMBuildStore(b, base, cg.rt.global("rt_shadow_sp"))
    }

    // MARK: - blocks and terminators

    private func hasSelfTailCall() -> Bool {
        cfg.rpo.contains { bi in
            if case .tailcall(.call(let g, _), _) = f.blocks[bi].terminator { return g == f.id }
            return false
        }
    }

    private func createPhis(_ bi: Int) {
        LLVMPositionBuilderAtEnd(b, blocks[bi])
        phis[bi] = f.blocks[bi].params.enumerated().map { i, p in
            if bi == 0 && i == 0, let s = staticSelf { values[p.index] = s; return nil }
            let phi = LLVMBuildPhi(b, cg.llType(type(p)), "")!
            values[p.index] = phi
            return phi
        }
    }

    /// Adds the current block as a predecessor of `bi` passing `args`.
    private func addIncoming(_ bi: Int, _ args: [LLVMValueRef]) {
        let from = LLVMGetInsertBlock(b)!
        for (phi, a) in zip(phis[bi], args) { if let phi { cg.addIncoming(phi, a, from) } }
    }

    /// Ends the block with a jump to `target` (through forwarding blocks),
    /// preceded by the pending overflow checks.
    private func branch(_ target: BlockID, _ args: [ValueID]) {
        let (t, a) = resolve(target, args)
        addIncoming(t, values(a))
        flushOverflowChecks(otherwise: blocks[t]!)
    }

    /// A block with no parameters and no instructions that only jumps on
    /// ("forwarding", e.g. an empty else branch): its predecessors jump
    /// straight to its target instead and it is not emitted. The arguments it
    /// passes are defined in its dominators, which dominate its predecessors too.
    private static func forwardingBlocks(_ f: IRFunction, _ cfg: CFG) -> [Int: (Int, [ValueID])] {
        var forward: [Int: (Int, [ValueID])] = [:]
        for bi in cfg.rpo where bi != 0 {
            let block = f.blocks[bi]
            if block.params.isEmpty, block.insts.isEmpty, case .br(let t, let args) = block.terminator {
                forward[bi] = (t.index, args)
            }
        }
        // a cycle of forwarding blocks (an empty infinite loop) stays as it is
        for start in Array(forward.keys) {
            var seen: Set<Int> = [start], b = start
            while let (next, _) = forward[b] {
                if seen.contains(next) { for s in seen { forward[s] = nil }; break }
                seen.insert(next); b = next
            }
        }
        return forward
    }

    /// The block a jump to `target` with `args` really goes to.
    private func resolve(_ target: BlockID, _ args: [ValueID]) -> (Int, [ValueID]) {
        var (t, a) = (target.index, args)
        while let next = forwarding[t] { (t, a) = next }
        return (t, a)
    }

    private func emitTerminator(_ term: Terminator) throws {
        if case .br = term {} else if case .tailcall(.call(let g, _), _) = term, g == f.id {} else {
            flushOverflowChecks()
        }
        switch term {
        case .br(let target, let args):
            branch(target, args)
        case .condbr(let c, let tb0, let ta0, let eb0, let ea0):
            let cond = value(c)
            let (tb, ta) = resolve(tb0, ta0), (eb, ea) = resolve(eb0, ea0)
            addIncoming(tb, values(ta))
            let elseB = tb == eb ? newEdge(BlockID(eb), ea) : blocks[eb]!
            if tb != eb { addIncoming(eb, values(ea)) }
            LLVMBuildCondBr(b, cond, blocks[tb], elseB)
        case .switch_(let v, let cases, let d):
            let target = { (bi: BlockID) -> LLVMBasicBlockRef in
                let (t, _) = self.resolve(bi, [])
                return self.phis[t].isEmpty ? self.blocks[t]! : self.newEdge(bi, [])
            }
            let sw = LLVMBuildSwitch(b, value(v), target(d), UInt32(cases.count))!
            for (k, bi) in cases { LLVMAddCase(sw, cg.constI64(signed: k), target(bi)) }
        case .ret(let v):
            popFrame()
            LLVMBuildRet(b, value(v))
        case .tailcall(.call(let g, let args), _) where g == f.id:
            branch(BlockID(0), args)
        case .tailcall(let op, let span):
            try emitTailCall(op, span)
        case .unreachable:
            LLVMBuildUnreachable(b)
        }
    }

    /// A block that branches to `target` passing `args`: the else edge of a
    /// condbr whose two edges lead to the same block (a phi takes one value
    /// per predecessor block).
    private func newEdge(_ target: BlockID, _ args: [ValueID]) -> LLVMBasicBlockRef {
        let here = LLVMGetInsertBlock(b)!
        let edge = cg.newBlock("edge")
        LLVMPositionBuilderAtEnd(b, edge)
        branch(target, args)
        LLVMPositionBuilderAtEnd(b, here)
        return edge
    }
}
