import CLLVM
import ClaudeIR
import ClaudeRuntime

/// Translates an IR module (or one partition of it, see ModulePlan) into an
/// LLVM module (docs/IR.md is the contract).
///
/// Every IR function `f` becomes
/// - `cl.f`: the `tailcc` function `R (i64 self, params...)`,
/// - `cl.f$info`: its static `rt_fninfo`, whose `generic` entry is a
///   C-convention trampoline shared by all functions of the same signature
///   shape (`cl$generic.SHAPE`, GenericWrapper.swift),
/// - `cl.f$closure`: a static closure, for functions that capture nothing.
/// They are declared when first referenced: a partition defines its own
/// functions and declares those of other partitions it refers to.
/// The module also gets `claude_globals` (the globals' words, a GC root
/// range), `claude_main` (the runtime's entry) and, for executables, `main`.
final class Codegen {
    let ir: IRModule
    let ctx: LLVMContextRef
    let module: LLVMModuleRef
    let builder: LLVMBuilderRef
    let t: LLTypes
    let rt: RuntimeDecls
    let data: StaticData
    let options: LLVMOptions
    let plan: ModulePlan
    let partition: ModulePlan.Partition
    private(set) var debug: DebugInfo?

    /// Per FuncID, created on first use.
    private var functionRefs: [LLFunction?]
    private var infoRefs: [LLVMValueRef?]
    private var closureRefs: [LLVMValueRef?]
    /// The generic trampolines by shape, in the order they were declared.
    var trampolines: [String: LLVMValueRef] = [:]
    var trampolineOrder: [String] = []
    /// `[N x i64] claude_globals`, nil when the module has no globals.
    private(set) var globalsArray: LLVMValueRef?
    private(set) var ctorsArray: (LLVMValueRef, LLVMTypeRef)?
    /// The shared error blocks of the function being emitted (Codegen+Values.swift).
    var errorSinks: (function: LLVMValueRef?, sinks: [String: ErrorSink]) = (nil, [:])

    init(_ ir: IRModule, ctx: LLVMContextRef, options: LLVMOptions, moduleName: String,
         plan: ModulePlan, partition: Int = 0) {
        self.ir = ir
        self.ctx = ctx
        self.options = options
        self.plan = plan
        self.partition = plan.partitions[partition]
        module = LLVMModuleCreateWithNameInContext(moduleName, ctx)
        builder = LLVMCreateBuilderInContext(ctx)
        t = LLTypes(ctx)
        rt = RuntimeDecls(module: module, ctx: ctx, types: t)
        data = StaticData(module: module, ctx: ctx, types: t, rt: rt)
        functionRefs = Array(repeating: nil, count: ir.functions.count)
        infoRefs = functionRefs.map { _ in nil }
        closureRefs = infoRefs
    }

    deinit { LLVMDisposeBuilder(builder) }

    /// Generates the module. `executable`: also emit `main` (in the
    /// partition that owns the entry). The caller owns (and disposes) the returned module.
    func generate(executable: Bool) throws -> LLVMModuleRef {
        let entry = ir.function(ir.entry)
        guard entry.paramTypes.isEmpty, entry.captures.isEmpty else {
            throw LLVMError("the entry function @\(entry.name) must take no parameters and capture nothing")
        }
        if options.debugInfo { debug = DebugInfo(self) }
        declareGlobals()
        declareConstructors()
        // what other partitions refer to must be defined here even if nothing here uses it
        for f in partition.functions where plan.exported[f.index] {
            _ = info(f)
            _ = closure(f)
        }
        for f in partition.functions {
            try FunctionEmitter(self, ir.function(f)).emit()
        }
        emitGenericTrampolines()
        if partition.ownsEntry {
            emitClaudeMain()
            if executable { emitMain() }
        }
        debug?.finalize()
        return module
    }

    // MARK: - declarations

    /// The LLVM type of an IR type's representation.
    func llType(_ type: IRType) -> LLVMTypeRef {
        switch type.repr {
        case .i64, .val: return t.i64
        case .f64: return t.f64
        case .i1: return t.i1
        }
    }

    /// The machine signature of a function: R (i64 self, params...).
    func signature(params: [IRType], result: IRType) -> LLVMTypeRef {
        t.function(llType(result), [t.i64] + params.map(llType))
    }

    /// Emit compact code (fewer blocks, more runtime calls): the fast tier,
    /// whose code is compiled by the fast code generator without IR passes.
    var compact: Bool { partition.tier == .fast }

