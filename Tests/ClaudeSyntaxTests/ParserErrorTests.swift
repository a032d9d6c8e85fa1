import XCTest
@testable import ClaudeSyntax

/// Diagnostics for malformed input: exact messages and positions, recovery.
final class ParserErrorTests: XCTestCase {
    func testBracketErrors() {
        XCTAssertEqual(Syntax.errors("(a))"), ["1:4: unexpected ')'"])
        XCTAssertEqual(Syntax.errors("]"), ["1:1: unexpected ']'"])
        XCTAssertEqual(Syntax.errors("(f\n  (g x]"), ["2:7: expected ')' to close '(' opened at 2:3", "2:8: expected ')' to close '(' opened at 1:1"])
        XCTAssertEqual(Syntax.errors("[1 2)"), ["1:5: expected ']' to close '[' opened at 1:1"])
        XCTAssertEqual(Syntax.errors("(define x\n  (+ 1 2)"), ["2:10: expected ')' to close '(' opened at 1:1"])
        // Every list still open at the end of the file is reported, innermost first.
        XCTAssertEqual(Syntax.errors("(a (b [c"), ["1:9: expected ']' to close '[' opened at 1:7",
                                                   "1:9: expected ')' to close '(' opened at 1:4",
                                                   "1:9: expected ')' to close '(' opened at 1:1"])
    }

    func testRecoveryKeepsGoodForms() {
        let (program, diags) = Syntax.parse("(define a 1))\n(define b (if))\n(define c 3)")
        XCTAssertEqual(diags.map { "\($0.span.line):\($0.span.column): \($0.message)" },
                       ["1:13: unexpected ')'", "2:11: 'if' expects 2 or 3 operands"])
        XCTAssertEqual(program.forms.map(ASTDump.expr), ["(define a 1)", "(define c 3)"])
    }

    func testDefineErrors() {
        XCTAssertEqual(Syntax.errors("(define)"), ["1:1: 'define' expects a name and a value, or (name params...) and a body"])
        XCTAssertEqual(Syntax.errors("(define x)"), ["1:1: 'define' expects a name and a value"])
        XCTAssertEqual(Syntax.errors("(define x 1 2)"), ["1:1: 'define' expects a name and a value"])
        XCTAssertEqual(Syntax.errors("(define 1 2)"), ["1:1: 'define' expects a name and a value, or (name params...) and a body"])
        XCTAssertEqual(Syntax.errors(" (define (f x))"), ["1:2: empty body in 'define'"])
        XCTAssertEqual(Syntax.errors("(define (1 x) x)"), ["1:10: expected a function name in 'define', got integer"])
        XCTAssertEqual(Syntax.errors("(define () x)"), ["1:9: expected a function name in 'define'"])
        XCTAssertEqual(Syntax.errors("(define (f \"a\" :k) x)"),
                       ["1:12: expected a parameter name in 'define', got string",
                        "1:16: expected a parameter name in 'define', got keyword ':k'"])
    }

    func testLambdaErrors() {
        XCTAssertEqual(Syntax.errors("(lambda x)"), ["1:1: 'lambda' expects a parameter list and a body"])
        XCTAssertEqual(Syntax.errors("(lambda)"), ["1:1: 'lambda' expects a parameter list and a body"])
        XCTAssertEqual(Syntax.errors("(lambda (x))"), ["1:1: empty body in 'lambda'"])
        XCTAssertEqual(Syntax.errors("(lambda (...r x) x)"), ["1:10: rest parameter '...r' must be the last parameter"])
        XCTAssertEqual(Syntax.errors("(lambda (x ...) x)"), ["1:12: expected a name after '...' in 'lambda'"])
    }

