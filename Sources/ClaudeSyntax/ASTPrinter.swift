/// `claudelang emit --ast`: the syntax tree as indented S-expressions with
/// each node's kind and location.
public enum ASTPrinter {
    public static func print(_ program: Program) -> String {
        var out = ""
        for f in program.forms { write(f, indent: 0, &out) }
        return out
    }

    static func line(_ text: String, _ span: Span, _ indent: Int, _ out: inout String) {
        out += String(repeating: "  ", count: indent) + text + "  @\(span.line):\(span.column)\n"
    }

    static func write(_ e: Expr, indent: Int, _ out: inout String) {
        let i = indent
        func kids(_ xs: [Expr]) { xs.forEach { write($0, indent: i + 1, &out) } }
        switch e.kind {
        case .int(let v): line("Int \(v)", e.span, i, &out)
        case .float(let v): line("Float \(v)", e.span, i, &out)
        case .bool(let v): line("Bool \(v ? "#t" : "#f")", e.span, i, &out)
        case .nil_: line("Nil", e.span, i, &out)
        case .string(let s): line("String \(s.debugDescription)", e.span, i, &out)
        case .keyword(let k): line("Keyword \(k)", e.span, i, &out)
        case .variable(let n): line("Var \(n)", e.span, i, &out)
        case .listLiteral(let xs): line("List", e.span, i, &out); kids(xs)
        case .call(let f, let args): line("Call", e.span, i, &out); kids([f] + args)
        case .define(let n, let v): line("Define \(n.name)", e.span, i, &out); kids([v])
        case .lambda(let l):
            let ps = l.params.map(\.name) + (l.rest.map { ["...\($0.name)"] } ?? [])
            line("Lambda\(l.name.map { " " + $0 } ?? "") (\(ps.joined(separator: " ")))", e.span, i, &out); kids(l.body)
        case .let_(let k, let bs, let body):
            line("Let \(k.rawValue)", e.span, i, &out)
            for b in bs { line("Binding \(b.name.name)", b.name.span, i + 1, &out); write(b.value, indent: i + 2, &out) }
            kids(body)
        case .if_(let c, let t, let f): line("If", e.span, i, &out); kids([c, t] + (f.map { [$0] } ?? []))
        case .cond(let cs):
            line("Cond", e.span, i, &out)
            for c in cs {
                line(c.test == nil ? "Else" : "Clause", c.span, i + 1, &out)
                if let t = c.test { write(t, indent: i + 2, &out) }
                c.body.forEach { write($0, indent: i + 2, &out) }
            }
        case .when(let c, let b): line("When", e.span, i, &out); kids([c] + b)
        case .unless(let c, let b): line("Unless", e.span, i, &out); kids([c] + b)
        case .begin(let xs): line("Do", e.span, i, &out); kids(xs)
        case .and(let xs): line("And", e.span, i, &out); kids(xs)
        case .or(let xs): line("Or", e.span, i, &out); kids(xs)
        case .set(let n, let v): line("Set \(n.name)", e.span, i, &out); kids([v])
        case .match(let s, let cs):
            line("Match", e.span, i, &out); kids([s])
            for c in cs { line("Clause", c.span, i + 1, &out); c.body.forEach { write($0, indent: i + 2, &out) } }
        case .data(let d): line("Data \(d.name.name) (\(d.constructors.map(\.name.name).joined(separator: " ")))", e.span, i, &out)
        case .ascribe(let x, _): line("Ascribe", e.span, i, &out); kids([x])
        case .contract(let c): line("Contract \(c.function.name)", e.span, i, &out)
        case .module(let m): line("Module \(m.name.name)", e.span, i, &out); kids(m.body)
        case .import_(let im): line("Import \(im.path.debugDescription)", e.span, i, &out)
        case .defineForeign(let f): line("DefineForeign \(f.name.name) \(f.symbol.debugDescription)", e.span, i, &out)
        }
    }
}
