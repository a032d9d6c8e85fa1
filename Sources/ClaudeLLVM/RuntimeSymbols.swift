import ClaudeIR
import ClaudeRuntime

/// Addresses, in this process, of the runtime symbols generated code may
/// reference, for the JIT's absolute symbols.
///
/// claude_rt.h's `rt_symbols[]` is meant for this, but Swift cannot import an
/// array of unknown size; until the header offers an importable accessor the
/// table is spelled out here. It must cover `RuntimeDecls.knownFunctions`
/// and every runtime global the codegen uses (checked by a test).
enum RuntimeSymbols {
    static func table(for m: IRModule) -> [String: UInt64] {
        var t = functions
        t["rt_shadow_sp"] = address(&rt_shadow_sp)
        t["rt_shadow_limit"] = address(&rt_shadow_limit)
        t.merge(descriptors) { a, _ in a }
        for (csym, fn) in builtinEntries(m) { t[csym] = fn }
        return t
    }

    /// The C entries and static closures of the builtins `m` uses.
    static func builtinEntries(_ m: IRModule) -> [String: UInt64] {
        var t: [String: UInt64] = [:]
        for f in m.functions {
            for block in f.blocks {
                for inst in block.insts {
                    let name: String
                    switch inst.op {
                    case .callBuiltin(let n, _), .builtinRef(let n): name = n
                    default: continue
                    }
                    guard let b = rt_builtin_lookup(name)?.pointee, let csym = b.csym, let fn = b.fn,
                          let closureSym = b.closure_sym else { continue }
                    t[String(cString: csym)] = address(fn)
                    t[String(cString: closureSym)] = b.closure
                }
            }
        }
        return t
    }

    private typealias Loc = UnsafePointer<CChar>?
    private static let functions: [String: UInt64] = [
        "rt_box_int": address(rt_box_int as @convention(c) (Int64) -> rt_val),
        "rt_box_float": address(rt_box_float as @convention(c) (Double) -> rt_val),
        "rt_unbox_int": address(rt_unbox_int as @convention(c) (rt_val, Loc) -> Int64),
        "rt_unbox_float": address(rt_unbox_float as @convention(c) (rt_val, Loc) -> Double),
        "rt_unbox_bool": address(rt_unbox_bool as @convention(c) (rt_val, Loc) -> Int32),
        "rt_check_string": address(rt_check_string as @convention(c) (rt_val, Loc) -> rt_val),
        "rt_check_list": address(rt_check_list as @convention(c) (rt_val, Loc) -> rt_val),
        "rt_check_function": address(rt_check_function as @convention(c) (rt_val, Loc) -> rt_val),
        "rt_check_nil": address(rt_check_nil as @convention(c) (rt_val, Loc) -> rt_val),
        "rt_closure_new": address(rt_closure_new as @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<rt_fninfo>?) -> rt_val),
        "rt_cell_new": address(rt_cell_new as @convention(c) (rt_val) -> rt_val),
        "rt_cons_new": address(rt_cons_new as @convention(c) (rt_val, rt_val) -> rt_val),
        "rt_cons_new_i64": address(rt_cons_new_i64 as @convention(c) (Int64, rt_val) -> rt_val),
        "rt_cons_new_f64": address(rt_cons_new_f64 as @convention(c) (Double, rt_val) -> rt_val),
        "rt_check_list_repr": address(rt_check_list_repr as @convention(c) (rt_val, Int64, Loc) -> rt_val),
        "rt_field_get": address(rt_field_get as @convention(c) (rt_val, Int64) -> rt_val),
        "rt_adt_new": address(rt_adt_new as @convention(c) (UnsafePointer<rt_type>?) -> rt_val),
        "rt_rawcell_new": address(rt_rawcell_new as @convention(c) (UInt64) -> rt_val),
        "rt_apply": address(rt_apply as @convention(c) (rt_val, Int64, UnsafePointer<rt_val>?, Loc) -> rt_val),
        "rt_uniform_code": address(rt_uniform_code as @convention(c) (rt_val, Int64) -> UnsafeMutableRawPointer?),
        "rt_add_roots": address(rt_add_roots as @convention(c) (UnsafeMutablePointer<rt_val>?, Int) -> Void),
        "rt_main": address(rt_main as @convention(c) (Int32, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                                      (@convention(c) (UnsafeMutableRawPointer?) -> Void)?) -> Int32),
        // Swift cannot form a C pointer to a _Noreturn function: these are
        // C-callable forwarding thunks (their frames are trivial, so the
        // runtime's longjmp passes over them safely).
        "rt_error_overflow": address({ rt_error_overflow($0) } as @convention(c) (Loc) -> Void),
        "rt_error_div_zero": address({ rt_error_div_zero($0) } as @convention(c) (Loc) -> Void),
        "rt_error_uninit": address({ rt_error_uninit($0, $1, $2) } as @convention(c) (Loc, Loc, Loc) -> Void),
        "rt_error_arity": address({ rt_error_arity($0, $1, $2, $3) } as @convention(c) (Loc, Int64, Int64, Loc) -> Void),
        "rt_shadow_overflow": address({ rt_shadow_overflow($0) } as @convention(c) (Loc) -> Void),
    ]

    private static func address<F>(_ fn: F) -> UInt64 {
        UInt64(UInt(bitPattern: unsafeBitCast(fn, to: UnsafeRawPointer.self)))
    }

    private static func address<T>(_ p: UnsafeMutablePointer<T>) -> UInt64 { UInt64(UInt(bitPattern: p)) }

    /// The runtime's type descriptors. Swift imports `const` C globals as
    /// values (taking their address yields a copy), so each is read from the
    /// header of an object of its kind (claude_rt.h OBJECTS: the header word
    /// is the descriptor's address, bit 0 the mark bit).
    private static let descriptors: [String: UInt64] = {
        rt_init(0, nil)
        func descriptor(_ v: rt_val) -> UInt64 { UnsafePointer<UInt64>(bitPattern: UInt(v))!.pointee & ~1 }
        return [
            "rt_type_string": descriptor(rt_string_new("", 0)),
            "rt_type_float": descriptor(rt_box_float(0.5)),
            "rt_type_closure": descriptor(rt_builtin_lookup("print")!.pointee.closure),
            "rt_type_cons": UInt64(UInt(bitPattern: rt_cons_type(Int64(RT_R_VAL.rawValue)))),
            "rt_type_cons_i64": UInt64(UInt(bitPattern: rt_cons_type(Int64(RT_R_I64.rawValue)))),
            "rt_type_cons_f64": UInt64(UInt(bitPattern: rt_cons_type(Int64(RT_R_F64.rawValue)))),
            "rt_type_tuple": descriptor(rt_tuple_new(0, nil)),
        ]
    }()
}
