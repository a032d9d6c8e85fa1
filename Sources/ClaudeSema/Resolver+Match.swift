import ClaudeSyntax

/// `match`: patterns bind new variables in their clause's body; list
/// patterns become `empty` / `cons` patterns; constructors are looked up
/// among the program's data types.
extension ResolverImpl {
    func resolveMatch(_ subject: Expr, _ clauses: [MatchClause], _ span: Span) -> Node {
        let scrutinee = resolve(subject)
        var arms: [MatchArm] = []
        for clause in clauses {
            var vars: [Var] = []
            let pattern = resolvePattern(clause.pattern, &vars)
            let assigned = AssignedNames.collect(clause.body)
            for v in vars where assigned.contains(v.name) { v.isAssigned = true }
            openScope()
            for v in vars { bind(v.name, v) }
            let body = branches { resolveSequence(clause.body, span: clause.span) }
            closeScope()
            finishVars(vars)
            arms.append(MatchArm(pattern: pattern, body: body, span: clause.span, vars: vars))
        }
        Exhaustiveness.check(arms, at: span, diags: diags)
        return Node(.match(scrutinee, arms), span)
    }

    func resolvePattern(_ p: Pattern, _ vars: inout [Var]) -> CorePattern {
        switch p.kind {
        case .wildcard: return .wildcard
        case .variable(let name):
            if vars.contains(where: { $0.name == name }) {
                diags.error("duplicate pattern variable '\(name)'", at: p.span)
                return .wildcard
            }
            let v = newVar(name, p.span, .local)
            vars.append(v)
            return .bind(v)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .nil_: return .nil_
        case .emptyList: return .empty
        case .list(let items, let rest):
            let elements = items.map { resolvePattern($0, &vars) }
            var tail: CorePattern = .empty
            if let rest { tail = rest.name == "_" ? .wildcard : resolvePattern(Pattern(.variable(rest.name), rest.span), &vars) }
            return elements.reversed().reduce(tail) { .cons($1, $0) }
        case .tuple(let items):
            return .tuple(items.map { resolvePattern($0, &vars) })
        case .constructor(let name, let args, let bare):
            let fields = args.map { resolvePattern($0, &vars) }
            guard let c = shared.constructors[name.name] else {
                diags.error("unknown constructor '\(name.name)'", at: name.span)
                return .wildcard
            }
            if fields.count != c.arity {
                if bare {
                    diags.error("constructor '\(c.name)' has \(plural(c.arity, "field")): write (\(c.name) \(Array(repeating: "_", count: c.arity).joined(separator: " ")))", at: p.span)
                } else {
                    diags.error("constructor '\(c.name)' has \(plural(c.arity, "field")), the pattern gives \(fields.count)", at: p.span)
                }
                return .wildcard
            }
            return .ctor(c, fields)
        }
    }
}
