import ClaudeSyntax

/// The part of the standard library written in ClaudeLang: the higher-order
/// list functions. `map` and `filter` recurse for the first 1000 elements
/// (no reversal for short lists) and go on with a loop and one `reverse`,
/// so a long list costs neither a deep native stack nor its page faults.
/// (Their accumulators start as a one-element list or `(take xs 0)`, never
/// a bare `[]`, so that they have the element type of the result.) A program gets its own copy of a prelude function (and
/// of the prelude functions that one calls) for every place that names it,
/// compiled with the program:
/// - the copy is typed and specialized with the caller's types (the
///   callback is a known closure, so calling it is a direct call), and
/// - every source location inside the copy is the caller's, so an error
///   raised by the library code itself (a callback of the wrong arity, `+`
///   on a String inside `fold`) is reported at the library call (§14).
///
/// Names ending in `%N` are variants for N arguments (`map` over two lists
/// is `map%3`); `Prelude.variant` picks one by argument count. They print as
/// the name before the `%`.
public enum Prelude {
    static let source = """
    (define (map f xs) (map-1 f (%expect-list "map" xs) 1000))
    (define (map-1 f xs depth)
      (cond ((empty? xs) [])
            ((== depth 0) (reverse (map-rev f (tail xs) [(f (head xs))])))
            (else (cons (f (head xs)) (map-1 f (tail xs) (- depth 1))))))
    (define (map-rev f xs acc)
      (if (empty? xs) acc (map-rev f (tail xs) (cons (f (head xs)) acc))))
    (define (map%3 f xs ys) (map-2 f (%expect-list "map" xs) (%expect-list "map" ys)))
    (define (map-2 f xs ys)
      (if (or (empty? xs) (empty? ys)) []
          (cons (f (head xs) (head ys)) (map-2 f (tail xs) (tail ys)))))
    (define (map%4 f xs ys zs)
      (map-3 f (%expect-list "map" xs) (%expect-list "map" ys) (%expect-list "map" zs)))
    (define (map-3 f xs ys zs)
      (if (or (empty? xs) (empty? ys) (empty? zs)) []
          (cons (f (head xs) (head ys) (head zs)) (map-3 f (tail xs) (tail ys) (tail zs)))))
    (define (filter pred xs) (filter-1 pred (%expect-list "filter" xs) 1000))
    (define (filter-1 pred xs depth)
      (cond ((empty? xs) [])
            ((== depth 0) (reverse (filter-rev pred xs (take xs 0))))
            ((pred (head xs)) (cons (head xs) (filter-1 pred (tail xs) (- depth 1))))
            (else (filter-1 pred (tail xs) depth))))
    (define (filter-rev pred xs acc)
      (cond ((empty? xs) acc)
            ((pred (head xs)) (filter-rev pred (tail xs) (cons (head xs) acc)))
            (else (filter-rev pred (tail xs) acc))))
    (define (fold f acc xs) (fold-1 f acc (%expect-list "fold" xs)))
    (define (fold-1 f acc xs)
      (if (empty? xs) acc (fold-1 f (f acc (head xs)) (tail xs))))
    (define (foldr f init xs) (foldr-1 f init (%expect-list "foldr" xs)))
    (define (foldr-1 f init xs)
      (if (empty? xs) init (f (head xs) (foldr-1 f init (tail xs)))))
    (define (reduce f xs)
      (let ((ys (%expect-list "reduce" xs)))
        (if (empty? ys)
            (error:raise "empty-list" "reduce of empty list")
            (fold-1 f (head ys) (tail ys)))))
    (define (any? pred xs) (any-1 pred (%expect-list "any?" xs)))
    (define (any-1 pred xs)
      (cond ((empty? xs) #f) ((pred (head xs)) #t) (else (any-1 pred (tail xs)))))
    (define (all? pred xs) (all-1 pred (%expect-list "all?" xs)))
    (define (all-1 pred xs)
      (cond ((empty? xs) #t) ((pred (head xs)) (all-1 pred (tail xs))) (else #f)))
    (define (list-index pred xs)
      (let loop ((ys (%expect-list "list-index" xs)) (i 0))
        (cond ((empty? ys) nil) ((pred (head ys)) i) (else (loop (tail ys) (+ i 1))))))
    (define (sort-merge less? xs ys)
      (cond ((empty? xs) ys)
            ((empty? ys) xs)
            ((less? (head ys) (head xs)) (cons (head ys) (sort-merge less? xs (tail ys))))
            (else (cons (head xs) (sort-merge less? (tail xs) ys)))))
    (define (sort-list less? xs n)
      (if (< n 2)
          xs
          (let ((half (quot n 2)))
            (sort-merge less? (sort-list less? (take xs half) half)
                              (sort-list less? (drop xs half) (- n half))))))
    (define (sort%2 xs less?)
      (let ((ys (%expect-list "sort" xs)))
        (sort-list less? ys (length ys))))
    (define (sort-by key xs)
      (let ((ys (%expect-list "sort-by" xs)))
        (sort-list (lambda (a b) (< (key a) (key b))) ys (length ys))))
    """

