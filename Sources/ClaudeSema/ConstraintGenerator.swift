import ClaudeSyntax

/// Walks the resolved tree and states how types flow through it.
final class ConstraintGenerator {
    let solver: ConstraintSolver
    let diags: DiagnosticEngine
    /// builtin arguments whose kind is checked once types are known
    @exclusivity(unchecked) var argChecks: [(builtin: String, kind: BuiltinInfo.Arg, arg: Node)] = []
    /// callees that must be functions
    @exclusivity(unchecked) var calleeChecks: [Node] = []

    let program: CoreProgram
    /// per template lambda: its instances by argument-type key
    @exclusivity(unchecked) var instanceKeys: [ObjectIdentifier: [String: LambdaNode]] = [:]
    /// `(: e T)` forms, checked once types are known
    @exclusivity(unchecked) var ascriptions: [(Node, DeclaredType)] = []
    /// top-level functions whose bodies are typed only when used as values
    @exclusivity(unchecked) var deferred: [(Var, LambdaNode)] = []
    /// typing the body of a function nothing calls or names: its calls do
    /// not make instances (nothing runs them)
    @exclusivity(unchecked) var inDeadCode = false
    /// functions that calls enter directly once they have too many instances
    @exclusivity(unchecked) var fallbackTemplates = Set<ObjectIdentifier>()
    @exclusivity(unchecked) var numericParamCache: [ObjectIdentifier: Set<Int>] = [:]

    /// Types the bodies of top-level functions used as values (the version
    /// first-class calls and `call.any` enter); once none is left, those of
    /// functions nothing uses (for their diagnostics). False when there was
    /// nothing more to type.
    func visitDeferred() -> Bool {
        var live: [LambdaNode] = [], dead: [LambdaNode] = []
        var rest: [(Var, LambdaNode)] = []
        for (v, l) in deferred {
            if v.hasValueUses || fallbackTemplates.contains(ObjectIdentifier(l)) { live.append(l) }
            else if program.instances[ObjectIdentifier(l)] == nil { dead.append(l); rest.append((v, l)) }
            else { rest.append((v, l)) }
        }
        if !live.isEmpty {
            deferred = rest
            for l in live { visitLambda(l) }
            return true
        }
        deferred = rest.filter { pair in !dead.contains { $0 === pair.1 } }
        guard !dead.isEmpty else { return false }
        inDeadCode = true
        for l in dead { visitLambda(l) }
        inDeadCode = false
        return true
    }

    /// Instances per function at most; further combinations share the function itself.
    static let maxInstances = 8

    /// errors reported so far: instances of one function repeat its checks
    @exclusivity(unchecked) var reported = Set<String>()

    func error(_ message: String, at span: Span) {
        if reported.insert("\(span.start):\(span.end):\(message)").inserted { diags.error(message, at: span) }
    }

    init(solver: ConstraintSolver, diags: DiagnosticEngine, program: CoreProgram) {
        self.solver = solver; self.diags = diags; self.program = program
    }

