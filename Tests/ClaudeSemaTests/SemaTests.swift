import XCTest
import ClaudeSyntax
import ClaudeSema
import ClaudeRuntime

/// Source → resolved, typed program; returns the rendered diagnostics.
func analyze(_ text: String) -> (core: CoreProgram?, diagnostics: String) {
    let source = SourceFile(path: "t.cl", text: text)
    let diags = DiagnosticEngine()
    let program = Parser.parse(source, diags: diags)
    var core: CoreProgram?
    if !diags.hasErrors {
        core = Resolver.resolve(program, diags: diags)
        if !diags.hasErrors { TypeChecker.check(core!, diags: diags) }
    }
    return (core, diags.diagnostics.map { $0.render(source: source) }.joined())
}

final class BuiltinSpecTests: XCTestCase {
    /// Sema's builtin table and the runtime's (Runtime/rt_builtins_list.h)
    /// name the same functions with the same argument counts.
    func testSemaTableMatchesRuntimeTable() {
        var count = 0
        let table = rt_builtin_table(&count)!
        var runtime: [String: (Int, Int?)] = [:]
        for i in 0..<count {
            let b = table[i]
            let name = String(cString: b.name)
            runtime[name] = (Int(b.min_args), b.max_args < 0 ? nil : Int(b.max_args))
        }
        let sema = Builtins.table.mapValues { ($0.minArgs, $0.maxArgs) }
        // error:* and state:* are the runtime's until the compiler supports them
        let pending: Set<String> = ["state:new", "state:get", "state:set", "state:update",
                                    "error:kind", "error:message", "error:handle"]
        // %no-match is emitted by match lowering, never named in source
        for (name, arity) in runtime where !pending.contains(name) && name != "%no-match" {
            guard let s = sema[name] else { XCTFail("runtime builtin '\(name)' is unknown to Sema"); continue }
            XCTAssert(s.0 == arity.0 && s.1 == arity.1, "'\(name)': Sema says \(s), the runtime \(arity)")
        }
        for name in sema.keys { XCTAssertNotNil(runtime[name], "Sema's builtin '\(name)' has no runtime entry") }
    }

    /// Every prelude function a program may call resolves and type-checks.
    func testPreludeFunctionsResolve() {
        let r = analyze("""
        (print (map inc [1]) (map + [1] [2]) (filter odd? [1]) (fold + 0 [1]) (foldr cons [] [1])
               (reduce + [1]) (any? odd? [1]) (all? odd? [1]) (list-index odd? [1])
               (sort [2 1] <) (sort-by neg [1 2]))
        """)
        XCTAssertEqual(r.diagnostics, "")
    }
}

final class MatchDiagnosticsTests: XCTestCase {
    func testNonExhaustiveMatchWarnsWithTheMissingConstructors() {
        let r = analyze("""
        (data Color (Red) (Green) (Blue))
        (define (f c) (match c (Red 1)))
        """)
        XCTAssertEqual(r.diagnostics, """
        t.cl:2:15: warning: non-exhaustive match on Color: missing Green, Blue
        (define (f c) (match c (Red 1)))
                      ^

        """)
    }

    func testNestedMissingValueIsNamed() {
        let r = analyze("""
        (data Option a (None) (Some a))
        (define (f o) (match o ((Some (Some x)) x) (None 0)))
        """)
        XCTAssertEqual(r.diagnostics, """
        t.cl:2:15: warning: non-exhaustive match on Option: missing (Some (None))
        (define (f o) (match o ((Some (Some x)) x) (None 0)))
                      ^

        """)
    }

    func testExhaustiveMatchesDoNotWarn() {
        let r = analyze("""
        (data Tree (Leaf) (Node Tree Int Tree))
        (define (f t) (match t (Leaf 0) ((Node (Leaf) _ _) 1) ((Node (Node _ _ _) _ _) 2)))
        (define (g t) (match t ((Node l v r) v) (_ 0)))
        """)
        XCTAssertEqual(r.diagnostics, "")
    }

    func testConstructorErrors() {
        let r = analyze("""
        (data Option a (None) (Some a) (Both a a))
        (print (Some 1 2))
        (define (f o) (match o ((Some) 1) (Nope 2) ((Both a a) 3)))
        """)
        XCTAssertEqual(r.diagnostics, """
        t.cl:2:8: error: Some expects 1 argument, got 2
        (print (Some 1 2))
               ^
        t.cl:3:25: error: constructor 'Some' has 1 field, the pattern gives 0
        (define (f o) (match o ((Some) 1) (Nope 2) ((Both a a) 3)))
                                ^
        t.cl:3:36: error: unknown constructor 'Nope'
        (define (f o) (match o ((Some) 1) (Nope 2) ((Both a a) 3)))
                                           ^
        t.cl:3:53: error: duplicate pattern variable 'a'
        (define (f o) (match o ((Some) 1) (Nope 2) ((Both a a) 3)))
                                                            ^

        """)
    }

    func testUnknownTypesInAscriptions() {
        let r = analyze("(print (: 1 Flot) (: [] (List)))")
        XCTAssertEqual(r.diagnostics, """
        t.cl:1:13: error: unknown type 'Flot'
        (print (: 1 Flot) (: [] (List)))
                    ^
        t.cl:1:25: error: type 'List' takes 1 argument, got 0
        (print (: 1 Flot) (: [] (List)))
                                ^

        """)
    }

    func testFieldTypesOfDataDeclarationsAreCheckedForWarnings() {
        let r = analyze("(data T a (A a (List a) U) (B b Flot))\n(data U (C))")
        XCTAssertEqual(r.diagnostics, """
        t.cl:1:31: warning: unknown type variable 'b' (declare it after the type's name: (data T b ...))
        (data T a (A a (List a) U) (B b Flot))
                                      ^
        t.cl:1:33: warning: unknown type 'Flot'
        (data T a (A a (List a) U) (B b Flot))
                                        ^

        """)
    }

    func testAnUnknownConstructorStillBindsItsPatternVariables() {
        let r = analyze("(define (f x) (match x ((Some y) y)))")
        XCTAssertEqual(r.diagnostics, """
        t.cl:1:26: error: unknown constructor 'Some'
        (define (f x) (match x ((Some y) y)))
                                 ^

        """)
    }
}