    private func definedHere(_ g: FuncID) -> Bool { plan.owner[g.index] == partition.index }

    /// Internal when only this partition refers to the symbol; an external
    /// (hidden, see ModulePlan.hiddenSymbols) definition or declaration otherwise.
    private func setLinkage(_ v: LLVMValueRef, _ g: FuncID) {
        if definedHere(g) && !plan.exported[g.index] {
            LLVMSetLinkage(v, LLVMInternalLinkage)
        } else {
            LLVMSetLinkage(v, LLVMExternalLinkage)
            if plan.hiddenSymbols { LLVMSetVisibility(v, LLVMHiddenVisibility) }
        }
    }

    /// The machine function of `g`.
    func function(_ g: FuncID) -> LLFunction {
        if let f = functionRefs[g.index] { return f }
        let f = ir.function(g)
        let type = signature(params: f.paramTypes, result: f.returnType)
        let fn = LLVMAddFunction(module, "cl.\(f.name)", type)!
        LLVMSetFunctionCallConv(fn, callConv(g))
        setLinkage(fn, g)
        rt.addAttribute(fn, "nounwind")
        let r = LLFunction(type: type, value: fn)
        functionRefs[g.index] = r
        return r
    }

    /// The calling convention of `g`: tailcc, or C for the functions the plan
    /// allows (the fast code generator handles C calls, not tailcc ones).
    func callConv(_ g: FuncID) -> UInt32 { plan.cCallConv[g.index] ? cCC : tailCC }

    /// The static `rt_fninfo` of `g`.
    func info(_ g: FuncID) -> LLVMValueRef {
        if let i = infoRefs[g.index] { return i }
        let f = ir.function(g)
        let symbol = "cl.\(f.name)$info"
        let info: LLVMValueRef
        if definedHere(g) {
            // uniform code takes and returns rt_val only (claude_rt.h, RT_FN_UNIFORM)
            let uniform = f.paramTypes.allSatisfy { $0 == .any } && f.returnType.isBoxed
            info = data.fnInfo(generic: genericTrampoline(for: f), name: f.displayName, arity: f.paramTypes.count,
                               nfree: f.captures.count, flags: uniform ? UInt32(RT_FN_UNIFORM) : 0,
                               rawmask: rawMask(f.captures), symbol: symbol)
        } else {
            info = LLVMAddGlobal(module, data.fnInfoType, symbol)!
        }
        if !definedHere(g) || plan.exported[g.index] { setLinkage(info, g) }
        infoRefs[g.index] = info
        return info
    }

    /// The static closure of `g`; nil when `g` captures something.
    func closure(_ g: FuncID) -> LLVMValueRef? {
        if let c = closureRefs[g.index] { return c }
        let f = ir.function(g)
        guard f.captures.isEmpty else { return nil }
        let symbol = "cl.\(f.name)$closure"
        let c: LLVMValueRef
        if definedHere(g) {
            c = data.staticClosure(code: function(g).value, info: info(g), symbol: symbol)
        } else {
            c = LLVMAddGlobal(module, data.closureType, symbol)!
        }
        if !definedHere(g) || plan.exported[g.index] { setLinkage(c, g) }
        closureRefs[g.index] = c
        return c
    }

    /// Bit i set when capture i is a raw (untraced) word. Captures past the
    /// 64th must be `val`s: the mask cannot describe them (checked by the emitter).
    private func rawMask(_ captures: [IRType]) -> UInt64 {
        var mask: UInt64 = 0
        for (i, c) in captures.enumerated() where !c.isBoxed && i < 64 { mask |= 1 << UInt64(i) }
        return mask
    }

    /// `claude_globals`: defined by the partition that owns the entry,
    /// declared (hidden) by the others.
    private func declareGlobals() {
        guard !ir.globals.isEmpty else { return }
        let type = LLVMArrayType2(t.i64, UInt64(ir.globals.count))!
        let g = LLVMAddGlobal(module, type, "claude_globals")!
        if partition.ownsEntry {
            LLVMSetInitializer(g, LLVMConstNull(type))
        }
        if plan.isSplit && plan.hiddenSymbols { LLVMSetVisibility(g, LLVMHiddenVisibility) }
        LLVMSetAlignment(g, 8)
        globalsArray = g
    }