    func testLetErrors() {
        XCTAssertEqual(Syntax.errors("(let (x) x)"), ["1:7: malformed binding in 'let', expected (name value)"])
        XCTAssertEqual(Syntax.errors("(let ((x 1 2) (3 4)) x)"),
                       ["1:7: malformed binding in 'let', expected (name value)",
                        "1:15: malformed binding in 'let', expected (name value)"])
        XCTAssertEqual(Syntax.errors("(let* ((x 1)))"), ["1:1: empty body in 'let*'"])
        XCTAssertEqual(Syntax.errors("(letrec)"), ["1:1: 'letrec' expects a list of bindings and a body"])
        XCTAssertEqual(Syntax.errors("(let 5 x)"), ["1:1: 'let' expects a list of bindings and a body"])
        XCTAssertEqual(Syntax.errors("(let loop)"), ["1:1: named 'let' expects a list of bindings and a body"])
    }

    func testControlFormErrors() {
        XCTAssertEqual(Syntax.errors("(if)"), ["1:1: 'if' expects 2 or 3 operands"])
        XCTAssertEqual(Syntax.errors("(if a)"), ["1:1: 'if' expects 2 or 3 operands"])
        XCTAssertEqual(Syntax.errors("(if a b c d)"), ["1:1: 'if' expects 2 or 3 operands"])
        XCTAssertEqual(Syntax.errors("(cond x)"), ["1:7: malformed clause in 'cond', expected (test body...)"])
        XCTAssertEqual(Syntax.errors("(cond ())"), ["1:7: malformed clause in 'cond', expected (test body...)"])
        XCTAssertEqual(Syntax.errors("(cond (else 1) (a 2))"), ["1:7: 'else' must be the last clause in 'cond'"])
        XCTAssertEqual(Syntax.errors("(when)"), ["1:1: 'when' expects a condition"])
        XCTAssertEqual(Syntax.errors("(unless)"), ["1:1: 'unless' expects a condition"])
        XCTAssertEqual(Syntax.errors("(set! 1 2)"), ["1:1: 'set!' expects a variable name and a value"])
        XCTAssertEqual(Syntax.errors("(set! x)"), ["1:1: 'set!' expects a variable name and a value"])
        XCTAssertEqual(Syntax.errors("(effect)"), ["1:1: 'effect' expects an operation name"])
        XCTAssertEqual(Syntax.errors("(: x)"), ["1:1: ':' expects an expression and a type"])
        XCTAssertEqual(Syntax.errors("(: x 5)"), ["1:6: expected a type, got integer"])
        XCTAssertEqual(Syntax.errors("(f ())"), ["1:4: '()' is not an expression (use [] or nil)"])
    }

    func testMatchErrors() {
        XCTAssertEqual(Syntax.errors("(match)"), ["1:1: 'match' expects an expression and clauses"])
        XCTAssertEqual(Syntax.errors("(match x y)"), ["1:10: malformed clause in 'match', expected (pattern body...)"])
        XCTAssertEqual(Syntax.errors("(match x (a))"), ["1:10: empty body in 'match' clause"])
        XCTAssertEqual(Syntax.errors("(match x ([a ...] 1))"), ["1:14: expected a name after '...' in list pattern"])
        XCTAssertEqual(Syntax.errors("(match x ([...r a] 1))"), ["1:12: rest pattern '...r' must be last in a list pattern"])
        XCTAssertEqual(Syntax.errors("(match x (...r 1))"), ["1:11: '...r' is only allowed at the end of a list pattern"])
        XCTAssertEqual(Syntax.errors("(match x ((f a) 1))"), ["1:12: expected a constructor name at the head of a pattern, got 'f'"])
        XCTAssertEqual(Syntax.errors("(match x (() 1))"), ["1:11: empty pattern '()'"])
        XCTAssertEqual(Syntax.errors("(match x (:k 1))"), ["1:11: invalid pattern ':k'"])
        XCTAssertEqual(Syntax.errors("(match x ([...Xs] 1))"), ["1:12: invalid rest pattern '...Xs'"])
    }

