/// Declarations: `data`, `spec:contract`, `module`, `import`, `define-foreign`,
/// and the written types they use.
extension FormParser {
    /// `(data Name tvar... (Ctor Type...)...)`
    func data(_ span: Span, _ operands: IDs) -> Expr? {
        guard let first = operands.first, let name = tree.symbol(first) else {
            return fail("'data' expects a type name", span)
        }
        var ok = true
        if !Names.isCapitalized(name) {
            ok = false
            diags.error("type name '\(name)' must start with an uppercase letter", at: tree.span(first))
        }
        var typeParams: [Ident] = []
        var constructors: [ConstructorDecl] = []
        for item in operands.dropFirst() {
            if let param = tree.symbol(item), constructors.isEmpty, !Names.isCapitalized(param) {
                typeParams.append(Ident(param, tree.span(item)))
            } else if let constructor = constructorDecl(item) {
                constructors.append(constructor)
            } else {
                ok = false
            }
        }
        guard ok else { return nil }
        return Expr(.data(DataDecl(name: Ident(name, tree.span(first)), typeParams: typeParams,
                                   constructors: constructors)), span)
    }

    /// `(Ctor Type...)` inside `data`.
    private func constructorDecl(_ id: ID) -> ConstructorDecl? {
        let items = tree.elements(id)
        guard tree.kind(id) == .list, let head = items.first, let name = tree.symbol(head) else {
            if let bare = tree.symbol(id), Names.isCapitalized(bare) {
                return fail("expected a constructor in 'data', got '\(bare)' (write it as (\(bare)))", tree.span(id))
            }
            return fail("expected a constructor (Name Type...) in 'data', got \(tree.describe(id))", tree.span(id))
        }
        let fields = all(items.dropFirst()) { typeExpr($0) }
        guard Names.isCapitalized(name) else {
            return fail("constructor name '\(name)' must start with an uppercase letter", tree.span(head))
        }
        return fields.map { ConstructorDecl(name: Ident(name, tree.span(head)), fields: $0, span: tree.span(id)) }
    }

    /// A written type: `Int`, `a`, `(List Int)`, `(Function Int Int Bool)`.
    func typeExpr(_ id: ID) -> TypeExpr? {
        let span = tree.span(id)
        if let name = tree.symbol(id) { return TypeExpr(.name(name), span) }
        guard tree.kind(id) == .list else { return fail("expected a type, got \(tree.describe(id))", span) }
        let items = tree.elements(id)
        guard let head = items.first else { return fail("expected a type, got '()'", span) }
        let arguments = all(items.dropFirst()) { typeExpr($0) }
        guard let name = tree.symbol(head) else {
            return fail("expected a type name, got \(tree.describe(head))", tree.span(head))
        }
        return arguments.map { TypeExpr(.apply(name, $0), span) }
    }

    /// `(spec:contract f :requires [c...] :ensures [c...] :complexity "O(n)" :pure #t)`.
    /// A `:requires`/`:ensures` value that is not a `[...]` list is a single clause.
    func contract(_ span: Span, _ operands: IDs) -> Expr? {
        guard let first = operands.first, let function = tree.symbol(first) else {
            return fail("'spec:contract' expects a function name", span)
        }
        var ok = true
        var requires: [Expr] = [], ensures: [Expr] = []
        var requiresText: [String] = [], ensuresText: [String] = []
        var complexity: String?
        var pure: Bool?
        for option in options(operands.dropFirst(), of: "spec:contract", example: "requires", ok: &ok) {
            let value = option.value
            switch option.key {
            case "requires", "ensures":
                let clauses = tree.kind(value) == .bracket ? tree.elements(value) : option.valueAlone
                guard let built = exprs(clauses) else { ok = false; continue }
                if option.key == "requires" {
                    requires += built
                    requiresText += clauses.map { tree.text($0) }
                } else {
                    ensures += built
                    ensuresText += clauses.map { tree.text($0) }
                }
            case "complexity":
                guard tree.kind(value) == .string else {
                    ok = false
                    diags.error("':complexity' expects a string", at: tree.span(value))
                    continue
                }
                complexity = tree.stringValue(value)
            case "pure":
                guard tree.kind(value) == .bool else {
                    ok = false
                    diags.error("':pure' expects #t or #f", at: tree.span(value))
                    continue
                }
                pure = tree.boolValue(value)
            default:
                ok = false
                diags.error("unknown option ':\(option.key)' in 'spec:contract'", at: option.keySpan)
            }
        }
        guard ok else { return nil }
        let contract = Contract(function: Ident(function, tree.span(first)), requires: requires, ensures: ensures,
                                complexity: complexity, pure: pure, requiresText: requiresText, ensuresText: ensuresText)
        return Expr(.contract(contract), span)
    }

