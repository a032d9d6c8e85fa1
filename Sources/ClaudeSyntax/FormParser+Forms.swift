/// The core special forms: definitions, functions, binding, control flow.
/// Each takes the span of the whole form and the ids of its operands.
extension FormParser {
    /// `(define name expr)` or `(define (f params...) body...)`.
    func define(_ span: Span, _ operands: IDs) -> Expr? {
        let usage = "'define' expects a name and a value, or (name params...) and a body"
        guard let target = operands.first else { return fail(usage, span) }
        if let name = tree.symbol(target) {
            guard operands.count == 2 else { return fail("'define' expects a name and a value", span) }
            guard let value = expr(operands[operands.startIndex + 1]) else { return nil }
            return Expr(.define(Ident(name, tree.span(target)), named(value, name)), span)
        }
        guard tree.kind(target) == .list else { return fail(usage, span) }
        let signature = tree.elements(target)
        guard let nameID = signature.first else { return fail("expected a function name in 'define'", tree.span(target)) }
        let name = ident(nameID, "expected a function name in 'define', got \(tree.describe(nameID))")
        let params = parameters(signature.dropFirst(), of: "define")
        let body = body(operands.dropFirst(), of: "define", at: span)
        guard let name, let params, let body else { return nil }
        let lambda = Lambda(name: name.name, params: params.names, rest: params.rest, body: body, span: span)
        return Expr(.define(name, Expr(.lambda(lambda), span)), span)
    }

    /// `(lambda (params...) body...)`
    func lambda(_ span: Span, _ operands: IDs) -> Expr? {
        guard let list = operands.first, tree.isList(list) else {
            return fail("'lambda' expects a parameter list and a body", span)
        }
        let params = parameters(tree.elements(list), of: "lambda")
        let body = body(operands.dropFirst(), of: "lambda", at: span)
        guard let params, let body else { return nil }
        return Expr(.lambda(Lambda(name: nil, params: params.names, rest: params.rest, body: body, span: span)), span)
    }

    /// Parameter names, the last of which may be `...rest`.
    func parameters(_ items: IDs, of form: String) -> (names: [Ident], rest: Ident?)? {
        var names: [Ident] = []
        var rest: Ident?
        var ok = true
        for item in items {
            guard let name = tree.symbol(item) else {
                ok = false
                diags.error("expected a parameter name in '\(form)', got \(tree.describe(item))", at: tree.span(item))
                continue
            }
            guard let restName = Names.restName(name) else {
                names.append(Ident(name, tree.span(item)))
                continue
            }
            if restName.isEmpty {
                ok = false
                diags.error("expected a name after '...' in '\(form)'", at: tree.span(item))
            } else if item != items.last {
                ok = false
                diags.error("rest parameter '\(name)' must be the last parameter", at: tree.span(item))
            } else {
                rest = Ident(String(restName), tree.span(item))
            }
        }
        return ok ? (names, rest) : nil
    }

    /// `(let ((x e) [y e]...) body...)`, likewise `letrec` and `let*`; and the
    /// named let `(let loop ((x e)...) body...)`.
    func let_(_ kind: LetKind, _ span: Span, _ operands: IDs) -> Expr? {
        let form = kind.rawValue
        if kind == .let_, let first = operands.first, let loop = tree.symbol(first) {
            return namedLet(span, Ident(loop, tree.span(first)), operands.dropFirst())
        }
        guard let list = operands.first, tree.isList(list) else {
            return fail("'\(form)' expects a list of bindings and a body", span)
        }
        let bindings = all(tree.elements(list)) { binding($0, of: form) }
        let body = body(operands.dropFirst(), of: form, at: span)
        guard let bindings, let body else { return nil }
        return Expr(.let_(kind, bindings, body), span)
    }

    /// `(name value)` or `[name value]`.
    private func binding(_ id: ID, of form: String) -> Binding? {
        let pair = tree.elements(id)
        guard pair.count == 2, let nameID = pair.first, let name = tree.symbol(nameID) else {
            return fail("malformed binding in '\(form)', expected (name value)", tree.span(id))
        }
        guard let value = expr(pair[pair.startIndex + 1]) else { return nil }
        return Binding(name: Ident(name, tree.span(nameID)), value: named(value, name))
    }