    func visit(_ n: Node) {
        let t = n.type
        switch n.kind {
        case .int: solver.seed(t, .int)
        case .float: solver.seed(t, .float)
        case .bool: solver.seed(t, .bool)
        case .nil_: solver.seed(t, .nil_)
        case .string: solver.seed(t, .string)
        case .list(let items):
            let e = solver.fresh()
            for i in items { visit(i); escape(i); solver.flow(i.type, e) }
            solver.seed(t, .list(e))
        case .varRef(let v):
            if !inDeadCode { v.hasValueUses = true }
            solver.flow(v.type, t)
        case .builtin: solver.seed(t, .any)
        case .call(let callee, let args): visitCall(n, callee, args)
        case .lambda(let l):
            visitLambda(l)
            solver.seed(t, .fn(l.signature))
        case .letrec(let bindings, let body):
            for (v, initNode) in bindings {
                visit(initNode)
                // a repeated define is already a `set` node; plain expressions bind nothing
                if v === Var.placeholder { continue }
                if case .set = initNode.kind { continue }
                solver.flow(initNode.type, v.type)
            }
            for b in body { visit(b) }
            if let last = body.last { solver.flow(last.type, t) }
        case .if_(let c, let a, let b):
            visit(c); visit(a); visit(b)
            solver.flow(a.type, t); solver.flow(b.type, t)
        case .and(let items), .or(let items):
            for i in items { visit(i); solver.flow(i.type, t) }
            if items.isEmpty { solver.seed(t, .bool) }
        case .seq(let items):
            for i in items { visit(i) }
            if let last = items.last { solver.flow(last.type, t) } else { solver.seed(t, .nil_) }
        case .set(let v, let value):
            visit(value)
            solver.flow(value.type, v.type)
            solver.seed(t, .nil_)
        case .defineGlobal(let v, let value):
            if case .lambda(let l) = value.kind, v.knownLambda === l, l.captures.isEmpty {
                // A top-level function: its calls enter instances (typed on
                // their own); its own body is typed only if it is used as a
                // value (see visitDeferred).
                deferred.append((v, l))
                solver.seed(value.type, .fn(l.signature))
            } else {
                visit(value)
            }
            solver.flow(value.type, v.type)
            solver.seed(t, .nil_)
        case .construct(let c, let fields):
            for f in fields { visit(f); escape(f) }
            solver.seed(t, .adt(c.adt))
        case .ascribe(let value, let type):
            visit(value)
            ascriptions.append((value, type))
            switch type {
            case .int: solver.seed(t, .int)
            case .float: solver.seed(t, .float)
            case .bool: solver.seed(t, .bool)
            case .string: solver.seed(t, .string)
            case .nil_: solver.seed(t, .nil_)
            case .list(.int), .list(.float):
                // a list of raw Ints / Floats: checked (once) where it is only known at run time
                let e = solver.fresh()
                if case .list(.int) = type { solver.seed(e, .int) } else { solver.seed(e, .float) }
                solver.seed(t, .list(e))
            case .list:
                // a list of statically unknown elements stays one (the check is only that it is a list)
                solver.add(.listLike(value.type, result: t), watching: value.type)
            default:
                solver.flow(value.type, t)
            }
        case .match(let scrutinee, let arms):
            visit(scrutinee)
            if arms.contains(where: { !isBinding($0.pattern) }) { escape(scrutinee) }
            for arm in arms {
                bindPattern(arm.pattern, scrutinee.type)
                visit(arm.body)
                solver.flow(arm.body.type, t)
            }
            if arms.isEmpty { solver.seed(t, .any) }
        }
    }

    func visitLambda(_ l: LambdaNode) {
        l.isTyped = true
        solver.sigs.append(l.signature)
        for b in l.body { visit(b) }
        if let last = l.body.last { solver.flow(last.type, l.signature.result) } else { solver.seed(l.signature.result, .nil_) }
        if let s = l.selfVar { solver.seed(s.type, .fn(l.signature)) }
    }

    func isBinding(_ p: CorePattern) -> Bool {
        switch p {
        case .wildcard, .bind: return true
        default: return false
        }
    }

    /// Pattern variables get the type of the part of the value they bind:
    /// a list's element or tail, a tuple's item; a constructor's fields are Any.
    func bindPattern(_ p: CorePattern, _ value: TypeVar?) {
        switch p {
        case .bind(let v):
            if let value { solver.flow(value, v.type) } else { solver.seed(v.type, .any) }
        case .cons(let h, let t):
            guard let value else { bindPattern(h, nil); bindPattern(t, nil); return }
            let e = solver.fresh(), rest = solver.fresh()
            solver.add(.element(of: value, result: e), watching: value)
            solver.add(.listLike(value, result: rest), watching: value)
            bindPattern(h, e)
            bindPattern(t, rest)
        case .tuple(let ps):
            for (i, q) in ps.enumerated() {
                guard let value else { bindPattern(q, nil); continue }
                let x = solver.fresh()
                solver.add(.item(of: value, index: i, result: x), watching: value)
                bindPattern(q, x)
            }
        case .ctor(_, let ps): for q in ps { bindPattern(q, nil) }
        default: break
        }
    }

