/// `claudelang emit --types`: the inferred type of every top-level
/// definition and every function.
public enum TypePrinter {
    public static func print(_ p: CoreProgram) -> String {
        var out = ""
        for g in p.globals {
            out += "\(g.name) : \(describe(g.type))\n"
        }
        for l in p.lambdas {
            let params = zip(l.params, l.signature.params).map { "\($0.name): \(describe($1))" }.joined(separator: ", ")
            out += "lambda \(l.name ?? "<anonymous>") at \(l.span): (\(params)) -> \(describe(l.signature.result))\n"
        }
        return out
    }

    public static func describe(_ t: TypeVar, depth: Int = 0) -> String {
        switch t.state {
        case .unknown: return "Any"
        case .fn(let s):
            if depth > 3 { return "Function" }
            return "(Function " + (s.params + [s.result]).map { describe($0, depth: depth + 1) }.joined(separator: " ") + ")"
        default: return t.state.description
        }
    }
}
