import ClaudeRuntime
import Foundation

/// Helpers for calling the C runtime from Swift tests.
enum RT {
    static let loc = "test.cl:1:1"
    private static let keepCount = 4096
    /// A ring of recently created values, registered as a GC root range so
    /// test code does not have to root its temporaries (even under stress).
    private static let keep: UnsafeMutablePointer<rt_val> = {
        rt_init(0, nil)
        let p = UnsafeMutablePointer<rt_val>.allocate(capacity: keepCount)
        p.initialize(repeating: 0, count: keepCount)
        rt_add_roots(p, keepCount)
        return p
    }()
    private static var next = 0

    @discardableResult
    static func keep(_ v: rt_val) -> rt_val {
        keep[next % keepCount] = v
        next += 1
        return v
    }

    static func clearKept() {
        keep.update(repeating: 0, count: keepCount)
    }

    static func int(_ i: Int64) -> rt_val { keep(rt_box_int(i)) }
    static func float(_ d: Double) -> rt_val { keep(rt_box_float(d)) }
    static func str(_ s: String) -> rt_val {
        let bytes = Array(s.utf8)
        return keep(bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { rt_string_new($0.baseAddress, Int64(b.count)) }
        })
    }

    static func builtin(_ name: String) -> rt_val {
        guard let b = rt_builtin_lookup(name) else { fatalError("no builtin \(name)") }
        return b.pointee.closure
    }

    /// print's text for v.
    static func show(_ v: rt_val) -> String {
        let s = rt_to_string(v)
        return String(cString: rt_string_bytes(s))
    }

    /// Calls f with args on the shadow stack (so they stay rooted).
    static func apply(_ f: rt_val, _ args: [rt_val]) -> rt_val {
        let sp = rt_shadow_sp!
        for (i, a) in args.enumerated() { sp[i] = a }
        rt_shadow_sp = sp + args.count
        defer { rt_shadow_sp = sp }
        return keep(rt_apply(f, Int64(args.count), sp, loc))
    }

    static func call(_ name: String, _ args: rt_val...) -> rt_val { apply(builtin(name), args) }

    /// (error:handle (lambda () (f args...)) (lambda (e) e)): the result, or the error value.
    static func catching(_ f: rt_val, _ args: [rt_val]) -> rt_val {
        let thunk = closure(thunkGeneric, arity: 0, captures: [f] + args)
        let handler = closure(identityGeneric, arity: 1, captures: [])
        return keep(rt_handle(thunk, handler, loc))
    }

    static func catching(_ name: String, _ args: rt_val...) -> rt_val { catching(builtin(name), args) }

    /// A closure over a C-convention generic entry; captures go to free[].
    static func closure(_ fn: rt_generic_fn, arity: Int32, captures: [rt_val], name: String? = nil) -> rt_val {
        let info = UnsafeMutablePointer<rt_fninfo>.allocate(capacity: 1)
        info.initialize(to: rt_fninfo(generic: fn, name: name.map { UnsafePointer(strdup($0)!) },
                                      min_args: arity, max_args: arity, nfree: UInt32(captures.count),
                                      flags: 0, rawmask: 0))
        let sp = rt_shadow_sp!
        for (i, c) in captures.enumerated() { sp[i] = c }
        rt_shadow_sp = sp + captures.count
        defer { rt_shadow_sp = sp }
        let c = rt_closure_new(nil, info)
        for i in captures.indices { freeWords(c)[i] = sp[i] }
        return keep(c)
    }

    /// The closure's free[] words (a flexible array member, not imported).
    static func freeWords(_ c: rt_val) -> UnsafeMutablePointer<rt_val> {
        UnsafeMutableRawPointer(bitPattern: UInt(c))!
            .advanced(by: MemoryLayout<rt_closure>.size)
            .assumingMemoryBound(to: rt_val.self)
    }

    static let thunkGeneric: rt_generic_fn = { selfv, _, _, _ in
        let info = UnsafeMutablePointer<rt_closure>(bitPattern: UInt(selfv))!.pointee.info!
        let free = RT.freeWords(selfv)
        return rt_apply(free[0], Int64(info.pointee.nfree) - 1, free + 1, RT.loc)
    }

    static let identityGeneric: rt_generic_fn = { _, _, argv, _ in argv![0] }

    /// Resident set size of this process in bytes.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
