/// `match` and its patterns (LANGUAGE.md §6).
extension FormParser {
    /// `(match e (pattern body...)...)`; a clause may also be written `[pattern body...]`.
    func match(_ span: Span, _ operands: IDs) -> Expr? {
        guard let first = operands.first else { return fail("'match' expects an expression and clauses", span) }
        let subject = expr(first)
        let clauses = all(operands.dropFirst()) { matchClause($0) }
        guard let subject, let clauses else { return nil }
        return Expr(.match(subject, clauses), span)
    }

    private func matchClause(_ id: ID) -> MatchClause? {
        let items = tree.elements(id)
        guard let first = items.first else {
            return fail("malformed clause in 'match', expected (pattern body...)", tree.span(id))
        }
        let pattern = pattern(first)
        guard items.count > 1 else { return fail("empty body in 'match' clause", tree.span(id)) }
        let body = exprs(items.dropFirst())
        guard let pattern, let body else { return nil }
        return MatchClause(pattern: pattern, body: body, span: tree.span(id))
    }

    /// One pattern: `_`, a variable, a literal, `[]`, `[p... ...rest]`,
    /// `(Ctor p...)`, a bare `Ctor`, or `(tuple p...)`.
    func pattern(_ id: ID) -> Pattern? {
        let span = tree.span(id)
        let kind: PatternKind
        switch tree.kind(id) {
        case .int: kind = .int(tree.intValue(id))
        case .float: kind = .float(tree.floatValue(id))
        case .string: kind = .string(tree.stringValue(id))
        case .bool: kind = .bool(tree.boolValue(id))
        case .nil_: kind = .nil_
        case .keyword: return fail("invalid pattern ':\(tree.name(id))'", span)
        case .symbol:
            let name = tree.name(id)
            if name == "_" {
                kind = .wildcard
            } else if Names.isCapitalized(name) {
                kind = .constructor(Ident(name, span), [], bare: true)
            } else if Names.restName(name) != nil {
                return fail("'\(name)' is only allowed at the end of a list pattern", span)
            } else if name.hasPrefix(":") {
                return fail("invalid pattern '\(name)'", span)
            } else {
                kind = .variable(name)
            }
        case .bracket:
            guard let list = listPattern(tree.elements(id)) else { return nil }
            kind = list
        case .list:
            guard let compound = compoundPattern(tree.elements(id), span) else { return nil }
            kind = compound
        }
        return Pattern(kind, span)
    }

    /// `[]` or `[p1 p2 ...rest]` (commas are whitespace).
    private func listPattern(_ items: IDs) -> PatternKind? {
        guard !items.isEmpty else { return .emptyList }
        var elements: [Pattern] = []
        var rest: Ident?
        var ok = true
        for item in items {
            guard let name = tree.symbol(item), let restName = Names.restName(name) else {
                if let element = pattern(item) { elements.append(element) } else { ok = false }
                continue
            }
            let span = tree.span(item)
            if restName.isEmpty {
                diags.error("expected a name after '...' in list pattern", at: span)
                ok = false
            } else if item != items.last {
                diags.error("rest pattern '\(name)' must be last in a list pattern", at: span)
                ok = false
            } else if restName != "_" && !Names.isPatternVariable(String(restName)) {
                diags.error("invalid rest pattern '\(name)'", at: span)
                ok = false
            } else {
                rest = Ident(String(restName), span)
            }
        }
        return ok ? .list(elements, rest: rest) : nil
    }

    /// `(Ctor p...)` or `(tuple p...)`.
    private func compoundPattern(_ items: IDs, _ span: Span) -> PatternKind? {
        guard let head = items.first else { return fail("empty pattern '()'", span) }
        let arguments = all(items.dropFirst()) { pattern($0) }
        if tree.isSymbol(head, "tuple") { return arguments.map { .tuple($0) } }
        guard let name = tree.symbol(head), Names.isCapitalized(name) else {
            return fail("expected a constructor name at the head of a pattern, got \(tree.describe(head))", tree.span(head))
        }
        return arguments.map { .constructor(Ident(name, tree.span(head)), $0, bare: false) }
    }
}
