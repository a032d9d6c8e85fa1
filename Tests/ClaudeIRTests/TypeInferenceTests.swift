import XCTest
import ClaudeSyntax
import ClaudeSema

/// The types inference gives top-level definitions and functions
/// (`claudelang emit --types`).
func inferredTypes(_ text: String) -> String {
    let diags = DiagnosticEngine()
    let program = Parser.parse(SourceFile(path: "t.cl", text: text), diags: diags)
    let core = Resolver.resolve(program, diags: diags)
    TypeChecker.check(core, diags: diags)
    if diags.hasErrors { return diags.diagnostics.map(\.description).joined(separator: "\n") }
    return core.globals.map { "\($0.name) : \(TypePrinter.describe($0, in: core))" }.joined(separator: "\n")
}

final class TypeInferenceTests: XCTestCase {
    func testMonomorphicArithmeticIsInt() {
        XCTAssertEqual(inferredTypes("(define (sq x) (* x x))\n(print (sq 3))"), "sq : (Function Int Int)")
    }

    func testFloatArgumentsMakeFloatFunctions() {
        XCTAssertEqual(inferredTypes("(define (half x) (/ x 2.0))\n(print (half 3.0))"), "half : (Function Float Float)")
    }

    func testIntAndFloatCallersGetAnInstanceEach() {
        XCTAssertEqual(inferredTypes("(define (id x) x)\n(print (id 1) (id 2.5))"),
                       "id : (Function Int Int) & (Function Float Float)")
    }

    func testPolymorphicFunctionsGetAnInstancePerArgumentType() {
        XCTAssertEqual(inferredTypes("""
        (define (id x) x)
        (define (sq x) (* x x))
        (define (my-map f xs) (if (empty? xs) [] (cons (f (head xs)) (my-map f (tail xs)))))
        (print (id 1) (id 2.5) (sq 3) (sq 1.5))
        (print (my-map inc [1 2]) (my-map string-length ["a"]))
        """), """
        id : (Function Int Int) & (Function Float Float)
        sq : (Function Int Int) & (Function Float Float)
        my-map : (Function Any (List Int) (List Any)) & (Function Any (List String) (List Any))
        """)
    }

    func testHeterogeneousListFallsBackToAny() {
        XCTAssertEqual(inferredTypes("(define xs [1 \"a\"])\n(define ys [1 2])\n(define zs [[1] []])\n(define t (tuple 1 \"a\"))"),
                       "xs : (List Any)\nys : (List Int)\nzs : (List (List Int))\nt : (Tuple Int String)")
    }

    func testUnconstrainedNumericParameterDefaultsToInt() {
        XCTAssertEqual(inferredTypes("(define (inc2 x) (+ x 2))"), "inc2 : (Function Int Int)")
    }

    func testBranchesOfDifferentTypesGiveAny() {
        XCTAssertEqual(inferredTypes("(define (f b) (if b 1 \"one\"))\n(print (f #t))"), "f : (Function Bool Any)")
    }

    func testIfWithoutElseJoinsWithNil() {
        XCTAssertEqual(inferredTypes("(define (f b) (if b 1))\n(print (f #t))"), "f : (Function Bool Any)")
    }

    func testFunctionStoredInAListEscapesToAny() {
        XCTAssertEqual(inferredTypes("(define (f x) (+ x 1))\n(define fs [f])\n(print (f 1))"),
                       "f : (Function Int Int) & (Function Any Any)\nfs : (List (Function Any Any))")
    }

    func testHigherOrderParameterGetsTheArgumentsFunctionType() {
        XCTAssertEqual(inferredTypes("(define (twice g x) (g (g x)))\n(print (twice (lambda (y) (* y 2)) 5))"),
                       "twice : (Function (Function Int Int) Int Int)")
    }

    func testBuiltinResultTypes() {
        XCTAssertEqual(inferredTypes("(define n (string-length \"abc\"))\n(define s (to-string 1))\n(define h (head [1]))"),
                       "n : Int\ns : String\nh : Int")
    }

    func testAssignedVariableJoinsAllValues() {
        XCTAssertEqual(inferredTypes("(define x 1)\n(set! x 2)\n(define y 1)\n(set! y \"a\")"), "x : Int\ny : Any")
    }

    func testToIntGivesAnIntFromAny() {
        XCTAssertEqual(inferredTypes("(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n(print (fib (to-int (string->number \"30\"))))"),
                       "fib : (Function Int Int)")
    }
}