    func escape(_ n: Node) { solver.add(.escape(n.type), watching: n.type) }

    func visitCall(_ n: Node, _ callee: Node, _ args: [Node]) {
        for a in args { visit(a) }
        if case .builtin(let name) = callee.kind, let info = Builtins.lookup(name) {
            callee.type.state = .any
            visitBuiltinCall(n, name, info, args)
            return
        }
        if !inDeadCode, case .varRef(let v) = callee.kind, v.kind == .global, let lam = v.knownLambda, lam.captures.isEmpty {
            // a call of a top-level function enters its instance for the arguments
            if lam.params.count != args.count {
                error(arityMessage(v.name, lam.params.count, args.count), at: n.span)
                solver.seed(n.type, .any)
                return
            }
            solver.add(.instance(call: n, template: lam, args: args), watchingTypesOf: args)
            return
        }
        // a variable in callee position is called, not used as a value
        if case .varRef(let v) = callee.kind { solver.flow(v.type, callee.type) } else { visit(callee) }
        if case .varRef(let v) = callee.kind, let lam = v.knownLambda {
            if lam.params.count != args.count {
                error(arityMessage(v.name, lam.params.count, args.count), at: n.span)
                solver.seed(n.type, .any)
                return
            }
            for (a, p) in zip(args, lam.signature.params) { solver.flow(a.type, p) }
            solver.flow(lam.signature.result, n.type)
            return
        }
        calleeChecks.append(callee)
        solver.add(.call(callee: callee.type, args: args, result: n.type), watching: callee.type)
    }

    /// Enters the instance of `template` for the current types of `args`
    /// (Self's customization / the cartesian product algorithm): each
    /// combination of argument types gets its own copy of the function, typed
    /// for exactly those types, so a function used at Int and at Float becomes
    /// two machine functions. False (nothing done) while some argument's type
    /// is unknown, unless `force`.
    func instantiate(_ call: Node, _ template: LambdaNode, _ args: [Node], force: Bool) -> Bool {
        if !force && args.contains(where: { $0.type.state.isUnknown }) { return false }
        let keys = args.map { typeKey($0.type, depth: 0) }
        let target = instance(of: template, keys, args.map(\.type))
        let cid = ObjectIdentifier(call)
        if program.callTargets[cid] !== target {
            program.callTargets[cid] = target
            if target === template {
                for (a, p) in zip(args, target.signature.params) { solver.flow(a.type, p) }
            }
            solver.flow(target.signature.result, call.type)
        }
        // Arguments of unknown static type (read at run time, elements of a
        // heterogeneous list) that hold Ints at run time enter the Int
        // instance after one tag test (Self's customization): the hot
        // recursion then runs on machine integers.
        let numeric = numericParams(template)
        let speculated = keys.indices.filter { keys[$0] == "A" && numeric.contains($0) }
        if !speculated.isEmpty && speculated.count <= ConstraintGenerator.maxSpeculated {
            var specKeys = keys
            for i in speculated { specKeys[i] = "I" }
            let intType = solver.fresh()
            solver.seed(intType, .int)
            var specTypes = args.map(\.type)
            for i in speculated { specTypes[i] = intType }
            let fast = instance(of: template, specKeys, specTypes)
            if fast !== target && fast !== template && program.speculations[cid]?.target !== fast {
                program.speculations[cid] = (fast, speculated)
                solver.flow(fast.signature.result, call.type)
            }
        } else {
            program.speculations[cid] = nil
        }
        return true
    }

