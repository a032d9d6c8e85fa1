/// Checks the IR's invariants: every value defined once and before its uses
/// (dominance), operand and result types of every instruction, branch
/// arguments against block parameters, returns against the function type.
/// Lowering and every pass must produce IR this accepts.
public struct VerifierError: Error, CustomStringConvertible {
    public let function: String
    public let message: String
    public var description: String { "IR verifier: in @\(function): \(message)" }
}

public enum Verifier {
    public static func verify(_ module: IRModule) throws {
        for f in module.functions { try verify(f, in: module) }
        if module.entry.index >= module.functions.count { throw VerifierError(function: "?", message: "no entry function") }
    }

    public static func verify(_ f: IRFunction, in module: IRModule) throws {
        func fail(_ m: String) -> VerifierError { VerifierError(function: f.name, message: m) }
        guard !f.blocks.isEmpty else { throw fail("function has no blocks") }
        let entryParams = f.blocks[0].params
        guard entryParams.count == f.paramTypes.count + 1 else { throw fail("entry block must take [self] + \(f.paramTypes.count) parameters") }
        guard f.type(of: entryParams[0]).isBoxed else { throw fail("self must be a boxed value") }
        for (p, t) in zip(entryParams.dropFirst(), f.paramTypes) where f.type(of: p) != t {
            throw fail("entry parameter \(p.index) has type \(f.type(of: p)), expected \(t)")
        }

        // Definitions: each value defined exactly once.
        var defBlock = [Int: Int]()          // value -> block
        var defIndex = [Int: Int]()          // value -> instruction index (-1 for block params)
        for (bi, b) in f.blocks.enumerated() {
            for p in b.params {
                guard p.index < f.valueTypes.count else { throw fail("value %\(p.index) has no type") }
                if defBlock[p.index] != nil { throw fail("value %\(p.index) defined twice") }
                defBlock[p.index] = bi; defIndex[p.index] = -1
            }
            for (ii, inst) in b.insts.enumerated() {
                if let r = inst.result {
                    guard r.index < f.valueTypes.count else { throw fail("value %\(r.index) has no type") }
                    if defBlock[r.index] != nil { throw fail("value %\(r.index) defined twice") }
                    defBlock[r.index] = bi; defIndex[r.index] = ii
                }
            }
        }
        let idom = dominators(f)
        func dominates(_ a: Int, _ b: Int) -> Bool {
            var x: Int? = b
            while let y = x { if y == a { return true }; x = idom[y] == y ? nil : idom[y] }
            return false
        }
        func checkUse(_ v: ValueID, block: Int, at index: Int) throws {
            guard let db = defBlock[v.index] else { throw fail("use of undefined value %\(v.index) in bb\(block)") }
            if db == block {
                if defIndex[v.index]! >= index { throw fail("value %\(v.index) used before its definition in bb\(block)") }
            } else if idom[block] != nil && !dominates(db, block) {
                throw fail("value %\(v.index) (defined in bb\(db)) does not dominate its use in bb\(block)")
            }
        }
        func ty(_ v: ValueID) -> IRType { f.type(of: v) }

        for (bi, b) in f.blocks.enumerated() {
            for (ii, inst) in b.insts.enumerated() {
                for o in inst.op.operands { try checkUse(o, block: bi, at: ii) }
                try checkTypes(inst.op, result: inst.result, f: f, module: module, fail: fail)
            }
            let term = b.terminator
            for o in term.operands { try checkUse(o, block: bi, at: b.insts.count) }
            switch term {
            case .br(let t, let args):
                try checkArgs(t, args, f: f, fail: fail)
            case .condbr(let c, let t, let ta, let e, let ea):
                guard ty(c) == .bool else { throw fail("condbr condition must be Bool in bb\(bi)") }
                try checkArgs(t, ta, f: f, fail: fail)
                try checkArgs(e, ea, f: f, fail: fail)
            case .switch_(let v, let cases, let d):
                guard ty(v) == .int else { throw fail("switch on \(ty(v)) in bb\(bi)") }
                for t in cases.map(\.1) + [d] { try checkArgs(t, [], f: f, fail: fail) }
            case .ret(let v):
                guard ty(v) == f.returnType else { throw fail("ret of \(ty(v)) in a function returning \(f.returnType) (bb\(bi))") }
            case .tailcall(let op, _):
                switch op {
                case .call, .callClosure, .callAny: break
                default: throw fail("tailcall of a non-call in bb\(bi)")
                }
                let r = try resultType(op, result: nil, f: f, module: module, fail: fail)
                guard r == f.returnType else { throw fail("tail call returns \(r), function returns \(f.returnType)") }
                try checkTypes(op, result: nil, f: f, module: module, fail: fail)
            case .unreachable: break
            }
        }
    }

