import CLLVM
import ClaudeIR

/// The `rt_generic_fn` entry of every function (`cl.f$generic`, C convention):
/// checks the argument count, unboxes `argv[i]` to each parameter's type
/// (checked, errors located at `loc`), calls the function and boxes its result.
/// `argv` is rooted by the caller, and nothing is live across the final box,
/// so the wrapper needs no shadow frame.
extension Codegen {
    func emitGenericWrapper(_ f: IRFunction) {
        let w = generics[f.id.index]
        LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ctx, w, "entry"))
        debug?.clearLocation()
        let (selfV, argc, argv, loc) = (LLVMGetParam(w, 0)!, LLVMGetParam(w, 1)!, LLVMGetParam(w, 2)!, LLVMGetParam(w, 3)!)
        let arity = constI64(UInt64(f.paramTypes.count))
        errorIf(icmp(LLVMIntNE, argc, arity), "rt_error_arity",
                [data.cString(f.displayName ?? "function"), arity, argc, loc])
        let args = f.paramTypes.enumerated().map { i, type in
            unbox(loadWord(argv, offset: 8 * i), to: type, checked: true, loc: loc)
        }
        let r = call(functions[f.id.index], [selfV] + args, cc: tailCC)
        LLVMBuildRet(builder, box(r, f.returnType))
    }

    /// An LLVM intrinsic overloaded on `types`.
    func intrinsic(_ name: String, _ types: [LLVMTypeRef]) -> LLFunction {
        let id = LLVMLookupIntrinsicID(name, name.utf8.count)
        let fn = withRefs(types) { LLVMGetIntrinsicDeclaration(module, id, $0, Int($1))! }
        let type = withRefs(types) { LLVMIntrinsicGetType(ctx, id, $0, Int($1))! }
        return LLFunction(type: type, value: fn)
    }
}