    /// The parameters a function uses as operands of arithmetic or
    /// comparisons (those worth testing for an Int at a call).
    func numericParams(_ template: LambdaNode) -> Set<Int> {
        let tid = ObjectIdentifier(template)
        if let known = numericParamCache[tid] { return known }
        var out = Set<Int>()
        func visit(_ n: Node) {
            switch n.kind {
            case .call(let f, let args):
                if case .builtin(let name) = f.kind, ConstraintGenerator.numericBuiltins.contains(name) {
                    for a in args {
                        if case .varRef(let v) = a.kind, let i = template.params.firstIndex(where: { $0 === v }) { out.insert(i) }
                    }
                }
                visit(f); args.forEach(visit)
            case .list(let xs), .and(let xs), .or(let xs), .seq(let xs), .construct(_, let xs): xs.forEach(visit)
            case .letrec(let bs, let body): bs.forEach { visit($0.1) }; body.forEach(visit)
            case .if_(let c, let t, let e): visit(c); visit(t); visit(e)
            case .set(_, let v), .defineGlobal(_, let v): visit(v)
            case .match(let s, let arms): visit(s); arms.forEach { visit($0.body) }
            case .lambda(let l): l.body.forEach(visit)
            default: break
            }
        }
        template.body.forEach(visit)
        numericParamCache[tid] = out
        return out
    }

    /// Builtins taking numbers (from the builtin table), comparisons and equality.
    static let numericBuiltins: Set<String> = Set(Builtins.table.values.filter { $0.args.contains(.number) }.map(\.name))
        .union(["<", ">", "<=", ">=", "=", "==", "!=", "not="])

    /// Arguments of unknown type tested at most, per call.
    static let maxSpeculated = 3

    /// The instance of `template` for argument types `keys`, made on first
    /// use; past `maxInstances` the function itself (typed by all its uses).
    func instance(of template: LambdaNode, _ keys: [String], _ types: [TypeVar]) -> LambdaNode {
        let key = keys.joined(separator: ",")
        let tid = ObjectIdentifier(template)
        var table = instanceKeys[tid, default: [:]]
        if let existing = table[key] { return existing }
        if table.count >= ConstraintGenerator.maxInstances {
            fallbackTemplates.insert(tid)
            return template
        }
        let cloner = CoreCloner(nextVarId: program.lastVarId, nextLambdaId: program.lastLambdaId)
        let copy = cloner.copy(template)
        program.lastVarId = cloner.varIdsUsed
        program.lastLambdaId = cloner.lambdaIdsUsed
        program.lambdas += cloner.newLambdas
        program.instances[tid, default: []].append(copy)
        table[key] = copy
        instanceKeys[tid] = table
        // An instance's parameters have exactly the types of its key: later
        // changes of a caller's argument types select another instance.
        for (p, t) in zip(copy.signature.params, types) { snapshot(t, into: p, depth: 0) }
        visitLambda(copy)
        return copy
    }

    /// Seeds `target` with the current type of `source` (deeply, as typeKey sees it).
    func snapshot(_ source: TypeVar, into target: TypeVar, depth: Int) {
        switch source.state {
        case .unknown: return
        case .list(let e):
            if depth > 3 { solver.seed(target, .any); return }
            let c = solver.fresh()
            snapshot(e, into: c, depth: depth + 1)
            solver.seed(target, .list(c))
        case .tuple(let xs):
            if depth > 3 { solver.seed(target, .any); return }
            let cs = xs.map { x -> TypeVar in let c = solver.fresh(); snapshot(x, into: c, depth: depth + 1); return c }
            solver.seed(target, .tuple(cs))
        default:
            solver.seed(target, source.state)
        }
    }

    /// The instance key of a type: its current state, with element types.
    func typeKey(_ t: TypeVar, depth: Int) -> String {
        switch t.state {
        case .unknown: return "?"
        case .int: return "I"
        case .float: return "F"
        case .bool: return "B"
        case .nil_: return "N"
        case .string: return "S"
        case .any: return "A"
        case .adt(let a): return "D\(a.index)"
        case .list(let e): return depth > 3 ? "L" : "L(\(typeKey(e, depth: depth + 1)))"
        case .tuple(let xs): return depth > 3 ? "T" : "T(" + xs.map { typeKey($0, depth: depth + 1) }.joined(separator: ",") + ")"
        case .fn(let s): return "Fn\(UInt(bitPattern: ObjectIdentifier(s).hashValue))"
        }
    }