    static func checkArgs(_ target: BlockID, _ args: [ValueID], f: IRFunction, fail: (String) -> VerifierError) throws {
        guard target.index > 0 && target.index < f.blocks.count else { throw fail("branch to invalid block bb\(target.index)") }
        let ps = f.blocks[target.index].params
        guard ps.count == args.count else { throw fail("bb\(target.index) takes \(ps.count) arguments, got \(args.count)") }
        for (p, a) in zip(ps, args) where f.type(of: p) != f.type(of: a) {
            throw fail("argument of type \(f.type(of: a)) passed to bb\(target.index) parameter of type \(f.type(of: p))")
        }
    }

    /// The type an operation produces.
    static func resultType(_ op: Op, result: ValueID?, f: IRFunction, module: IRModule, fail: (String) -> VerifierError) throws -> IRType {
        switch op {
        case .constInt: return .int
        case .constFloat: return .float
        case .constBool: return .bool
        case .constNil: return .nil_
        case .constString: return .string
        case .constEmpty:
            // `[]` is a value of every list type
            if let r = result, f.type(of: r).listElement != nil { return f.type(of: r) }
            return .anyList
        case .builtinRef: return .any
        case .funcRef(let g): return module.function(g).type
        case .binary(let o, _, _): return o.isInt ? .int : .float
        case .cmp: return .bool
        case .unary(let o, _):
            switch o { case .ineg: return .int; case .fneg, .itof: return .float; case .bnot: return .bool }
        case .box: return .any
        case .unbox(_, let t, _): return t
        case .truthy: return .bool
        case .call(let g, _): return module.function(g).returnType
        case .callClosure(let c, _):
            guard case .fn(_, let r) = f.type(of: c) else { throw fail("call.closure of a non-Fn value") }
            return r
        case .callAny, .callBuiltin: return .any
        case .makeClosure(let g, _): return module.function(g).type
        case .capture(let i):
            guard i < f.captures.count else { throw fail("capture \(i) out of range") }
            return f.captures[i]
        case .cellNew(let v): return .cell(f.type(of: v))
        case .cellGet(let c):
            guard case .cell(let t) = f.type(of: c) else { throw fail("cell.get of a non-cell") }
            return t
        case .cellSet: return .nil_
        case .cellNewEmpty(let t): return .cell(t)
        case .checkInit(let v, _, _): return f.type(of: v)
        case .globalGet: return .any
        case .globalSet: return .nil_
        case .construct: return .any
        case .load(let a, let field): return Op.loadType(f.type(of: a), field)
        case .ctorTag: return .int
        case .cons(let h, let t):
            guard let r = Op.consType(head: f.type(of: h), tail: f.type(of: t)) else {
                throw fail("cons of \(f.type(of: h)) onto \(f.type(of: t))")
            }
            return r
        case .test: return .bool
        }
    }