    /// The prelude function to copy for a call of `name` with `argc`
    /// arguments (nil: `name` is not a prelude function at that arity).
    public static func variant(_ name: String, argc: Int?) -> String? {
        if let argc, definitions[name + "%\(argc)"] != nil { return name + "%\(argc)" }
        return definitions[name] != nil && !name.contains("%") && !internalNames.contains(name) ? name : nil
    }

    /// Names used only by other prelude functions.
    static let internalNames: Set<String> = ["map-1", "map-rev", "map-2", "map-3", "filter-1", "filter-rev", "fold-1", "foldr-1",
                                              "any-1", "all-1", "sort-merge", "sort-list"]

    /// The definitions in source order, parsed once.
    static let parsed: [(name: String, form: Expr)] = {
        let diags = DiagnosticEngine()
        let program = Parser.parse(SourceFile(path: "<prelude>", text: source), diags: diags)
        precondition(!diags.hasErrors, "the prelude does not parse")
        return program.forms.compactMap { f in
            if case .define(let n, _) = f.kind { return (n.name, f) }
            return nil
        }
    }()

    /// The parsed definitions by name.
    static let definitions: [String: Expr] = Dictionary(uniqueKeysWithValues: parsed.map { ($0.name, $0.form) })

    /// `name` and every prelude function it refers to, in prelude order.
    static func closure(of name: String) -> [String] {
        var seen: Set<String> = [name]
        var work = [name]
        while let n = work.popLast() {
            for ref in PreludeRefs.names(in: definitions[n]!) where definitions[ref] != nil && seen.insert(ref).inserted {
                work.append(ref)
            }
        }
        return parsed.map(\.name).filter(seen.contains)
    }

    /// The display name of a prelude function (`map%3` prints as `map`).
    public static func displayName(_ name: String) -> String {
        if let i = name.firstIndex(of: "%") { return String(name[..<i]) }
        return name
    }
}

/// The variable names an expression mentions (a superset of its free names).
enum PreludeRefs {
    static func names(in e: Expr) -> Set<String> {
        var out = Set<String>()
        visit(e, &out)
        return out
    }

    static func visit(_ e: Expr, _ out: inout Set<String>) {
        switch e.kind {
        case .variable(let n): out.insert(n)
        case .call(let f, let args): visit(f, &out); args.forEach { visit($0, &out) }
        case .listLiteral(let xs), .begin(let xs), .and(let xs), .or(let xs): xs.forEach { visit($0, &out) }
        case .define(_, let v), .set(_, let v): visit(v, &out)
        case .lambda(let l): l.body.forEach { visit($0, &out) }
        case .let_(_, let bs, let body): bs.forEach { visit($0.value, &out) }; body.forEach { visit($0, &out) }
        case .if_(let c, let t, let f): visit(c, &out); visit(t, &out); if let f { visit(f, &out) }
        case .cond(let cs): for c in cs { if let t = c.test { visit(t, &out) }; c.body.forEach { visit($0, &out) } }
        case .when(let c, let b), .unless(let c, let b): visit(c, &out); b.forEach { visit($0, &out) }
        default: break
        }
    }
}

/// A copy of an expression with every source location replaced by one span.
enum SpanRewriter {
    static func rewrite(_ e: Expr, to s: Span) -> Expr {
        func r(_ x: Expr) -> Expr { rewrite(x, to: s) }
        func rs(_ xs: [Expr]) -> [Expr] { xs.map(r) }
        func id(_ i: Ident) -> Ident { Ident(i.name, s) }
        let kind: ExprKind
        switch e.kind {
        case .int, .float, .bool, .nil_, .string, .keyword, .variable: kind = e.kind
        case .listLiteral(let xs): kind = .listLiteral(rs(xs))
        case .call(let f, let args): kind = .call(r(f), rs(args))
        case .define(let n, let v): kind = .define(id(n), r(v))
        case .lambda(let l):
            kind = .lambda(Lambda(name: l.name, params: l.params.map(id), rest: l.rest.map(id), body: rs(l.body), span: s))
        case .let_(let k, let bs, let body):
            kind = .let_(k, bs.map { Binding(name: id($0.name), value: r($0.value)) }, rs(body))
        case .if_(let c, let t, let f): kind = .if_(r(c), r(t), f.map(r))
        case .cond(let cs): kind = .cond(cs.map { CondClause(test: $0.test.map(r), body: rs($0.body), span: s) })
        case .when(let c, let b): kind = .when(r(c), rs(b))
        case .unless(let c, let b): kind = .unless(r(c), rs(b))
        case .begin(let xs): kind = .begin(rs(xs))
        case .and(let xs): kind = .and(rs(xs))
        case .or(let xs): kind = .or(rs(xs))
        case .set(let n, let v): kind = .set(id(n), r(v))
        default: preconditionFailure("the prelude uses only the core forms")
        }
        return Expr(kind, s)
    }
}