    func testDeclarationErrors() {
        XCTAssertEqual(Syntax.errors("(data)"), ["1:1: 'data' expects a type name"])
        XCTAssertEqual(Syntax.errors("(data shape (Circle Float))"), ["1:7: type name 'shape' must start with an uppercase letter"])
        XCTAssertEqual(Syntax.errors("(data Color Red (Green))"),
                       ["1:13: expected a constructor in 'data', got 'Red' (write it as (Red))"])
        XCTAssertEqual(Syntax.errors("(data T (A) b)"), ["1:13: expected a constructor (Name Type...) in 'data', got 'b'"])
        XCTAssertEqual(Syntax.errors("(data T (leaf))"), ["1:10: constructor name 'leaf' must start with an uppercase letter"])
        XCTAssertEqual(Syntax.errors("(data T (A 1))"), ["1:12: expected a type, got integer"])
        XCTAssertEqual(Syntax.errors("(spec:contract)"), ["1:1: 'spec:contract' expects a function name"])
        XCTAssertEqual(Syntax.errors("(spec:contract f :requires)"), ["1:18: missing value for ':requires' in 'spec:contract'"])
        XCTAssertEqual(Syntax.errors("(spec:contract f :bogus 1 x)"),
                       ["1:18: unknown option ':bogus' in 'spec:contract'",
                        "1:27: expected an option such as ':requires' in 'spec:contract', got 'x'"])
        XCTAssertEqual(Syntax.errors("(spec:contract f :pure 1 :complexity 2)"),
                       ["1:24: ':pure' expects #t or #f", "1:38: ':complexity' expects a string"])
        XCTAssertEqual(Syntax.errors("(module)"), ["1:1: 'module' expects a name"])
        XCTAssertEqual(Syntax.errors("(module m (export a 1))"), ["1:21: expected a name in 'export', got integer"])
        XCTAssertEqual(Syntax.errors("(import geometry)"), ["1:1: 'import' expects a path string and an optional list of names"])
        XCTAssertEqual(Syntax.errors(#"(import "g" x)"#), ["1:13: 'import' expects a list of names or '*' after the path"])
        XCTAssertEqual(Syntax.errors(#"(import "g" (a (b c)))"#), ["1:16: malformed import item, expected name or (name as alias)"])
        XCTAssertEqual(Syntax.errors(#"(define-foreign f "f" Int Int)"#),
                       ["1:1: 'define-foreign' expects a name, a C symbol string, a list of argument types and a return type"])
        XCTAssertEqual(Syntax.errors(#"(define-foreign f "f" () Int :lib "m")"#), ["1:30: unknown option ':lib' in 'define-foreign'"])
        XCTAssertEqual(Syntax.errors(#"(define-foreign f "f" () Int :library m)"#), ["1:39: ':library' expects a string"])
    }

    func testSeveralErrorsInOneFileAreAllReported() {
        let source = """
        (define (f x) (+ x "a\\q"))
        (if)
        (let ((x)) x)
        (define ok 1)
        (lambda (1) 2))
        "open
        """
        // Reported in source order, whichever stage found them.
        XCTAssertEqual(Syntax.errors(source), [
            #"1:22: invalid escape '\q' in string"#,
            "2:1: 'if' expects 2 or 3 operands",
            "3:7: malformed binding in 'let', expected (name value)",
            "5:10: expected a parameter name in 'lambda', got integer",
            "5:15: unexpected ')'",
            "6:1: unterminated string",
        ])
        XCTAssertEqual(Syntax.parse(source).program.forms.map(ASTDump.expr),
                       [#"(define f (lambda f (x) (call + x "a")))"#, "(define ok 1)", #""open""#])
    }

    func testDiagnosticRendering() {
        let source = Syntax.source("(define x\n  (if ü))")
        let diags = DiagnosticEngine()
        _ = Parser.parse(source, diags: diags)
        XCTAssertEqual(diags.diagnostics.map { $0.render(source: source) },
                       ["t.cl:2:3: error: 'if' expects 2 or 3 operands\n  (if ü))\n  ^\n"])
    }
}