    func visitBuiltinCall(_ n: Node, _ name: String, _ info: BuiltinInfo, _ args: [Node]) {
        if args.count < info.minArgs || (info.maxArgs.map { args.count > $0 } ?? false) {
            let expected = args.count < info.minArgs ? info.minArgs : info.maxArgs!
            let qualifier = info.minArgs == (info.maxArgs ?? -1) ? "" : (args.count < info.minArgs ? "at least " : "at most ")
            error("\(name) expects \(qualifier)\(plural(expected, "argument")), got \(args.count)", at: n.span)
        }
        for (i, a) in args.enumerated() {
            escape(a)
            let kind = info.argKind(i)
            if kind != .any { argChecks.append((name, kind, a)) }
        }
        let isComparison: Bool
        switch name {
        case "<", ">", "<=", ">=": isComparison = true
        default: isComparison = false
        }
        if info.result == .numeric || isComparison {
            // default the variable itself, not just this use of it
            for a in args {
                if case .varRef(let v) = a.kind { solver.numericHints.append(v.type) } else { solver.numericHints.append(a.type) }
            }
        }
        if typeContainerResult(n, name, args) { return }
        switch info.result {
        case .int: solver.seed(n.type, .int)
        case .float: solver.seed(n.type, .float)
        case .bool: solver.seed(n.type, .bool)
        case .nil_: solver.seed(n.type, .nil_)
        case .string: solver.seed(n.type, .string)
        case .list: solver.seed(n.type, .list(solver.fresh()))
        case .any: solver.seed(n.type, .any)
        case .numeric:
            if name == "/" && args.count == 1 {
                solver.add(.numeric(result: n.type, operands: args), watching: args[0].type)
            } else if args.isEmpty {
                solver.seed(n.type, .int)
            } else {
                solver.add(.numeric(result: n.type, operands: args), watchingTypesOf: args)
            }
        }
    }

    /// The result types of the builtins that build or take apart lists
    /// and tuples, in terms of their arguments' types. False for the others.
    func typeContainerResult(_ n: Node, _ name: String, _ args: [Node]) -> Bool {
        let t = n.type
        func listOf(_ s: TypeState) -> TypeState { let e = solver.fresh(); solver.seed(e, s); return .list(e) }
        // (arity errors are reported elsewhere; such a call's result is Any)
        let minArgs = ["cons": 2, "fst": 1, "snd": 1, "tuple-ref": 2, "zip": 2,
                       "head": 1, "car": 1, "first": 1, "last": 1, "nth": 1,
                       "tail": 1, "cdr": 1, "rest": 1, "reverse": 1, "take": 1, "drop": 1, "sort": 1]
        if let k = minArgs[name], args.count < k { return false }
        switch name {
        case "head", "car", "first", "last", "nth":
            solver.add(.element(of: args[0].type, result: t), watching: args[0].type)
        case "tail", "cdr", "rest", "reverse", "take", "drop", "sort":
            solver.add(.listLike(args[0].type, result: t), watching: args[0].type)
        case "%expect-list" where args.count == 2:
            solver.add(.listLike(args[1].type, result: t), watching: args[1].type)
        case "cons":
            let e = solver.fresh()
            solver.flow(args[0].type, e)
            solver.add(.element(of: args[1].type, result: e), watching: args[1].type)
            solver.seed(t, .list(e))
        case "append", "list":
            let e = solver.fresh()
            for a in args {
                if name == "list" { solver.flow(a.type, e) } else { solver.add(.element(of: a.type, result: e), watching: a.type) }
            }
            solver.seed(t, .list(e))
        case "range": solver.seed(t, listOf(.int))
        case "string-split", "string->list", "io:args": solver.seed(t, listOf(.string))
        case "tuple":
            let items = args.map { a -> TypeVar in let x = solver.fresh(); solver.flow(a.type, x); return x }
            solver.seed(t, .tuple(items))
        case "fst", "snd":
            solver.add(.item(of: args[0].type, index: name == "fst" ? 0 : 1, result: t), watching: args[0].type)
        case "tuple-ref":
            guard case .int(let i) = args[1].kind, i >= 0 else { return false }
            solver.add(.item(of: args[0].type, index: Int(i), result: t), watching: args[0].type)
        case "zip" where args.count == 2:
            let a = solver.fresh(), b = solver.fresh()
            solver.add(.element(of: args[0].type, result: a), watching: args[0].type)
            solver.add(.element(of: args[1].type, result: b), watching: args[1].type)
            let e = solver.fresh()
            solver.seed(e, .tuple([a, b]))
            solver.seed(t, .list(e))
        default:
            return false
        }
        return true
    }

