import CLLVM
import ClaudeRuntime

/// A runtime builtin as the compiler sees it, from the runtime's own table
/// (`rt_builtins`, linked into the compiler).
struct BuiltinInfo {
    let name: String
    /// the C symbol of its `rt_generic_fn` entry
    let csym: String
    let minArgs: Int
    /// -1: no maximum
    let maxArgs: Int
    /// the C symbol of its static closure
    let closureSym: String
}

extension Codegen {
    func builtin(_ name: String) throws -> BuiltinInfo {
        guard let p = rt_builtin_lookup(name), let csym = p.pointee.csym, let closure = p.pointee.closure_sym else {
            throw LLVMError("unknown runtime builtin '\(name)'")
        }
        return BuiltinInfo(name: name, csym: String(cString: csym), minArgs: Int(p.pointee.min_args),
                           maxArgs: Int(p.pointee.max_args), closureSym: String(cString: closure))
    }

    /// `builtin "name"`: the rt_val of the builtin's static closure.
    func builtinClosure(_ name: String) throws -> LLVMValueRef {
        LLVMConstPtrToInt(rt.global(try builtin(name).closureSym), t.i64)
    }
}