    /// `claude_ctors`: one runtime type descriptor (rt_type) per constructor
    /// of the program's data types, defined by the partition that owns the
    /// entry, declared (hidden) by the others. A value's constructor is
    /// its descriptor: `test.ctor` compares the header with its address.
    private func declareConstructors() {
        let count = ir.adts.reduce(0) { $0 + $1.constructors.count }
        guard count > 0 else { return }
        precondition(MemoryLayout<rt_type>.size == 48 && Layout.typeName == 8 && Layout.typeFieldCount == 16 && Layout.typeTag == 20
                     && MemoryLayout<rt_type>.offset(of: \rt_type.base) == 40,
                     "rt_type is {u32 kind, u32 flags, ptr name, u32 nfields, u32 tag, u64 rawmask, u64 f64mask, ptr base}")
        let elem = withRefs([t.i32, t.i32, t.ptr, t.i32, t.i32, t.i64, t.i64, t.ptr]) { LLVMStructTypeInContext(ctx, $0, $1, 0)! }
        let type = LLVMArrayType2(elem, UInt64(count))!
        let g = LLVMAddGlobal(module, type, "claude_ctors")!
        if partition.ownsEntry {
            var items: [LLVMValueRef] = []
            for adt in ir.adts {
                for (tag, c) in adt.constructors.enumerated() {
                    // all fields rt_val: the descriptor is its own base
                    let me = withRefs([constI64(0), constI64(UInt64(items.count))]) { LLVMConstInBoundsGEP2(type, g, $0, $1)! }
                    let fields: [LLVMValueRef] = [LLVMConstInt(t.i32, UInt64(RT_K_ADT.rawValue), 0)!, LLVMConstInt(t.i32, 0, 0)!,
                                                  data.cString(c.name), LLVMConstInt(t.i32, UInt64(c.arity), 0)!,
                                                  LLVMConstInt(t.i32, UInt64(tag), 0)!, constI64(0), constI64(0), me]
                    items.append(withRefs(fields) { LLVMConstNamedStruct(elem, $0, $1)! })
                }
            }
            LLVMSetInitializer(g, withRefs(items) { LLVMConstArray2(elem, $0, UInt64($1))! })
            LLVMSetGlobalConstant(g, 1)
        }
        if plan.isSplit && plan.hiddenSymbols { LLVMSetVisibility(g, LLVMHiddenVisibility) }
        LLVMSetAlignment(g, 8)
        ctorsArray = (g, type)
    }

    /// The address of a constructor's descriptor (a constant).
    func ctorDescriptor(_ c: CtorRef) -> LLVMValueRef {
        let index = ir.adts[..<c.adt].reduce(0) { $0 + $1.constructors.count } + c.ctor
        let (g, type) = ctorsArray!
        return withRefs([constI64(0), constI64(UInt64(index))]) { LLVMConstInBoundsGEP2(type, g, $0, $1)! }
    }

    /// The address of global `g`'s word.
    func globalSlot(_ g: GlobalID) -> LLVMValueRef {
        let type = LLVMArrayType2(t.i64, UInt64(ir.globals.count))!
        return withRefs([constI64(0), constI64(UInt64(g.index))]) {
            LLVMBuildInBoundsGEP2(builder, type, globalsArray!, $0, $1, "")!
        }
    }

    // MARK: - entry points

    /// `void claude_main(ptr ctx)`: registers the globals as GC roots and runs
    /// the IR entry function.
    private func emitClaudeMain() {
        let fn = LLVMAddFunction(module, "claude_main", t.function(t.void, [t.ptr]))!
        LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ctx, fn, "entry"))
        debug?.clearLocation()
        if let g = globalsArray {
            _ = call(rt.fn("rt_add_roots"), [g, constI64(UInt64(ir.globals.count))])
        }
        _ = call(function(ir.entry), [LLVMConstPtrToInt(closure(ir.entry)!, t.i64)], cc: callConv(ir.entry))
        LLVMBuildRetVoid(builder)
    }

    /// `i32 main(i32 argc, ptr argv)` for executables: `rt_main(argc, argv, claude_main)`.
    private func emitMain() {
        let fn = LLVMAddFunction(module, "main", t.function(t.i32, [t.i32, t.ptr]))!
        LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ctx, fn, "entry"))
        let r = call(rt.fn("rt_main"), [LLVMGetParam(fn, 0), LLVMGetParam(fn, 1), LLVMGetNamedFunction(module, "claude_main")])
        LLVMBuildRet(builder, r)
    }
}
