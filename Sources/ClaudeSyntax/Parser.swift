import Synchronization

/// The front end's entry point: source text to AST.
public enum Parser {
    /// Lex + parse a whole file. Never crashes or hangs on any input. Reports every
    /// error it can find (recover at the next top-level form / closing paren) into `diags`,
    /// and returns the forms it could build.
    public static func parse(_ source: SourceFile, diags: DiagnosticEngine) -> Program {
        let firstDiagnostic = diags.diagnostics.count
        let storage = Scratch.take()
        let forms = source.bytes.withUnsafeBufferPointer { bytes in
            source.lineStarts.withUnsafeBufferPointer { lineStarts -> [Expr] in
                Reader.read(source, bytes: bytes, lineStarts: lineStarts, diags: diags, into: storage)
                let tree = SExprTree.View(storage: storage, bytes: bytes.baseAddress ?? Scratch.noBytes,
                                          byteCount: bytes.count, source: source, names: storage.names)
                let parser = FormParser(tree: tree, diags: diags)
                let ids = storage.forms
                guard ids.count > 0 else { return [] }
                var forms: [Expr] = []
                forms.reserveCapacity(ids.count)
                for i in 0..<ids.count {
                    if let form = parser.expr(ids.base[i]) { forms.append(form) }
                }
                return forms
            }
        }
        Scratch.give(storage)
        // Report in source order, whichever stage found the problem.
        diags.sortByStart(from: firstDiagnostic)
        return Program(source: source, forms: forms)
    }

    /// One set of reader tables kept for the next parse (on any thread), so
    /// that parsing a small text allocates almost nothing but the AST.
    private enum Scratch {
        /// The kept `SExprStorage` (retained), or 0.
        static let slot = Atomic<UInt>(0)
        /// Tables larger than this are freed rather than kept.
        static let maxKeptBytes = 1 << 22
        static let noBytes = UnsafePointer<UInt8>(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))

        static func take() -> SExprStorage {
            let bits = slot.exchange(0, ordering: .acquiring)
            guard let pointer = UnsafeRawPointer(bitPattern: bits) else { return SExprStorage() }
            return Unmanaged<SExprStorage>.fromOpaque(pointer).takeRetainedValue()
        }

        static func give(_ storage: SExprStorage) {
            // Keep the object and its name table, but not huge tables.
            if storage.footprint > maxKeptBytes { storage.shrink() }
            let pointer = Unmanaged.passRetained(storage).toOpaque()
            let bits = UInt(bitPattern: pointer)
            if !slot.compareExchange(expected: 0, desired: bits, ordering: .releasing).exchanged {
                Unmanaged<SExprStorage>.fromOpaque(pointer).release()
            }
        }
    }
}

/// Turns S-expressions into AST nodes, recognising the special forms of
/// LANGUAGE.md §3 (implemented in the `FormParser+*.swift` extensions).
///
/// Every builder returns nil when its input is malformed, after reporting why;
/// it still examines all of its parts first, so one bad form reports all its
/// errors, and a form with an error anywhere inside is left out of the program.
struct FormParser {
    typealias ID = SExprTree.ID
    let tree: SExprTree.View
    let diags: DiagnosticEngine

    /// An expression. (Kept small, with the work in helpers, because it is on
    /// the recursion path: its stack frame is paid once per nesting level.)
    func expr(_ id: ID) -> Expr? {
        switch tree.kind(id) {
        case .list: return form(tree.elements(id), tree.span(id))
        case .bracket: return listLiteral(id)
        default: return atom(id)
        }
    }

    /// A literal, variable or keyword.
    private func atom(_ id: ID) -> Expr {
        let span = tree.span(id)
        switch tree.kind(id) {
        case .int: return Expr(.int(tree.intValue(id)), span)
        case .float: return Expr(.float(tree.floatValue(id)), span)
        case .string: return Expr(.string(tree.stringValue(id)), span)
        case .bool: return Expr(.bool(tree.boolValue(id)), span)
        case .nil_: return Expr(.nil_, span)
        case .keyword: return Expr(.keyword(tree.name(id)), span)
        case .symbol, .list, .bracket: return Expr(.variable(tree.name(id)), span)  // lists never get here
        }
    }

