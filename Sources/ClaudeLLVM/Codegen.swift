import CLLVM
import ClaudeIR
import ClaudeRuntime

/// Translates an IR module into an LLVM module (docs/IR.md is the contract).
///
/// Every IR function `f` becomes
/// - `cl.f`: the `tailcc` function `R (i64 self, params...)`,
/// - `cl.f$generic`: the C-convention `rt_generic_fn` wrapper (GenericWrapper.swift),
/// - `cl.f$info`: its static `rt_fninfo`,
/// - `cl.f$closure`: a static closure, for functions that capture nothing.
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
    private(set) var debug: DebugInfo?

    /// Per FuncID.
    private(set) var functions: [LLFunction] = []
    private(set) var generics: [LLVMValueRef] = []
    private(set) var infos: [LLVMValueRef] = []
    private(set) var closures: [LLVMValueRef?] = []
    /// `[N x i64] claude_globals`, nil when the module has no globals.
    private(set) var globalsArray: LLVMValueRef?

    init(_ ir: IRModule, ctx: LLVMContextRef, options: LLVMOptions, moduleName: String) {
        self.ir = ir
        self.ctx = ctx
        self.options = options
        module = LLVMModuleCreateWithNameInContext(moduleName, ctx)
        builder = LLVMCreateBuilderInContext(ctx)
        t = LLTypes(ctx)
        rt = RuntimeDecls(module: module, ctx: ctx, types: t)
        data = StaticData(module: module, ctx: ctx, types: t, rt: rt)
    }

    deinit { LLVMDisposeBuilder(builder) }

    /// Generates the whole module. `executable`: also emit `main`.
    /// The caller owns (and disposes) the returned module.
    func generate(executable: Bool) throws -> LLVMModuleRef {
        let entry = ir.function(ir.entry)
        guard entry.paramTypes.isEmpty, entry.captures.isEmpty else {
            throw LLVMError("the entry function @\(entry.name) must take no parameters and capture nothing")
        }
        if options.debugInfo { debug = DebugInfo(self) }
        declareFunctions()
        declareGlobals()
        for f in ir.functions {
            try FunctionEmitter(self, f).emit()
            emitGenericWrapper(f)
        }
        emitClaudeMain()
        if executable { emitMain() }
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

    private func declareFunctions() {
        for f in ir.functions {
            let type = signature(params: f.paramTypes, result: f.returnType)
            let fn = LLVMAddFunction(module, "cl.\(f.name)", type)!
            LLVMSetFunctionCallConv(fn, tailCC)
            LLVMSetLinkage(fn, LLVMInternalLinkage)
            rt.addAttribute(fn, "nounwind")
            functions.append(LLFunction(type: type, value: fn))

            let generic = LLVMAddFunction(module, "cl.\(f.name)$generic", t.generic)!
            LLVMSetLinkage(generic, LLVMInternalLinkage)
            rt.addAttribute(generic, "nounwind")
            generics.append(generic)

            // uniform code takes and returns rt_val only (claude_rt.h, RT_FN_UNIFORM)
            let uniform = f.paramTypes.allSatisfy { $0 == .any } && f.returnType.isBoxed
            let info = data.fnInfo(generic: generic, name: f.displayName, arity: f.paramTypes.count,
                                   nfree: f.captures.count, flags: uniform ? UInt32(RT_FN_UNIFORM) : 0,
                                   rawmask: rawMask(f.captures), symbol: "cl.\(f.name)$info")
            infos.append(info)
            closures.append(f.captures.isEmpty
                ? data.staticClosure(code: fn, info: info, symbol: "cl.\(f.name)$closure") : nil)
        }
    }

    /// Bit i set when capture i is a raw (untraced) word. Captures past the
    /// 64th must be `val`s: the mask cannot describe them (checked by the emitter).
    private func rawMask(_ captures: [IRType]) -> UInt64 {
        var mask: UInt64 = 0
        for (i, c) in captures.enumerated() where !c.isBoxed && i < 64 { mask |= 1 << UInt64(i) }
        return mask
    }

    private func declareGlobals() {
        guard !ir.globals.isEmpty else { return }
        let type = LLVMArrayType2(t.i64, UInt64(ir.globals.count))!
        let g = LLVMAddGlobal(module, type, "claude_globals")!
        LLVMSetInitializer(g, LLVMConstNull(type))
        LLVMSetAlignment(g, 8)
        globalsArray = g
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
        let entry = ir.entry.index
        _ = call(functions[entry], [LLVMConstPtrToInt(closures[entry]!, t.i64)], cc: tailCC)
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
