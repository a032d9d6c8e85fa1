/// `claudelang emit --types`: the inferred type of every top-level
/// definition and every function.
public enum TypePrinter {
    public static func print(_ p: CoreProgram) -> String {
        var out = ""
        for g in p.globals {
            out += "\(g.name) : \(describe(g, in: p))\n"
        }
        for l in p.lambdas where l.isTyped {
            let params = zip(l.params, l.signature.params).map { "\($0.name): \(describe($1))" }.joined(separator: ", ")
            out += "lambda \(l.name ?? "<anonymous>") at \(l.span): (\(params)) -> \(describe(l.signature.result))\n"
        }
        return out
    }

    /// A global's type; a function called directly has one instance per
    /// combination of argument types (joined with `&`).
    public static func describe(_ v: Var, in p: CoreProgram) -> String {
        if let lam = v.knownLambda, let instances = p.instances[ObjectIdentifier(lam)], !instances.isEmpty {
            var seen: [String] = []
            for i in instances {
                let t = "(Function " + (i.signature.params + [i.signature.result]).map { describe($0, depth: 1) }.joined(separator: " ") + ")"
                if !seen.contains(t) { seen.append(t) }
            }
            // the function as a value (stored, passed) has a version of its own
            if v.hasValueUses {
                let t = describe(v.type)
                if !seen.contains(t) { seen.append(t) }
            }
            return seen.joined(separator: " & ")
        }
        return describe(v.type)
    }

    public static func describe(_ t: TypeVar, depth: Int = 0) -> String {
        switch t.state {
        case .unknown: return "Any"
        case .fn(let s):
            if depth > 3 { return "Function" }
            return "(Function " + (s.params + [s.result]).map { describe($0, depth: depth + 1) }.joined(separator: " ") + ")"
        case .list(let e):
            if depth > 3 { return "List" }
            return "(List \(describe(e, depth: depth + 1)))"
        case .tuple(let items):
            if depth > 3 { return "Tuple" }
            return "(Tuple " + items.map { describe($0, depth: depth + 1) }.joined(separator: " ") + ")"
        default: return t.state.description
        }
    }
}
