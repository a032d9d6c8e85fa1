import CLLVM

/// The LLVM types the backend uses, from one context.
struct LLTypes {
    let i1, i8, i32, i64, f64, ptr, void: LLVMTypeRef

    init(_ ctx: LLVMContextRef) {
        i1 = LLVMInt1TypeInContext(ctx)
        i8 = LLVMInt8TypeInContext(ctx)
        i32 = LLVMInt32TypeInContext(ctx)
        i64 = LLVMInt64TypeInContext(ctx)
        f64 = LLVMDoubleTypeInContext(ctx)
        ptr = LLVMPointerTypeInContext(ctx, 0)
        void = LLVMVoidTypeInContext(ctx)
    }

    func function(_ ret: LLVMTypeRef, _ params: [LLVMTypeRef], vararg: Bool = false) -> LLVMTypeRef {
        withRefs(params) { LLVMFunctionType(ret, $0, $1, vararg ? 1 : 0) }
    }

    /// The `rt_generic_fn` type: rt_val (rt_val self, int64_t argc, const rt_val *argv, const char *loc).
    var generic: LLVMTypeRef { function(i64, [i64, i64, ptr, ptr]) }
}

/// A declared (or defined) function with its type, as `LLVMBuildCall2` needs both.
struct LLFunction {
    let type: LLVMTypeRef
    let value: LLVMValueRef
}

/// The shared block of one function that calls a noreturn runtime error
/// function with the arguments its predecessors pass through `phis`.
struct ErrorSink {
    let block: LLVMBasicBlockRef
    let phis: [LLVMValueRef]
}

/// Declarations of the C runtime (Runtime/include/claude_rt.h) in one
/// module, created on first use so that the module only mentions what it uses.
final class RuntimeDecls {
    private let module: LLVMModuleRef
    private let ctx: LLVMContextRef
    private let t: LLTypes
    private var functions: [String: LLFunction] = [:]
    private var globals: [String: LLVMValueRef] = [:]

    init(module: LLVMModuleRef, ctx: LLVMContextRef, types: LLTypes) {
        self.module = module; self.ctx = ctx; self.t = types
    }

    /// C signatures of the runtime functions generated code calls:
    /// name → (result, parameters, never returns).
    private var signatures: [String: (LLVMTypeRef, [LLVMTypeRef], Bool)] {
        [
            "rt_box_int": (t.i64, [t.i64], false),
            "rt_box_float": (t.i64, [t.f64], false),
            "rt_unbox_int": (t.i64, [t.i64, t.ptr], false),
            "rt_unbox_float": (t.f64, [t.i64, t.ptr], false),
            "rt_unbox_bool": (t.i32, [t.i64, t.ptr], false),
            "rt_check_string": (t.i64, [t.i64, t.ptr], false),
            "rt_check_list": (t.i64, [t.i64, t.ptr], false),
            "rt_check_function": (t.i64, [t.i64, t.ptr], false),
            "rt_check_nil": (t.i64, [t.i64, t.ptr], false),
            "rt_closure_new": (t.i64, [t.ptr, t.ptr], false),
            "rt_cell_new": (t.i64, [t.i64], false),
            "rt_adt_new": (t.i64, [t.ptr], false),
            "rt_cons_new": (t.i64, [t.i64, t.i64], false),
            "rt_cons_new_i64": (t.i64, [t.i64, t.i64], false),
            "rt_cons_new_f64": (t.i64, [t.f64, t.i64], false),
            "rt_check_list_repr": (t.i64, [t.i64, t.i64, t.ptr], false),
            "rt_field_get": (t.i64, [t.i64, t.i64], false),
            "rt_rawcell_new": (t.i64, [t.i64], false),
            "rt_apply": (t.i64, [t.i64, t.i64, t.ptr, t.ptr], false),
            "rt_uniform_code": (t.ptr, [t.i64, t.i64], false),
            "rt_add_roots": (t.void, [t.ptr, t.i64], false),
            "rt_main": (t.i32, [t.i32, t.ptr, t.ptr], false),
            "rt_error_overflow": (t.void, [t.ptr], true),
            "rt_error_div_zero": (t.void, [t.ptr], true),
            "rt_error_uninit": (t.void, [t.ptr, t.ptr, t.ptr], true),
            "rt_error_arity": (t.void, [t.ptr, t.i64, t.i64, t.ptr], true),
            "rt_shadow_overflow": (t.void, [t.ptr], true),
        ]
    }

    /// Every runtime function generated code may call (besides builtins' entries).
    var knownFunctions: [String] { Array(signatures.keys) }

    /// A runtime function from the signature table.
    func fn(_ name: String) -> LLFunction {
        if let f = functions[name] { return f }
        guard let (ret, params, noreturn) = signatures[name] else { fatalError("no signature for runtime function \(name)") }
        let f = declare(name, t.function(ret, params))
        addAttribute(f.value, "nounwind")
        if noreturn {
            addAttribute(f.value, "noreturn")
            addAttribute(f.value, "cold")
        }
        return f
    }

    /// A builtin's C entry (`rt_generic_fn`) by its C symbol.
    func builtinEntry(_ csym: String) -> LLFunction {
        if let f = functions[csym] { return f }
        return declare(csym, t.generic)
    }

    /// An external runtime global (`rt_shadow_sp`, `rt_type_closure`, ...).
    func global(_ name: String, type: LLVMTypeRef? = nil) -> LLVMValueRef {
        if let g = globals[name] { return g }
        let g = LLVMAddGlobal(module, type ?? t.ptr, name)!
        LLVMSetLinkage(g, LLVMExternalLinkage)
        globals[name] = g
        return g
    }

    private func declare(_ name: String, _ type: LLVMTypeRef) -> LLFunction {
        let v = LLVMAddFunction(module, name, type)!
        let f = LLFunction(type: type, value: v)
        functions[name] = f
        return f
    }

    func addAttribute(_ fn: LLVMValueRef, _ name: String) {
        let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
        LLVMAddAttributeAtIndex(fn, UInt32(bitPattern: Int32(LLVMAttributeFunctionIndex)), LLVMCreateEnumAttribute(ctx, kind, 0))
    }
}