    /// Operations that can never succeed are compile errors (§7).
    /// A value written in the source (a literal, a list literal, a lambda):
    /// the only operands whose wrong kind is a compile error. Any other
    /// value's type is what inference derived; an operation on it may sit
    /// on a path that never runs for that type (`(if (int? x) (+ x 1) ...)`
    /// in the String instance of a function), so it is checked at run time.
    func isLiteral(_ n: Node) -> Bool {
        switch n.kind {
        case .int, .float, .bool, .nil_, .string, .list, .lambda: return true
        default: return false
        }
    }

    func reportStaticErrors() {
        for (name, kind, arg) in argChecks where isLiteral(arg) {
            let s = arg.type.state
            let ok: Bool
            switch (kind, s) {
            case (_, .unknown), (_, .any), (.any, _): ok = true
            case (.number, .int), (.number, .float), (.int, .int), (.string, .string), (.list, .list),
                 (.listOrNil, .list), (.listOrNil, .nil_): ok = true
            default: ok = false
            }
            if !ok {
                error("'\(name)' expects \(kindName(kind)), got \(describe(arg))", at: arg.span)
            }
        }
        for (value, type) in ascriptions {
            if let got = mismatch(value.type, type, depth: 0) {
                error("expected \(type), got \(got)", at: value.span)
            }
        }
        for callee in calleeChecks where isLiteral(callee) {
            switch callee.type.state {
            case .int, .float, .bool, .nil_, .string, .list, .tuple, .adt:
                error("not a function: \(describe(callee, withType: false))", at: callee.span)
            default: break
            }
        }
    }

    /// The description of `t` when its inferred type can never be the
    /// declared type (nil when it can, or when it is not known statically).
    func mismatch(_ t: TypeVar, _ d: DeclaredType, depth: Int) -> String? {
        if depth > 3 { return nil }
        let s = t.state
        switch (d, s) {
        case (_, .unknown), (_, .any), (.any, _), (.variable, _): return nil
        case (.int, .int), (.float, .float), (.bool, .bool), (.string, .string), (.nil_, .nil_): return nil
        case (.list(let e), .list(let te)):
            return mismatch(te, e, depth: depth + 1).map { "(List \($0))" }
        case (.tuple(let ds), .tuple(let ts)) where ds.count == ts.count:
            for (x, y) in zip(ts, ds) { if mismatch(x, y, depth: depth + 1) != nil { return TypePrinter.describe(t) } }
            return nil
        case (.function(let ps, _), .fn(let sig)) where ps.count == sig.params.count: return nil
        case (.adt(let a, _), .adt(let b)) where a === b: return nil
        default: return TypePrinter.describe(t)
        }
    }

    func kindName(_ k: BuiltinInfo.Arg) -> String {
        switch k {
        case .any: return "a value"
        case .number: return "a number"
        case .string: return "a String"
        case .list: return "a List"
        case .int: return "an Int"
        case .listOrNil: return "a List"
        }
    }

    /// `String "a"` for literals, else the type name.
    func describe(_ n: Node, withType: Bool = true) -> String {
        let typeName = n.type.state.description
        let literal: String?
        switch n.kind {
        case .int(let i): literal = String(i)
        case .float(let d): literal = String(d)
        case .bool(let b): literal = b ? "#t" : "#f"
        case .nil_: literal = "nil"
        case .string(let s): literal = quoteString(s)
        default: literal = nil
        }
        guard let literal else { return withType ? typeName : "a value of type \(typeName)" }
        return withType ? "\(typeName) \(literal)" : literal
    }
}

func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }

public func arityMessage(_ name: String, _ expected: Int, _ got: Int) -> String {
    "\(name) expects \(plural(expected, "argument")), got \(got)"
}

