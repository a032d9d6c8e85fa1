import ClaudeSyntax

/// Prints a module in the stable text form `claudelang emit --ir` shows and
/// tests compare against:
///
///     func @fib(%self: Any, %n: Int) -> Int {
///     bb0(%self: Any, %n: Int):
///       %2 = const.int 2
///       %3 = cmp.lt %n, %2
///       condbr %3, bb1(), bb2()
public enum IRPrinter {
    public static func print(_ module: IRModule) -> String {
        var out = ""
        for (i, g) in module.globals.enumerated() {
            out += "global $\(i) \(g.name): \(g.type)\n"
        }
        if !module.globals.isEmpty { out += "\n" }
        for f in module.functions {
            out += print(f, in: module)
            out += "\n"
        }
        return out
    }

    public static func print(_ f: IRFunction, in module: IRModule) -> String {
        let names = valueNames(f)
        func v(_ x: ValueID) -> String { names[x.index] }
        func vs(_ xs: [ValueID]) -> String { xs.map(v).joined(separator: ", ") }
        func fname(_ id: FuncID) -> String { "@" + module.function(id).name }

        var out = ""
        let entryParams = f.blocks.first?.params ?? []
        let sig = entryParams.map { "\(v($0)): \(f.type(of: $0))" }.joined(separator: ", ")
        out += "func @\(f.name)(\(sig)) -> \(f.returnType)"
        if !f.captures.isEmpty { out += " captures(\(f.captures.map(\.description).joined(separator: ", ")))" }
        out += " {\n"
        for (bi, b) in f.blocks.enumerated() {
            let ps = b.params.map { "\(v($0)): \(f.type(of: $0))" }.joined(separator: ", ")
            out += "bb\(bi)(\(ps)):\n"
            for inst in b.insts {
                out += "  "
                if let r = inst.result { out += "\(v(r)) = " }
                out += opText(inst.op, v: v, vs: vs, fname: fname, module: module)
                if let r = inst.result, needsTypeSuffix(inst.op) { out += " : \(f.type(of: r))" }
                out += "\n"
            }
            out += "  " + termText(b.terminator, v: v, vs: vs, fname: fname, module: module) + "\n"
        }
        out += "}\n"
        return out
    }

    static func needsTypeSuffix(_ op: Op) -> Bool {
        switch op {
        case .call, .callClosure, .callAny, .callBuiltin, .capture, .cellGet, .globalGet, .makeClosure,
             .cons, .load, .constEmpty: return true
        default: return false
        }
    }

    /// The printed name of each value (`%n`, `%n.4`, `%3`), indexed by value.
    public static func valueNames(_ f: IRFunction) -> [String] {
        var counts: [String: Int] = [:]
        for (_, n) in f.valueNames { counts[n, default: 0] += 1 }
        return (0..<f.valueTypes.count).map { i in
            if let n = f.valueNames[i] { return counts[n] == 1 ? "%\(n)" : "%\(n).\(i)" }
            return "%\(i)"
        }
    }

    static func opText(_ op: Op, v: (ValueID) -> String, vs: ([ValueID]) -> String,
                       fname: (FuncID) -> String, module: IRModule) -> String {
        switch op {
        case .constInt(let i): return "const.int \(i)"
        case .constFloat(let d): return "const.float \(d)"
        case .constBool(let b): return "const.bool \(b)"
        case .constNil: return "const.nil"
        case .constString(let s): return "const.string \(quoted(s))"
        case .constEmpty: return "const.empty"
        case .builtinRef(let n): return "builtin \(quoted(n))"
        case .funcRef(let f): return "funcref \(fname(f))"
        case .binary(let o, let a, let b): return "\(o.rawValue) \(v(a)), \(v(b))"
        case .cmp(let o, let a, let b): return "cmp.\(o.rawValue) \(v(a)), \(v(b))"
        case .unary(let o, let a): return "\(o.rawValue) \(v(a))"
        case .box(let a): return "box \(v(a))"
        case .unbox(let a, let t, let checked): return "unbox\(checked ? ".checked" : "") \(v(a)) to \(t)"
        case .truthy(let a): return "truthy \(v(a))"
        case .call(let f, let args): return "call \(fname(f))(\(vs(args)))"
        case .callClosure(let c, let args): return "call.closure \(v(c))(\(vs(args)))"
        case .callAny(let c, let args): return "call.any \(v(c))(\(vs(args)))"
        case .callBuiltin(let n, let args): return "call.builtin \(quoted(n))(\(vs(args)))"
        case .makeClosure(let f, let caps): return "closure \(fname(f))[\(vs(caps))]"
        case .capture(let i): return "capture \(i)"
        case .cellNew(let a): return "cell.new \(v(a))"
        case .cellGet(let c): return "cell.get \(v(c))"
        case .cellNewEmpty(let t): return "cell.new.empty \(t)"
        case .checkInit(let a, let n, _): return "check.init \(v(a)) \(quoted(n))"
        case .cellSet(let c, let a): return "cell.set \(v(c)), \(v(a))"
        case .globalGet(let g, let checked): return "global.get\(checked ? ".checked" : "") $\(g.index) \(module.globals[g.index].name)"
        case .globalSet(let g, let a): return "global.set $\(g.index) \(module.globals[g.index].name), \(v(a))"
        case .construct(let c, let args): return "construct \(ctorName(c, module))(\(vs(args)))"
        case .cons(let h, let t): return "cons \(v(h)), \(v(t))"
        case .ctorTag(let a, let t): return "ctor.tag \(v(a)), \(module.adts[t].name)"
        case .test(let a, let t):
            switch t {
            case .empty: return "test.empty \(v(a))"
            case .cons: return "test.cons \(v(a))"
            case .tuple(let n): return "test.tuple \(v(a)), \(n)"
            case .ctor(let c): return "test.ctor \(v(a)), \(ctorName(c, module))"
            case .fixnum: return "test.fixnum \(v(a))"
            }
        case .load(let a, let r):
            switch r {
            case .head: return "load.head \(v(a))"
            case .tail: return "load.tail \(v(a))"
            case .item(let i): return "load.item \(v(a)), \(i)"
            case .field(let i): return "load.field \(v(a)), \(i)"
            }
        }
    }

    static func ctorName(_ c: CtorRef, _ module: IRModule) -> String {
        let adt = module.adts[c.adt]
        return "\(adt.name).\(adt.constructors[c.ctor].name)"
    }

    static func termText(_ t: Terminator, v: (ValueID) -> String, vs: ([ValueID]) -> String,
                         fname: (FuncID) -> String, module: IRModule) -> String {
        switch t {
        case .br(let b, let args): return "br bb\(b.index)(\(vs(args)))"
        case .condbr(let c, let t, let ta, let e, let ea):
            return "condbr \(v(c)), bb\(t.index)(\(vs(ta))), bb\(e.index)(\(vs(ea)))"
        case .ret(let x): return "ret \(v(x))"
        case .tailcall(let op, _): return "tail " + opText(op, v: v, vs: vs, fname: fname, module: module)
        case .switch_(let x, let cases, let d):
            return "switch \(v(x)), [\(cases.map { "\($0.0): bb\($0.1.index)" }.joined(separator: ", "))], default bb\(d.index)"
        case .unreachable: return "unreachable"
        }
    }

    static func quoted(_ s: String) -> String { quoteString(s) }
}
