import CLLVM
import ClaudeIR

/// The `rt_generic_fn` entries of compiled functions (C convention). One
/// trampoline serves every function with the same signature "shape" (what
/// unboxing each parameter and boxing the result do): it checks the argument
/// count, unboxes `argv[i]` to each parameter's type (checked, errors located
/// at `loc`), calls the closure's own `code` (`self` is the closure, as
/// `rt_apply` passes it) and boxes the result. The arity error names the
/// function by its `rt_fninfo.name` ("function" when anonymous), as a
/// per-function wrapper would. `argv` is rooted by the caller, and nothing is
/// live across the final box, so the trampoline needs no shadow frame.
extension Codegen {
    /// The unbox/box behaviour of a type in a trampoline's signature.
    private static func shapeLetter(_ type: IRType) -> Character {
        switch type {
        case .int: return "i"
        case .float: return "f"
        case .bool: return "b"
        case .string: return "s"
        case .list(.int): return "m"
        case .list(.float): return "g"
        case .list: return "l"
        case .fn: return "c"
        case .nil_: return "n"
        case .cell, .any: return "a"
        }
    }

    /// The type a shape letter unboxes to (the same checks as the original type).
    private static func shapeType(_ letter: Character) -> IRType {
        switch letter {
        case "i": return .int
        case "f": return .float
        case "b": return .bool
        case "s": return .string
        case "m": return .list(.int)
        case "g": return .list(.float)
        case "l": return .anyList
        case "c": return .fn([], .any)
        case "n": return .nil_
        default: return .any
        }
    }

    /// The shape key of a function: its parameters' letters, "_", the result's representation.
    static func genericShape(_ f: IRFunction) -> String {
        String(f.paramTypes.map(shapeLetter)) + "_" + f.returnType.repr.rawValue
    }

    /// The trampoline for `f`'s shape, declared on first use (its body is
    /// emitted by `emitGenericTrampolines`).
    func genericTrampoline(for f: IRFunction) -> LLVMValueRef {
        let shape = Codegen.genericShape(f)
        if let w = trampolines[shape] { return w }
        let w = LLVMAddFunction(module, "cl$generic.\(shape)", t.generic)!
        LLVMSetLinkage(w, LLVMInternalLinkage)
        rt.addAttribute(w, "nounwind")
        trampolines[shape] = w
        trampolineOrder.append(shape)
        return w
    }

    /// Emits the bodies of every trampoline declared so far.
    func emitGenericTrampolines() {
        for shape in trampolineOrder { emitTrampoline(shape, trampolines[shape]!) }
    }

    private func emitTrampoline(_ shape: String, _ w: LLVMValueRef) {
        let parts = shape.split(separator: "_", omittingEmptySubsequences: false)
        let params = parts[0].map(Codegen.shapeType)
        let repr = Repr(rawValue: String(parts[1]))!
        let result: IRType = repr == .i64 ? .int : repr == .f64 ? .float : repr == .i1 ? .bool : .any

        LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ctx, w, "entry"))
        debug?.clearLocation()
        let (selfV, argc, argv, loc) = (LLVMGetParam(w, 0)!, LLVMGetParam(w, 1)!, LLVMGetParam(w, 2)!, LLVMGetParam(w, 3)!)
        let arity = constI64(UInt64(params.count))
        let bad = icmp(LLVMIntNE, argc, arity)
        let arityError = newBlock("arity"), ok = newBlock("ok")
        LLVMBuildCondBr(builder, bad, arityError, ok)
        LLVMPositionBuilderAtEnd(builder, arityError)
        let info = loadWord(selfV, offset: Layout.closureInfo, type: t.ptr)
        let name = loadWord(info, offset: Layout.fninfoName, type: t.ptr)
        let shown = LLVMBuildSelect(builder, LLVMBuildIsNull(builder, name, "")!, data.cString("function"), name, "")!
        call(rt.fn("rt_error_arity"), [shown, arity, argc, loc])
        LLVMBuildUnreachable(builder)

        LLVMPositionBuilderAtEnd(builder, ok)
        let args = params.enumerated().map { i, type in
            unbox(loadWord(argv, offset: 8 * i), to: type, checked: true, loc: loc)
        }
        let code = loadWord(selfV, offset: Layout.closureCode, type: t.ptr)
        let type = signature(params: params, result: result)
        let r = callIndirect(type, code, [selfV] + args, cc: tailCC)
        LLVMBuildRet(builder, box(r, result))
    }

    /// An LLVM intrinsic overloaded on `types`.
    func intrinsic(_ name: String, _ types: [LLVMTypeRef]) -> LLFunction {
        let id = LLVMLookupIntrinsicID(name, name.utf8.count)
        let fn = withRefs(types) { LLVMGetIntrinsicDeclaration(module, id, $0, Int($1))! }
        let type = withRefs(types) { LLVMIntrinsicGetType(ctx, id, $0, Int($1))! }
        return LLFunction(type: type, value: fn)
    }
}
