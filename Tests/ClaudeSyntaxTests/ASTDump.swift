@testable import ClaudeSyntax

/// A compact S-expression rendering of the AST, so tests can state the
/// expected shape of a parse in one line.
enum ASTDump {
    static func expr(_ e: Expr) -> String {
        switch e.kind {
        case .int(let v): return "\(v)"
        case .float(let v): return "\(v)"
        case .bool(let v): return v ? "#t" : "#f"
        case .nil_: return "nil"
        case .string(let v): return v.debugDescription
        case .keyword(let k): return ":" + k
        case .variable(let name): return name
        case .listLiteral(let items): return "[" + list(items) + "]"
        case .call(let f, let args): return "(call " + list([f] + args) + ")"
        case .define(let name, let value): return "(define \(name) \(expr(value)))"
        case .lambda(let l): return lambda(l)
        case .let_(let kind, let bindings, let body):
            let bs = bindings.map { "(\($0.name) \(expr($0.value)))" }.joined(separator: " ")
            return "(\(kind.rawValue) (\(bs)) \(list(body)))"
        case .if_(let c, let t, let f): return "(if \(expr(c)) \(expr(t))" + (f.map { " " + expr($0) } ?? "") + ")"
        case .cond(let clauses):
            return "(cond" + clauses.map { " (" + ($0.test.map(expr) ?? "else") + prefixed($0.body) + ")" }.joined() + ")"
        case .when(let c, let body): return "(when \(expr(c))" + prefixed(body) + ")"
        case .unless(let c, let body): return "(unless \(expr(c))" + prefixed(body) + ")"
        case .begin(let body): return "(begin" + prefixed(body) + ")"
        case .and(let items): return "(and" + prefixed(items) + ")"
        case .or(let items): return "(or" + prefixed(items) + ")"
        case .set(let name, let value): return "(set! \(name) \(expr(value)))"
        case .match(let subject, let clauses):
            return "(match \(expr(subject))" + clauses.map { " (\(pattern($0.pattern))" + prefixed($0.body) + ")" }.joined() + ")"
        case .data(let d):
            let params = d.typeParams.isEmpty ? "" : " " + d.typeParams.map(\.name).joined(separator: " ")
            let ctors = d.constructors.map { " (\($0.name)" + $0.fields.map { " " + type($0) }.joined() + ")" }.joined()
            return "(data \(d.name)\(params)\(ctors))"
        case .ascribe(let e, let t): return "(: \(expr(e)) \(type(t)))"
        case .contract(let c):
            var out = "(spec:contract \(c.function) :requires [\(list(c.requires))] :ensures [\(list(c.ensures))]"
            if let complexity = c.complexity { out += " :complexity \(complexity.debugDescription)" }
            if let pure = c.pure { out += " :pure \(pure ? "#t" : "#f")" }
            return out + ")"
        case .module(let m):
            let exports = m.exports.map { " (export" + $0.map { " \($0)" }.joined() + ")" } ?? ""
            return "(module \(m.name)\(exports)" + prefixed(m.body) + ")"
        case .import_(let i):
            let item: (ImportDecl.Item) -> String = { item in item.alias.map { "(\(item.name) as \($0))" } ?? item.name.name }
            let items = i.items.map { " (" + $0.map(item).joined(separator: " ") + ")" } ?? " *"
            return "(import \(i.path.debugDescription)\(items))"
        case .defineForeign(let f):
            let lib = f.library.map { " :library \($0.debugDescription)" } ?? ""
            return "(define-foreign \(f.name) \(f.symbol.debugDescription) (\(f.argTypes.map(type).joined(separator: " "))) \(type(f.returnType))\(lib))"
        }
    }

    static func lambda(_ l: Lambda) -> String {
        var params = l.params.map(\.name)
        if let rest = l.rest { params.append("...\(rest.name)") }
        return "(lambda\(l.name.map { " " + $0 } ?? "") (\(params.joined(separator: " ")))" + prefixed(l.body) + ")"
    }

    static func pattern(_ p: Pattern) -> String {
        switch p.kind {
        case .wildcard: return "_"
        case .variable(let name): return name
        case .int(let v): return "\(v)"
        case .float(let v): return "\(v)"
        case .string(let v): return v.debugDescription
        case .bool(let v): return v ? "#t" : "#f"
        case .nil_: return "nil"
        case .emptyList: return "[]"
        case .list(let items, let rest):
            return "[" + (items.map(pattern) + (rest.map { ["...\($0.name)"] } ?? [])).joined(separator: " ") + "]"
        case .constructor(let name, let args, let bare):
            return bare ? name.name : "(" + ([name.name] + args.map(pattern)).joined(separator: " ") + ")"
        case .tuple(let items): return "(tuple" + items.map { " " + pattern($0) }.joined() + ")"
        }
    }

    static func type(_ t: TypeExpr) -> String {
        switch t.kind {
        case .name(let n): return n
        case .apply(let n, let args): return "(" + ([n] + args.map(type)).joined(separator: " ") + ")"
        }
    }

    static func list(_ items: [Expr]) -> String { items.map(expr).joined(separator: " ") }
    static func prefixed(_ items: [Expr]) -> String { items.map { " " + expr($0) }.joined() }
}