    /// `[a b c]`
    private func listLiteral(_ id: ID) -> Expr? {
        exprs(tree.elements(id)).map { Expr(.listLiteral($0), tree.span(id)) }
    }

    /// `(head operands...)`: a special form or a call.
    private func form(_ items: IDs, _ span: Span) -> Expr? {
        guard let head = items.first else { return fail("'()' is not an expression (use [] or nil)", span) }
        let operands = items.dropFirst()
        let callee: Expr?
        if let (special, name) = tree.headSymbol(head) {
            if let special { return specialForm(special, span, operands) }
            callee = Expr(.variable(name), tree.span(head))    // as `atom` makes it
        } else {
            callee = expr(head)
        }
        let args = exprs(operands)
        guard let callee, let args else { return nil }
        return Expr(.call(callee, args), span)
    }

    private func specialForm(_ form: SpecialForm, _ span: Span, _ operands: IDs) -> Expr? {
        switch form {
        case .define: return define(span, operands)
        case .lambda: return lambda(span, operands)
        case .let_: return let_(.let_, span, operands)
        case .letrec: return let_(.letrec, span, operands)
        case .letStar: return let_(.letStar, span, operands)
        case .if_: return if_(span, operands)
        case .cond: return cond(span, operands)
        case .when: return whenUnless(span, operands, isWhen: true)
        case .unless: return whenUnless(span, operands, isWhen: false)
        case .do_, .begin: return exprs(operands).map { Expr(.begin($0), span) }
        case .and: return exprs(operands).map { Expr(.and($0), span) }
        case .or: return exprs(operands).map { Expr(.or($0), span) }
        case .set: return set(span, operands)
        case .match: return match(span, operands)
        case .data: return data(span, operands)
        case .ascribe: return ascribe(span, operands)
        case .contract: return contract(span, operands)
        case .effect: return effect(span, operands)
        case .module: return module(span, operands)
        case .import_: return import_(span, operands)
        case .defineForeign: return defineForeign(span, operands)
        }
    }

    // MARK: - Helpers shared by the form builders

    /// Builds every element with `build`; nil if any of them failed.
    @inline(__always)
    func all<T>(_ items: IDs, _ build: (ID) -> T?) -> [T]? {
        guard !items.isEmpty else { return [] }
        var out: [T] = []
        out.reserveCapacity(items.count)
        var ok = true
        for item in items {
            if let value = build(item) { out.append(value) } else { ok = false }
        }
        return ok ? out : nil
    }

    func exprs(_ items: IDs) -> [Expr]? { all(items) { expr($0) } }

    /// A body of one or more expressions (lambda, define, the let family).
    func body(_ items: IDs, of form: String, at span: Span) -> [Expr]? {
        guard !items.isEmpty else { return fail("empty body in '\(form)'", span) }
        return exprs(items)
    }

    /// A symbol used as a name; anything else is reported with `message`.
    func ident(_ id: ID, _ message: @autoclosure () -> String) -> Ident? {
        guard let name = tree.symbol(id) else { return fail(message(), tree.span(id)) }
        return Ident(name, tree.span(id))
    }

    /// Reports `message` at `span` and returns nil.
    func fail<T>(_ message: String, _ span: Span) -> T? {
        diags.error(message, at: span)
        return nil
    }

    /// Gives an anonymous lambda the name it is defined or let-bound to, for
    /// printing `<function f>`.
    func named(_ value: Expr, _ name: String) -> Expr {
        guard case .lambda(var lambda) = value.kind, lambda.name == nil else { return value }
        lambda.name = name
        return Expr(.lambda(lambda), value.span)
    }
}