    static func checkTypes(_ op: Op, result: ValueID?, f: IRFunction, module: IRModule, fail: (String) -> VerifierError) throws {
        func ty(_ v: ValueID) -> IRType { f.type(of: v) }
        func need(_ ok: Bool, _ m: @autoclosure () -> String) throws { if !ok { throw fail(m()) } }
        switch op {
        case .binary(let o, let a, let b):
            let t: IRType = o.isInt ? .int : .float
            try need(ty(a) == t && ty(b) == t, "\(o.rawValue) needs \(t) operands, got \(ty(a)), \(ty(b))")
        case .cmp(_, let a, let b):
            try need(ty(a) == ty(b) && (ty(a) == .int || ty(a) == .float || ty(a) == .bool), "cmp needs two Int, Float or Bool operands, got \(ty(a)), \(ty(b))")
        case .unary(let o, let a):
            let want: IRType = o == .fneg ? .float : o == .bnot ? .bool : .int
            try need(ty(a) == want, "\(o.rawValue) needs \(want), got \(ty(a))")
        case .unbox(let a, let t, _):
            try need(ty(a).isBoxed, "unbox of an unboxed value")
            try need(t != .any, "unbox to Any")
        case .truthy(let a):
            try need(ty(a).isBoxed, "truthy of an unboxed value")
        case .call(let g, let args):
            let callee = module.function(g)
            try need(args.count == callee.paramTypes.count + 1, "call @\(callee.name) with \(args.count) arguments (self included), expected \(callee.paramTypes.count + 1)")
            try need(ty(args[0]).isBoxed, "call @\(callee.name): self must be boxed")
            for (a, p) in zip(args.dropFirst(), callee.paramTypes) {
                try need(ty(a) == p, "call @\(callee.name): argument of type \(ty(a)), parameter of type \(p)")
            }
        case .callClosure(let c, let args):
            guard case .fn(let ps, _) = ty(c) else { throw fail("call.closure of a non-Fn value") }
            try need(ps == args.map(ty), "call.closure: arguments (\(args.map { ty($0).description })) do not match \(ty(c))")
        case .callAny(let c, let args):
            try need(ty(c).isBoxed && args.allSatisfy { ty($0).isBoxed }, "call.any needs boxed callee and arguments")
        case .callBuiltin(_, let args):
            try need(args.allSatisfy { ty($0).isBoxed }, "call.builtin needs boxed arguments")
        case .makeClosure(let g, let caps):
            let callee = module.function(g)
            try need(caps.map(ty) == callee.captures, "closure @\(callee.name): captured values do not match its capture layout")
        case .cellSet(let c, let v):
            guard case .cell(let t) = ty(c) else { throw fail("cell.set of a non-cell") }
            try need(ty(v) == t, "cell.set of \(ty(v)) into Cell<\(t)>")
        case .checkInit(let a, _, _):
            try need(ty(a).isBoxed, "check.init of an unboxed value")
        case .cellNewEmpty(let t):
            try need(t.isBoxed, "cell.new.empty of an unboxed type")
        case .globalGet(let g, _):
            try need(g.index < module.globals.count, "unknown global")
        case .globalSet(let g, let v):
            try need(g.index < module.globals.count, "unknown global")
            try need(ty(v).isBoxed, "global.set of an unboxed value")
        case .funcRef(let g):
            try need(module.function(g).captures.isEmpty, "funcref of a function that captures")
        case .construct(let c, let args):
            try need(c.adt < module.adts.count && c.ctor < module.adts[c.adt].constructors.count, "construct of an unknown constructor")
            try need(args.count == module.adts[c.adt].constructors[c.ctor].arity, "construct \(module.adts[c.adt].constructors[c.ctor].name) with \(args.count) fields")
            try need(args.allSatisfy { ty($0).isBoxed }, "construct needs boxed fields")
        case .test(let a, let t):
            try need(ty(a).isBoxed, "test of an unboxed value")
            if case .ctor(let c) = t {
                try need(c.adt < module.adts.count && c.ctor < module.adts[c.adt].constructors.count, "test of an unknown constructor")
            }
        case .load(let a, _):
            try need(ty(a).isBoxed, "load from an unboxed value")
        case .ctorTag(let a, let t):
            try need(ty(a).isBoxed && t < module.adts.count, "ctor.tag of an unboxed value or an unknown data type")
        default: break
        }
        if let r = result {
            let want = try resultType(op, result: r, f: f, module: module, fail: fail)
            try need(f.type(of: r) == want, "result %\(r.index) has type \(f.type(of: r)), operation gives \(want)")
        }
    }

    /// Immediate dominators (Cooper–Harvey–Kennedy); unreachable blocks map to nil.
    static func dominators(_ f: IRFunction) -> [Int?] {
        let n = f.blocks.count
        var order: [Int] = [], seen = Array(repeating: false, count: n)
        func dfs(_ b: Int) {
            var stack: [(Int, Int)] = [(b, 0)]
            seen[b] = true
            while let (x, i) = stack.last {
                let succ = f.blocks[x].terminator.successors
                if i < succ.count {
                    stack[stack.count - 1].1 += 1
                    let s = succ[i].index
                    if s < n && !seen[s] { seen[s] = true; stack.append((s, 0)) }
                } else { order.append(x); stack.removeLast() }
            }
        }
        dfs(0)
        let rpo = Array(order.reversed())
        var num = Array(repeating: -1, count: n)
        for (i, b) in rpo.enumerated() { num[b] = i }
        var preds = Array(repeating: [Int](), count: n)
        for b in rpo { for s in f.blocks[b].terminator.successors where s.index < n { preds[s.index].append(b) } }
        var idom = [Int?](repeating: nil, count: n)
        idom[0] = 0
        var changed = true
        while changed {
            changed = false
            for b in rpo.dropFirst() {
                var new: Int? = nil
                for p in preds[b] where idom[p] != nil {
                    if let cur = new {
                        var a = p, c = cur
                        while a != c {
                            while num[a] > num[c] { a = idom[a]! }
                            while num[c] > num[a] { c = idom[c]! }
                        }
                        new = a
                    } else { new = p }
                }
                if idom[b] != new { idom[b] = new; changed = true }
            }
        }
        return idom
    }
}