    /// `(let loop ((x e)...) body...)` is Scheme's named let; it becomes
    /// `(let ((loop (lambda (x...) body...))) (loop e...))`.
    private func namedLet(_ span: Span, _ loop: Ident, _ operands: IDs) -> Expr? {
        guard let list = operands.first, tree.isList(list) else {
            return fail("named 'let' expects a list of bindings and a body", span)
        }
        let bindings = all(tree.elements(list)) { binding($0, of: "let") }
        let body = body(operands.dropFirst(), of: "let", at: span)
        guard let bindings, let body else { return nil }
        let function = Lambda(name: loop.name, params: bindings.map(\.name), rest: nil, body: body, span: span)
        let call = Expr(.call(Expr(.variable(loop.name), loop.span), bindings.map(\.value)), span)
        return Expr(.let_(.let_, [Binding(name: loop, value: Expr(.lambda(function), span))], [call]), span)
    }

    /// `(if c then)` or `(if c then else)`.
    func if_(_ span: Span, _ operands: IDs) -> Expr? {
        guard operands.count == 2 || operands.count == 3 else { return fail("'if' expects 2 or 3 operands", span) }
        guard let parts = exprs(operands) else { return nil }
        return Expr(.if_(parts[0], parts[1], parts.count == 3 ? parts[2] : nil), span)
    }

    /// `(cond (test e...)... (else e...))`
    func cond(_ span: Span, _ operands: IDs) -> Expr? {
        all(operands) { condClause($0, isLast: $0 == operands.last) }.map { Expr(.cond($0), span) }
    }

    /// `(test e...)` or `(else e...)`, the latter only as the last clause.
    private func condClause(_ id: ID, isLast: Bool) -> CondClause? {
        let items = tree.elements(id)
        guard let head = items.first else {
            return fail("malformed clause in 'cond', expected (test body...)", tree.span(id))
        }
        let isElse = tree.isSymbol(head, "else")
        if isElse && !isLast { diags.error("'else' must be the last clause in 'cond'", at: tree.span(id)) }
        let test = isElse ? nil : expr(head)
        let body = exprs(items.dropFirst())
        guard isElse ? isLast : test != nil, let body else { return nil }
        return CondClause(test: test, body: body, span: tree.span(id))
    }

    /// `(when c e...)` and `(unless c e...)`.
    func whenUnless(_ span: Span, _ operands: IDs, isWhen: Bool) -> Expr? {
        guard let first = operands.first else {
            return fail("'\(isWhen ? "when" : "unless")' expects a condition", span)
        }
        let condition = expr(first)
        let body = exprs(operands.dropFirst())
        guard let condition, let body else { return nil }
        return Expr(isWhen ? .when(condition, body) : .unless(condition, body), span)
    }

    /// `(set! x e)`
    func set(_ span: Span, _ operands: IDs) -> Expr? {
        guard operands.count == 2, let target = operands.first, let name = tree.symbol(target) else {
            return fail("'set!' expects a variable name and a value", span)
        }
        return expr(operands[operands.startIndex + 1]).map { Expr(.set(Ident(name, tree.span(target)), $0), span) }
    }

    /// `(effect ns:op args...)` is the call `(ns:op args...)`.
    func effect(_ span: Span, _ operands: IDs) -> Expr? {
        guard let op = operands.first, let name = tree.symbol(op) else {
            return fail("'effect' expects an operation name", span)
        }
        return exprs(operands.dropFirst()).map { Expr(.call(Expr(.variable(name), tree.span(op)), $0), span) }
    }

    /// `(: e Type)`
    func ascribe(_ span: Span, _ operands: IDs) -> Expr? {
        guard operands.count == 2 else { return fail("':' expects an expression and a type", span) }
        let value = expr(operands[operands.startIndex])
        let type = typeExpr(operands[operands.startIndex + 1])
        guard let value, let type else { return nil }
        return Expr(.ascribe(value, type), span)
    }
}
