import ClaudeSyntax

/// The compile-time warning for a `match` on a data type that some value of
/// that type gets through (§6): the usefulness check of Maranget's
/// "Warnings for pattern matching" (JFP 2007), which also finds a witness.
enum Exhaustiveness {
    static func check(_ arms: [MatchArm], at span: Span, diags: DiagnosticEngine) {
        // Only matches on a data type are checked: other values (numbers,
        // strings) have no finite set of constructors.
        guard let adt = arms.lazy.compactMap({ rootConstructor($0.pattern)?.adt }).first else { return }
        let rows = arms.map { [$0.pattern] }
        // The constructors of the data type that no clause matches at the
        // top (each listed), or else one value that gets through.
        let heads = Set(arms.compactMap { rootConstructor($0.pattern)?.tag })
        if !arms.contains(where: { isIrrefutable($0.pattern) }) && heads.count < adt.constructors.count {
            let missing = adt.constructors.filter { !heads.contains($0.tag) }.map { c in
                c.arity == 0 ? c.name : "(\(c.name)\(String(repeating: " _", count: c.arity)))"
            }
            diags.warning("non-exhaustive match on \(adt.name): missing \(missing.joined(separator: ", "))", at: span)
            return
        }
        if let w = witness(rows, 1) {
            diags.warning("non-exhaustive match on \(adt.name): missing \(render(w[0], nested: false))", at: span)
        }
    }

    static func rootConstructor(_ p: CorePattern) -> CtorInfo? {
        if case .ctor(let c, _) = p { return c }
        return nil
    }

    static func isIrrefutable(_ p: CorePattern) -> Bool {
        switch p {
        case .wildcard, .bind: return true
        case .tuple(let ps): return ps.allSatisfy(isIrrefutable)
        default: return false
        }
    }

    /// A head constructor of a pattern column.
    enum Head: Hashable {
        case ctor(ObjectIdentifier, Int)
        case empty, cons, tuple(Int), bool(Bool)
        case literal(String)

        var arity: Int {
            switch self {
            case .ctor(_, let n), .tuple(let n): return n
            case .cons: return 2
            default: return 0
            }
        }
    }

    static func head(_ p: CorePattern) -> (Head, [CorePattern], CtorInfo?)? {
        switch p {
        case .wildcard, .bind: return nil
        case .ctor(let c, let ps): return (.ctor(ObjectIdentifier(c), ps.count), ps, c)
        case .empty: return (.empty, [], nil)
        case .cons(let h, let t): return (.cons, [h, t], nil)
        case .tuple(let ps): return (.tuple(ps.count), ps, nil)
        case .bool(let b): return (.bool(b), [], nil)
        case .int(let i): return (.literal("i\(i)"), [], nil)
        case .float(let d): return (.literal("f\(d)"), [], nil)
        case .string(let s): return (.literal("s\(s)"), [], nil)
        case .nil_: return (.literal("nil"), [], nil)
        }
    }

    /// The rows that match head `h` in the first column, with its fields spliced in.
    static func specialize(_ rows: [[CorePattern]], _ h: Head) -> [[CorePattern]] {
        rows.compactMap { row in
            guard let (rh, fields, _) = head(row[0]) else {
                return Array(repeating: .wildcard, count: h.arity) + row.dropFirst()
            }
            return rh == h ? fields + row.dropFirst() : nil
        }
    }

    /// A vector of n patterns that no row matches, or nil when the rows cover everything.
    static func witness(_ rows: [[CorePattern]], _ n: Int) -> [CorePattern]? {
        if n == 0 { return rows.isEmpty ? [] : nil }
        var heads: [Head] = []
        var ctorOf: [Head: CtorInfo] = [:]
        for row in rows {
            guard let (h, _, c) = head(row[0]) else { continue }
            if !heads.contains(h) { heads.append(h); ctorOf[h] = c }
        }
        // The complete signature of the column's type, when it is finite.
        var signature: [(Head, CorePattern)]? = nil
        if let c = ctorOf.values.first {
            signature = c.adt.constructors.map { k in
                (.ctor(ObjectIdentifier(k), k.arity), .ctor(k, Array(repeating: .wildcard, count: k.arity)))
            }
        } else if heads.contains(.empty) || heads.contains(.cons) {
            signature = [(.empty, .empty), (.cons, .cons(.wildcard, .wildcard))]
        } else if heads.contains(.bool(true)) || heads.contains(.bool(false)) {
            signature = [(.bool(true), .bool(true)), (.bool(false), .bool(false))]
        } else if let t = heads.first, case .tuple(let k) = t {
            signature = [(t, .tuple(Array(repeating: .wildcard, count: k)))]
        }
        if let sig = signature, sig.allSatisfy({ s in heads.contains(s.0) }) {
            for (h, template) in sig {
                if let w = witness(specialize(rows, h), h.arity + n - 1) {
                    return [rebuild(template, Array(w.prefix(h.arity)))] + w.dropFirst(h.arity)
                }
            }
            return nil
        }
        let defaults = rows.compactMap { row -> [CorePattern]? in head(row[0]) == nil ? Array(row.dropFirst()) : nil }
        guard let w = witness(defaults, n - 1) else { return nil }
        let missing = signature?.first { s in !heads.contains(s.0) }?.1 ?? .wildcard
        return [missing] + w
    }

    static func rebuild(_ template: CorePattern, _ fields: [CorePattern]) -> CorePattern {
        switch template {
        case .ctor(let c, _): return .ctor(c, fields)
        case .cons: return .cons(fields[0], fields[1])
        case .tuple: return .tuple(fields)
        default: return template
        }
    }

    static func render(_ p: CorePattern, nested: Bool) -> String {
        switch p {
        case .wildcard, .bind: return "_"
        case .ctor(let c, let ps):
            if ps.isEmpty { return nested ? "(\(c.name))" : c.name }
            return "(\(c.name) \(ps.map { render($0, nested: true) }.joined(separator: " ")))"
        case .empty: return "[]"
        case .cons(let h, let t):
            var items = [render(h, nested: true)]
            var rest = t
            while case .cons(let h2, let t2) = rest { items.append(render(h2, nested: true)); rest = t2 }
            if case .empty = rest { return "[\(items.joined(separator: " "))]" }
            return "[\(items.joined(separator: " ")) ...\(render(rest, nested: true))]"
        case .tuple(let ps): return "(tuple \(ps.map { render($0, nested: true) }.joined(separator: " ")))"
        case .bool(let b): return b ? "#t" : "#f"
        case .int(let i): return String(i)
        case .float(let d): return String(d)
        case .string(let s): return quoteString(s)
        case .nil_: return "nil"
        }
    }
}
