import ClaudeSyntax

/// Walks the resolved tree and states how types flow through it.
final class ConstraintGenerator {
    let solver: ConstraintSolver
    let diags: DiagnosticEngine
    /// builtin arguments whose kind is checked once types are known
    @exclusivity(unchecked) var argChecks: [(builtin: String, kind: BuiltinInfo.Arg, arg: Node)] = []
    /// callees that must be functions
    @exclusivity(unchecked) var calleeChecks: [Node] = []

    init(solver: ConstraintSolver, diags: DiagnosticEngine) { self.solver = solver; self.diags = diags }

    func visit(_ n: Node) {
        let t = n.type
        switch n.kind {
        case .int: solver.seed(t, .int)
        case .float: solver.seed(t, .float)
        case .bool: solver.seed(t, .bool)
        case .nil_: solver.seed(t, .nil_)
        case .string: solver.seed(t, .string)
        case .list(let items):
            for i in items { visit(i); escape(i) }
            solver.seed(t, .list)
        case .varRef(let v): solver.flow(v.type, t)
        case .builtin: solver.seed(t, .any)
        case .call(let callee, let args): visitCall(n, callee, args)
        case .lambda(let l):
            solver.sigs.append(l.signature)
            for b in l.body { visit(b) }
            if let last = l.body.last { solver.flow(last.type, l.signature.result) } else { solver.seed(l.signature.result, .nil_) }
            solver.seed(t, .fn(l.signature))
            if let s = l.selfVar { solver.seed(s.type, .fn(l.signature)) }
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
            visit(value)
            solver.flow(value.type, v.type)
            solver.seed(t, .nil_)
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
        visit(callee)
        if case .varRef(let v) = callee.kind, let lam = v.knownLambda {
            if lam.params.count != args.count {
                diags.error(arityMessage(v.name, lam.params.count, args.count), at: n.span)
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

    func visitBuiltinCall(_ n: Node, _ name: String, _ info: BuiltinInfo, _ args: [Node]) {
        if args.count < info.minArgs || (info.maxArgs.map { args.count > $0 } ?? false) {
            let expected = args.count < info.minArgs ? info.minArgs : info.maxArgs!
            let qualifier = info.minArgs == (info.maxArgs ?? -1) ? "" : (args.count < info.minArgs ? "at least " : "at most ")
            diags.error("\(name) expects \(qualifier)\(plural(expected, "argument")), got \(args.count)", at: n.span)
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
        switch info.result {
        case .int: solver.seed(n.type, .int)
        case .float: solver.seed(n.type, .float)
        case .bool: solver.seed(n.type, .bool)
        case .nil_: solver.seed(n.type, .nil_)
        case .string: solver.seed(n.type, .string)
        case .list: solver.seed(n.type, .list)
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

    /// Operations that can never succeed are compile errors (§7).
    func reportStaticErrors() {
        for (name, kind, arg) in argChecks {
            let s = arg.type.state
            let ok: Bool
            switch (kind, s) {
            case (_, .unknown), (_, .any), (.any, _): ok = true
            case (.number, .int), (.number, .float), (.int, .int), (.string, .string), (.list, .list),
                 (.listOrNil, .list), (.listOrNil, .nil_): ok = true
            default: ok = false
            }
            if !ok {
                diags.error("'\(name)' expects \(kindName(kind)), got \(describe(arg))", at: arg.span)
            }
        }
        for callee in calleeChecks {
            switch callee.type.state {
            case .int, .float, .bool, .nil_, .string, .list:
                diags.error("not a function: \(describe(callee, withType: false))", at: callee.span)
            default: break
            }
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

