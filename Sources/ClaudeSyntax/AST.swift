/// The abstract syntax tree the parser produces. Every node carries the span
/// of its source text; a form's span starts at its opening parenthesis.

/// A name as written, with its location.
public struct Ident: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let span: Span
    public init(_ name: String, _ span: Span) { self.name = name; self.span = span }
    public var description: String { name }
}

/// Only the recursive or large cases are `indirect`: leaves (literals, names)
/// and expression lists are stored inline, so building them allocates nothing.
public enum ExprKind: Sendable {
    // literals
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case nil_
    case string(String)
    /// `:name` used where an expression is expected (only meaningful inside forms).
    case keyword(String)

    case variable(String)
    /// `[a b c]`
    case listLiteral([Expr])
    /// `(f a b)`; `(effect io:print x)` is parsed as the call `(io:print x)`.
    indirect case call(Expr, [Expr])

    /// `(define name expr)`; `(define (f a b) body...)` becomes a define of a
    /// lambda whose `name` is f.
    indirect case define(Ident, Expr)
    indirect case lambda(Lambda)
    /// `let`, `letrec` and `let*` (all letrec* semantics).
    indirect case let_(LetKind, [Binding], [Expr])
    indirect case if_(Expr, Expr, Expr?)
    case cond([CondClause])
    indirect case when(Expr, [Expr])
    indirect case unless(Expr, [Expr])
    /// `do` and `begin`
    case begin([Expr])
    case and([Expr])
    case or([Expr])
    indirect case set(Ident, Expr)

    indirect case match(Expr, [MatchClause])
    indirect case data(DataDecl)
    /// `(: e Type)`
    indirect case ascribe(Expr, TypeExpr)
    indirect case contract(Contract)
    indirect case module(ModuleDecl)
    indirect case import_(ImportDecl)
    indirect case defineForeign(ForeignDecl)
}

public struct Expr: Sendable {
    public var kind: ExprKind
    public var span: Span
    public init(_ kind: ExprKind, _ span: Span) { self.kind = kind; self.span = span }
}

public enum LetKind: String, Sendable { case let_ = "let", letrec, letStar = "let*" }

public struct Binding: Sendable {
    public var name: Ident
    public var value: Expr
    public init(name: Ident, value: Expr) { self.name = name; self.value = value }
}

public struct Lambda: Sendable {
    /// The name given by `(define (f ...) ...)` or a let init, for printing `<function f>`.
    public var name: String?
    public var params: [Ident]
    /// `...rest` parameter, if any.
    public var rest: Ident?
    public var body: [Expr]
    public var span: Span
    public init(name: String?, params: [Ident], rest: Ident?, body: [Expr], span: Span) {
        self.name = name; self.params = params; self.rest = rest; self.body = body; self.span = span
    }
}

public struct CondClause: Sendable {
    /// nil for the `else` clause.
    public var test: Expr?
    public var body: [Expr]
    public var span: Span
    public init(test: Expr?, body: [Expr], span: Span) { self.test = test; self.body = body; self.span = span }
}

public indirect enum PatternKind: Sendable {
    case wildcard
    case variable(String)
    case int(Int64)
    case float(Double)
    case string(String)
    case bool(Bool)
    case nil_
    /// `[]`
    case emptyList
    /// `[p1 p2 ...rest]`; `rest` is the name after `...`.
    case list([Pattern], rest: Ident?)
    /// `(Ctor p...)` or a bare `None` (no arguments, `bare` true).
    case constructor(Ident, [Pattern], bare: Bool)
    /// `(tuple p...)`
    case tuple([Pattern])
}

public struct Pattern: Sendable {
    public var kind: PatternKind
    public var span: Span
    public init(_ kind: PatternKind, _ span: Span) { self.kind = kind; self.span = span }
}

public struct MatchClause: Sendable {
    public var pattern: Pattern
    public var body: [Expr]
    public var span: Span
    public init(pattern: Pattern, body: [Expr], span: Span) { self.pattern = pattern; self.body = body; self.span = span }
}

/// A written type: `Int`, `a`, `(List Int)`, `(Function Int Int Bool)`.
public indirect enum TypeExprKind: Sendable {
    case name(String)
    case apply(String, [TypeExpr])
}

public struct TypeExpr: Sendable {
    public var kind: TypeExprKind
    public var span: Span
    public init(_ kind: TypeExprKind, _ span: Span) { self.kind = kind; self.span = span }
}

/// `(data Name tvar... (Ctor Type...)...)`
public struct DataDecl: Sendable {
    public var name: Ident
    public var typeParams: [Ident]
    public var constructors: [ConstructorDecl]
    public init(name: Ident, typeParams: [Ident], constructors: [ConstructorDecl]) {
        self.name = name; self.typeParams = typeParams; self.constructors = constructors
    }
}

public struct ConstructorDecl: Sendable {
    public var name: Ident
    public var fields: [TypeExpr]
    public var span: Span
    public init(name: Ident, fields: [TypeExpr], span: Span) { self.name = name; self.fields = fields; self.span = span }
}

/// `(spec:contract f :requires [c...] :ensures [c...] :complexity "O(n)" :pure #t)`
public struct Contract: Sendable {
    public var function: Ident
    public var requires: [Expr]
    public var ensures: [Expr]
    public var complexity: String?
    public var pure: Bool?
    /// The source text of each requires / ensures clause, for messages.
    public var requiresText: [String]
    public var ensuresText: [String]
    public init(function: Ident, requires: [Expr], ensures: [Expr], complexity: String?, pure: Bool?,
                requiresText: [String], ensuresText: [String]) {
        self.function = function; self.requires = requires; self.ensures = ensures
        self.complexity = complexity; self.pure = pure
        self.requiresText = requiresText; self.ensuresText = ensuresText
    }
}

/// `(module name (export a b ...) body...)`; `exports` nil when the export list is absent.
public struct ModuleDecl: Sendable {
    public var name: Ident
    public var exports: [Ident]?
    public var body: [Expr]
    public init(name: Ident, exports: [Ident]?, body: [Expr]) { self.name = name; self.exports = exports; self.body = body }
}

/// `(import "path" (a (b as c)))`, `(import "path" *)`, `(import "path")`.
public struct ImportDecl: Sendable {
    public struct Item: Sendable {
        public var name: Ident
        public var alias: Ident?
        public init(name: Ident, alias: Ident?) { self.name = name; self.alias = alias }
    }
    public var path: String
    public var pathSpan: Span
    /// nil means everything (`*` or no list).
    public var items: [Item]?
    public init(path: String, pathSpan: Span, items: [Item]?) { self.path = path; self.pathSpan = pathSpan; self.items = items }
}

/// `(define-foreign name "c_symbol" (ArgType...) RetType [:library "libm.so.6"])`
public struct ForeignDecl: Sendable {
    public var name: Ident
    public var symbol: String
    public var argTypes: [TypeExpr]
    public var returnType: TypeExpr
    public var library: String?
    public init(name: Ident, symbol: String, argTypes: [TypeExpr], returnType: TypeExpr, library: String?) {
        self.name = name; self.symbol = symbol; self.argTypes = argTypes; self.returnType = returnType; self.library = library
    }
}

/// A parsed file: its top-level forms in order.
public struct Program: Sendable {
    public var source: SourceFile
    public var forms: [Expr]
    public init(source: SourceFile, forms: [Expr]) { self.source = source; self.forms = forms }
}