    /// `(module name (export a b...) body...)`; the export list is optional.
    func module(_ span: Span, _ operands: IDs) -> Expr? {
        guard let first = operands.first, let name = tree.symbol(first) else {
            return fail("'module' expects a name", span)
        }
        var rest = operands.dropFirst()
        var exports: [Ident]?
        var ok = true
        if let list = rest.first, tree.kind(list) == .list, let head = tree.elements(list).first,
           tree.isSymbol(head, "export") {
            exports = all(tree.elements(list).dropFirst()) {
                ident($0, "expected a name in 'export', got \(tree.describe($0))")
            }
            ok = exports != nil
            rest = rest.dropFirst()
        }
        let body = exprs(rest)
        guard ok, let body else { return nil }
        return Expr(.module(ModuleDecl(name: Ident(name, tree.span(first)), exports: exports, body: body)), span)
    }

    /// `(import "path")`, `(import "path" *)` or `(import "path" (a (b as c)))`.
    func import_(_ span: Span, _ operands: IDs) -> Expr? {
        guard let first = operands.first, tree.kind(first) == .string, operands.count <= 2 else {
            return fail("'import' expects a path string and an optional list of names", span)
        }
        var items: [ImportDecl.Item]?
        if let list = operands.dropFirst().first, !tree.isSymbol(list, "*") {
            guard tree.isList(list) else {
                return fail("'import' expects a list of names or '*' after the path", tree.span(list))
            }
            guard let built = all(tree.elements(list), importItem) else { return nil }
            items = built
        }
        let decl = ImportDecl(path: tree.stringValue(first), pathSpan: tree.span(first), items: items)
        return Expr(.import_(decl), span)
    }

    /// `name` or `(name as alias)`.
    private func importItem(_ id: ID) -> ImportDecl.Item? {
        if let name = tree.symbol(id) { return ImportDecl.Item(name: Ident(name, tree.span(id)), alias: nil) }
        let parts = Array(tree.elements(id))
        guard parts.count == 3, let name = tree.symbol(parts[0]), tree.isSymbol(parts[1], "as"),
              let alias = tree.symbol(parts[2]) else {
            return fail("malformed import item, expected name or (name as alias)", tree.span(id))
        }
        return ImportDecl.Item(name: Ident(name, tree.span(parts[0])), alias: Ident(alias, tree.span(parts[2])))
    }

    /// `(define-foreign name "c_symbol" (ArgType...) RetType :library "lib.so")`,
    /// the `:library` option being optional.
    func defineForeign(_ span: Span, _ operands: IDs) -> Expr? {
        let o = Array(operands)
        guard o.count >= 4, let name = tree.symbol(o[0]), tree.kind(o[1]) == .string, tree.isList(o[2]) else {
            return fail("'define-foreign' expects a name, a C symbol string, a list of argument types and a return type", span)
        }
        let argTypes = all(tree.elements(o[2])) { typeExpr($0) }
        let returnType = typeExpr(o[3])
        var library: String?
        var ok = true
        for option in options(operands.dropFirst(4), of: "define-foreign", example: "library", ok: &ok) {
            if option.key != "library" {
                ok = false
                diags.error("unknown option ':\(option.key)' in 'define-foreign'", at: option.keySpan)
            } else if tree.kind(option.value) == .string {
                library = tree.stringValue(option.value)
            } else {
                ok = false
                diags.error("':library' expects a string", at: tree.span(option.value))
            }
        }
        guard ok, let argTypes, let returnType else { return nil }
        let decl = ForeignDecl(name: Ident(name, tree.span(o[0])), symbol: tree.stringValue(o[1]),
                               argTypes: argTypes, returnType: returnType, library: library)
        return Expr(.defineForeign(decl), span)
    }

    /// One `:key value` pair at the end of a form, e.g. `:library "libm.so.6"`.
    private struct Option {
        let key: String
        let keySpan: Span
        let value: ID
        /// `value` as a one-element sequence.
        let valueAlone: IDs
    }

    /// Reads `:key value` pairs; a non-keyword or a missing value is reported and clears `ok`.
    private func options(_ items: IDs, of form: String, example: String, ok: inout Bool) -> [Option] {
        var result: [Option] = []
        var index = items.startIndex
        while index < items.endIndex {
            let key = items[index]
            guard tree.kind(key) == .keyword else {
                ok = false
                diags.error("expected an option such as ':\(example)' in '\(form)', got \(tree.describe(key))",
                            at: tree.span(key))
                index += 1
                continue
            }
            guard index + 1 < items.endIndex else {
                ok = false
                diags.error("missing value for ':\(tree.name(key))' in '\(form)'", at: tree.span(key))
                break
            }
            result.append(Option(key: tree.name(key), keySpan: tree.span(key), value: items[index + 1],
                                 valueAlone: items[index + 1 ..< index + 2]))
            index += 2
        }
        return result
    }
}
