import XCTest
@testable import ClaudeSyntax

/// The AST shape of every literal and special form (LANGUAGE.md §3).
final class ParserFormTests: XCTestCase {
    func testLiterals() {
        let forms = Syntax.dump(#"42 -17 0x1F 3.14 "s\n" #t #f true false nil :key x .5 [1, 2 3] []"#)
        XCTAssertEqual(forms.split(separator: "\n"),
                       ["42", "-17", "31", "3.14", #""s\n""#, "#t", "#f", "#t", "#f", "nil", ":key", "x", ".5",
                        "[1 2 3]", "[]"])
    }

    func testCallsAndEffect() {
        XCTAssertEqual(Syntax.dump("(f 1 (g x))"), "(call f 1 (call g x))")
        XCTAssertEqual(Syntax.dump("((compose f g) 1)"), "(call (call compose f g) 1)")
        XCTAssertEqual(Syntax.dump("(effect io:print \"hi\" x)"), #"(call io:print "hi" x)"#)
        XCTAssertEqual(Syntax.dump("(io:read-line)"), "(call io:read-line)")
    }

    func testDefine() {
        XCTAssertEqual(Syntax.dump("(define x 1)"), "(define x 1)")
        XCTAssertEqual(Syntax.dump("(define (f a b) (+ a b) b)"), "(define f (lambda f (a b) (call + a b) b))")
        XCTAssertEqual(Syntax.dump("(define (g) 1)"), "(define g (lambda g () 1))")
        XCTAssertEqual(Syntax.dump("(define (h a ...rest) rest)"), "(define h (lambda h (a ...rest) rest))")
        XCTAssertEqual(Syntax.dump("(define f (lambda (x) x))"), "(define f (lambda f (x) x))")
        XCTAssertEqual(Syntax.dump("(define pi 3)"), "(define pi 3)")
    }

    func testFunctionDefineSpans() {
        let (program, _) = Syntax.parse("\n  (define (f a) a)")
        let define = program.forms[0]
        guard case .define(let name, let value) = define.kind, case .lambda(let lambda) = value.kind else {
            return XCTFail("not a function define")
        }
        XCTAssertEqual(define.span, Span(file: "t.cl", start: 3, end: 19, line: 2, column: 3))
        XCTAssertEqual(value.span, define.span)
        XCTAssertEqual(lambda.span, define.span)
        XCTAssertEqual(name.span.description, "t.cl:2:12")
        XCTAssertEqual(lambda.params[0].span.description, "t.cl:2:14")
    }

    func testLambda() {
        XCTAssertEqual(Syntax.dump("(lambda (a b) a)"), "(lambda (a b) a)")
        XCTAssertEqual(Syntax.dump("(lambda () 1 2)"), "(lambda () 1 2)")
        XCTAssertEqual(Syntax.dump("(lambda (...xs) xs)"), "(lambda (...xs) xs)")
        XCTAssertEqual(Syntax.dump("(lambda [a] a)"), "(lambda (a) a)")
        let (program, _) = Syntax.parse("(lambda (a ...r) r)")
        guard case .lambda(let l) = program.forms[0].kind else { return XCTFail() }
        XCTAssertEqual(l.rest?.name, "r")
        XCTAssertNil(l.name)
    }

    func testLetFamily() {
        XCTAssertEqual(Syntax.dump("(let ((x 1) [y 2]) x y)"), "(let ((x 1) (y 2)) x y)")
        XCTAssertEqual(Syntax.dump("(letrec ((f (lambda (n) (f n)))) f)"), "(letrec ((f (lambda f (n) (call f n)))) f)")
        XCTAssertEqual(Syntax.dump("(let* () 1)"), "(let* () 1)")
        XCTAssertEqual(Syntax.dump("(let [(x 1)] x)"), "(let ((x 1)) x)")
    }

    func testNamedLet() {
        XCTAssertEqual(Syntax.dump("(let loop ((i 0) (acc 1)) (loop i acc))"),
                       "(let ((loop (lambda loop (i acc) (call loop i acc)))) (call loop 0 1))")
    }

    func testControlForms() {
        XCTAssertEqual(Syntax.dump("(if c 1 2)"), "(if c 1 2)")
        XCTAssertEqual(Syntax.dump("(if c 1)"), "(if c 1)")
        XCTAssertEqual(Syntax.dump("(cond ((< x 0) -1) ((= x 0)) (else 1 2))"),
                       "(cond ((call < x 0) -1) ((call = x 0)) (else 1 2))")
        XCTAssertEqual(Syntax.dump("(cond)"), "(cond)")
        XCTAssertEqual(Syntax.dump("(cond [a 1] [else 2])"), "(cond (a 1) (else 2))")
        XCTAssertEqual(Syntax.dump("(when c a b)"), "(when c a b)")
        XCTAssertEqual(Syntax.dump("(unless c)"), "(unless c)")
        XCTAssertEqual(Syntax.dump("(do a b)"), "(begin a b)")
        XCTAssertEqual(Syntax.dump("(begin)"), "(begin)")
        XCTAssertEqual(Syntax.dump("(do)"), "(begin)")
        XCTAssertEqual(Syntax.dump("(and) (and a b) (or) (or a)"), "(and)\n(and a b)\n(or)\n(or a)")
        XCTAssertEqual(Syntax.dump("(set! x (+ x 1))"), "(set! x (call + x 1))")
    }

    func testMatchPatterns() {
        let source = """
        (match v
          (_ 0) (x x) (42 1) (-1.5 2) ("s" 3) (#t 4) (false 5) (nil 6)
          ([] 7) ([a, b ...rest] 8) ([...all] 9) ([_ 1] 10) ([x ..._] 11)
          ((Some (Pair a _)) 12) (None 13) ((None) 14) ((tuple a [b]) 15) ((tuple) 16)
          [Leaf 17] (éa 18))
        """
        XCTAssertEqual(Syntax.dump(source), """
        (match v (_ 0) (x x) (42 1) (-1.5 2) ("s" 3) (#t 4) (#f 5) (nil 6) ([] 7) ([a b ...rest] 8) \
        ([...all] 9) ([_ 1] 10) ([x ..._] 11) ((Some (Pair a _)) 12) (None 13) ((None) 14) \
        ((tuple a [b]) 15) ((tuple) 16) (Leaf 17) (éa 18))
        """)
        let (program, _) = Syntax.parse("(match v (None 1))")
        guard case .match(_, let clauses) = program.forms[0].kind,
              case .constructor(let name, let args, let bare) = clauses[0].pattern.kind else { return XCTFail() }
        XCTAssertEqual(name.name, "None")
        XCTAssertEqual(args.count, 0)
        XCTAssertTrue(bare)
        XCTAssertEqual(clauses[0].span.description, "t.cl:1:10")
    }

    func testData() {
        XCTAssertEqual(Syntax.dump("(data Shape (Circle Float) (Rect Float Float))"),
                       "(data Shape (Circle Float) (Rect Float Float))")
        XCTAssertEqual(Syntax.dump("(data Tree a (Leaf) (Node (Tree a) a (Tree a)))"),
                       "(data Tree a (Leaf) (Node (Tree a) a (Tree a)))")
        XCTAssertEqual(Syntax.dump("(data Pair a b (Pair a b))"), "(data Pair a b (Pair a b))")
    }

    func testAscription() {
        XCTAssertEqual(Syntax.dump("(: (f x) (Function Int (List a) Bool))"),
                       "(: (call f x) (Function Int (List a) Bool))")
        XCTAssertEqual(Syntax.dump("(: 1 Int)"), "(: 1 Int)")
    }

    func testContract() {
        let source = """
        (spec:contract fact
          :requires [(>= n 0) (< n   21)]
          :ensures [(> result 0)]
          :complexity "O(n)" :pure #t)
        """
        XCTAssertEqual(Syntax.dump(source), """
        (spec:contract fact :requires [(call >= n 0) (call < n 21)] :ensures [(call > result 0)] \
        :complexity "O(n)" :pure #t)
        """)
        let (program, _) = Syntax.parse(source)
        guard case .contract(let c) = program.forms[0].kind else { return XCTFail() }
        XCTAssertEqual(c.requiresText, ["(>= n 0)", "(< n   21)"])
        XCTAssertEqual(c.ensuresText, ["(> result 0)"])
        XCTAssertEqual(c.function.name, "fact")
        XCTAssertEqual(Syntax.dump("(spec:contract f :requires (> n 0))"),
                       "(spec:contract f :requires [(call > n 0)] :ensures [])")
        XCTAssertEqual(Syntax.dump("(spec:contract f)"), "(spec:contract f :requires [] :ensures [])")
    }

    func testModulesAndImports() {
        XCTAssertEqual(Syntax.dump("(module geometry (export area perimeter) (define area 1))"),
                       "(module geometry (export area perimeter) (define area 1))")
        XCTAssertEqual(Syntax.dump("(module m (define x 1))"), "(module m (define x 1))")
        XCTAssertEqual(Syntax.dump("(module m (export))"), "(module m (export))")
        XCTAssertEqual(Syntax.dump(#"(import "geometry" (area (perimeter as perim)))"#),
                       #"(import "geometry" (area (perimeter as perim)))"#)
        XCTAssertEqual(Syntax.dump(#"(import "geometry" *)"#), #"(import "geometry" *)"#)
        XCTAssertEqual(Syntax.dump(#"(import "lib/geometry")"#), #"(import "lib/geometry" *)"#)
        XCTAssertEqual(Syntax.dump(#"(import "g" [a [b as c]])"#), #"(import "g" (a (b as c)))"#)
        let (program, _) = Syntax.parse(#"(import "g" ((b as c)))"#)
        guard case .import_(let decl) = program.forms[0].kind else { return XCTFail() }
        XCTAssertEqual(decl.pathSpan.description, "t.cl:1:9")
        XCTAssertEqual(decl.items?[0].alias?.span.description, "t.cl:1:20")
    }

    func testDefineForeign() {
        XCTAssertEqual(Syntax.dump(#"(define-foreign c-cos "cos" (Float) Float)"#),
                       #"(define-foreign c-cos "cos" (Float) Float)"#)
        XCTAssertEqual(Syntax.dump(#"(define-foreign c-pow "pow" (Float Float) Float :library "libm.so.6")"#),
                       #"(define-foreign c-pow "pow" (Float Float) Float :library "libm.so.6")"#)
        XCTAssertEqual(Syntax.dump(#"(define-foreign now "time_now" () Int)"#), #"(define-foreign now "time_now" () Int)"#)
    }

    func testKeywordsAndSpecialNamesAsValues() {
        XCTAssertEqual(Syntax.dump("(f :k else)"), "(call f :k else)")
        XCTAssertEqual(Syntax.dump("(map pi xs)"), "(call map pi xs)")
    }

    func testSpansOfForms() {
        let (program, _) = Syntax.parse("; c\n (if  a\n   [b  c])  x")
        XCTAssertEqual(program.forms.count, 2)
        let ifForm = program.forms[0]
        XCTAssertEqual(ifForm.span, Span(file: "t.cl", start: 5, end: 22, line: 2, column: 2))
        guard case .if_(let c, let t, nil) = ifForm.kind else { return XCTFail() }
        XCTAssertEqual(c.span, Span(file: "t.cl", start: 10, end: 11, line: 2, column: 7))
        XCTAssertEqual(t.span, Span(file: "t.cl", start: 15, end: 21, line: 3, column: 4))
        XCTAssertEqual(program.forms[1].span.description, "t.cl:3:13")
    }

    func testUnicodeColumnsInSpans() {
        let (program, _) = Syntax.parse("(f \"ñ😀\" 🙂-name)")
        guard case .call(_, let args) = program.forms[0].kind else { return XCTFail() }
        XCTAssertEqual(args[1].span.column, 9)
        XCTAssertEqual(args[1].span.start, 12)
        guard case .variable("🙂-name") = args[1].kind else { return XCTFail() }
    }
}
