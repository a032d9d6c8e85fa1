import XCTest
import ClaudeSyntax
import ClaudeSema
import ClaudeIR

/// Source → IR, verified; returns the printed IR or the diagnostics.
func lowerSource(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> (ir: String, module: IRModule?, diags: [Diagnostic]) {
    let diags = DiagnosticEngine()
    let program = Parser.parse(SourceFile(path: "t.cl", text: text), diags: diags)
    if diags.hasErrors { return ("", nil, diags.diagnostics) }
    let core = Resolver.resolve(program, diags: diags)
    if diags.hasErrors { return ("", nil, diags.diagnostics) }
    TypeChecker.check(core, diags: diags)
    if diags.hasErrors { return ("", nil, diags.diagnostics) }
    let m = Lowering.lower(core)
    do { try Verifier.verify(m) } catch { XCTFail("\(error)\n\(IRPrinter.print(m))", file: file, line: line) }
    return (IRPrinter.print(m), m, diags.diagnostics)
}

/// The text of one function in printed IR.
func irFunction(_ ir: String, _ name: String) -> String {
    guard let start = ir.range(of: "func @\(name)(") else { return "" }
    return String(ir[start.lowerBound...].components(separatedBy: "\n}\n")[0]) + "\n}"
}

final class LoweringTests: XCTestCase {
    func testFibIsSpecializedToRawInts() {
        let r = lowerSource("""
        (define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
        (print (fib 25))
        """)
        XCTAssert(r.ir.contains("func @fib(%self: Any, %n: Int) -> Int {"), r.ir)
        XCTAssert(r.ir.contains("iadd.ovf"), r.ir)
        XCTAssert(r.ir.contains("cmp.lt %n"), r.ir)
        // no boxing inside fib
        let fib = r.ir.components(separatedBy: "func @fib")[1].components(separatedBy: "}\n")[0]
        XCTAssertFalse(fib.contains("box"), fib)
        XCTAssertFalse(fib.contains("call.builtin"), fib)
    }

    func function(_ ir: String, _ name: String) -> String { irFunction(ir, name) }

    func testAFunctionUsedAtIntAndFloatBecomesTwoFunctions() {
        let r = lowerSource("(define (sq x) (* x x))\n(print (sq 3) (sq 1.5))")
        XCTAssertEqual(function(r.ir, "sq"), """
        func @sq(%self: Any, %x: Int) -> Int {
        bb0(%self: Any, %x: Int):
          %2 = imul.ovf %x, %x
          ret %2
        }
        """)
        XCTAssertEqual(function(r.ir, "sq.1"), """
        func @sq.1(%self: Any, %x: Float) -> Float {
        bb0(%self: Any, %x: Float):
          %2 = fmul %x, %x
          ret %2
        }
        """)
    }

    func testAnAnyArgumentIsTestedOnceAndEntersTheIntInstance() {
        let r = lowerSource("""
        (define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
        (print (fib (string->number "25")))
        """)
        // the call tests the tag, then enters fib on raw Ints or fib on Any
        XCTAssert(r.ir.contains("""
          %7 = call.builtin "string->number"(%6) : Any
          %8 = test.fixnum %7
          condbr %8, bb1(), bb2()
        bb1():
          %10 = funcref @fib.1
          %11 = unbox %7 to Int
          %12 = call @fib.1(%10, %11) : Int
          %13 = box %12
          br bb3(%13)
        bb2():
          %14 = funcref @fib
          %15 = call @fib(%14, %7) : Any
          br bb3(%15)

        """), r.ir)
        XCTAssert(r.ir.contains("func @fib(%self: Any, %n: Any) -> Any {"), r.ir)
        XCTAssert(r.ir.contains("func @fib.1(%self: Any, %n: Int) -> Int {"), r.ir)
        // the Int instance calls itself: no tag tests inside
        XCTAssertFalse(function(r.ir, "fib.1").contains("test.fixnum"), r.ir)
    }

    func testMatchOnConstructorsIsOneSwitchOnTheTag() {
        let r = lowerSource("""
        (data Shape (Circle Float) (Rect Float Float) (Dot))
        (define (name s) (match s ((Circle _) "circle") ((Rect _ _) "rect") (Dot "dot")))
        (print (name Dot))
        """)
        XCTAssertEqual(function(r.ir, "name"), """
        func @name(%self: Any, %s: Any) -> String {
        bb0(%self: Any, %s: Any):
          %2 = ctor.tag %s, Shape
          switch %2, [0: bb2, 1: bb3, 2: bb4], default bb1
        bb1():
          %6 = call.builtin "%no-match"(%s) : Any
          unreachable
        bb2():
          %3 = load.field %s, 0 : Any
          br bb5()
        bb3():
          %4 = load.field %s, 0 : Any
          %5 = load.field %s, 1 : Any
          br bb6()
        bb4():
          br bb7()
        bb5():
          %7 = const.string "circle"
          ret %7
        bb6():
          %8 = const.string "rect"
          ret %8
        bb7():
          %9 = const.string "dot"
          ret %9
        }
        """)
    }

    /// A function only ever called is defined by storing its instance's
    /// static closure as it is (no conversion that would let it escape: the
    /// LLVM backend compiles escaping functions with the full pipeline).
    func testAFunctionOnlyCalledIsStoredWithoutConversion() {
        let r = lowerSource("(define (f x) (+ x 1))\n(print (f 1))")
        XCTAssert(r.ir.contains("""
        bb0(%self: Any):
          %1 = funcref @f
          %2 = box %1
          %3 = global.set $0 f, %2

        """), r.ir)
        XCTAssertFalse(function(r.ir, "toplevel").contains("unbox.checked"), r.ir)
    }

    func testALoopOnlyItsCodeCallsTakesItsCapturesAsParameters() {
        let r = lowerSource("""
        (define (sum-to n step) (let loop ((i 0) (acc 0)) (if (> i n) acc (loop (+ i step) (+ acc i)))))
        (print (sum-to 10 1))
        """)
        XCTAssert(r.ir.contains("func @loop(%self: Any, %n: Int, %step: Int, %i: Int, %acc: Int) -> Int {"), r.ir)
        XCTAssertFalse(r.ir.contains("closure @loop"), r.ir)
        XCTAssert(r.ir.contains("tail call @loop(%self, %n, %step, "), r.ir)
    }

    func testTailCallsInTailPosition() {
        let r = lowerSource("""
        (define (loop i acc) (if (= i 0) acc (loop (- i 1) (+ acc 1))))
        (print (loop 10 0))
        """)
        XCTAssert(r.ir.contains("tail call @loop("), r.ir)
    }

    func testMixedTypesFallBackToAny() {
        let r = lowerSource("""
        (define (f x) (if x 1 "one"))
        (print (f #t))
        """)
        XCTAssert(r.ir.contains("func @f(%self: Any, %x: Bool) -> Any"), r.ir)
    }

    func testSetCapturedVariableBecomesCell() {
        let r = lowerSource("""
        (define (make-counter)
          (let ((n 0))
            (lambda () (set! n (+ n 1)) n)))
        (define c (make-counter))
        (print (c))
        """)
        XCTAssert(r.ir.contains("cell.new.empty"), r.ir)
        XCTAssert(r.ir.contains("cell.set"), r.ir)
        XCTAssert(r.ir.contains("closure @"), r.ir)
    }

    func testLocalRecursiveLambdaCallsItselfDirectly() {
        let r = lowerSource("""
        (define (count n)
          (let ((loop (lambda (i acc) (if (> i n) acc (loop (+ i 1) (+ acc i))))))
            (loop 1 0)))
        (print (count 10))
        """)
        XCTAssert(r.ir.contains("tail call @loop("), r.ir)
    }

    func testUnboundVariableIsACompileError() {
        let r = lowerSource("(print foo)")
        XCTAssertEqual(r.diags.map(\.description), ["t.cl:1:8: error: unbound variable 'foo'"])
    }

    func testArityOfKnownFunction() {
        let r = lowerSource("(define (f a b) a)\n(f 1 2 3)")
        XCTAssertEqual(r.diags.map(\.description), ["t.cl:2:1: error: f expects 2 arguments, got 3"])
    }

    func testAddingAStringIsACompileError() {
        let r = lowerSource("(+ 1 \"a\")")
        XCTAssertEqual(r.diags.map(\.description), ["t.cl:1:6: error: '+' expects a number, got String \"a\""])
    }

    func testSelfInitReadIsACompileError() {
        let r = lowerSource("(define x (+ x 1))")
        XCTAssertEqual(r.diags.map(\.description), ["t.cl:1:14: error: unbound variable 'x' (defined at t.cl:1:9, not yet initialised)"])
    }

    func testReadBeforeDefineIsCheckedAtRunTime() {
        let r = lowerSource("(define (f) y)\n(print (f))\n(define y 1)")
        XCTAssert(r.ir.contains("global.get.checked"), r.ir)
    }
}

final class PassTests: XCTestCase {
    func testSmallRecursiveFunctionIsInlinedIntoItselfOnce() throws {
        let r = lowerSource("(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n(print (fib 20))")
        let m = try XCTUnwrap(r.module)
        PassManager.run(m, verify: true)
        let fib = IRPrinter.print(m).components(separatedBy: "func @fib")[1].components(separatedBy: "\n}\n")[0]
        // two levels of the recursion: four calls, none of them inlined further
        XCTAssertEqual(fib.components(separatedBy: "call @fib(").count - 1, 4, fib)
    }

    func testBoxRoundTripsAreRemoved() throws {
        let r = lowerSource("(define xs [1 2])\n(print (length xs))")
        let m = try XCTUnwrap(r.module)
        XCTAssert(IRPrinter.print(m).contains("unbox %"), r.ir)
        PassManager.run(m, verify: true)
        let text = IRPrinter.print(m)
        XCTAssertFalse(text.contains("unbox") && text.contains("to List"), text)
    }

    /// `map` over a (List Int): the prelude's loops read raw heads and make
    /// raw cells, and the guards of `head`/`tail` after `empty?` are folded.
    /// The one box/unbox pair is the certifying check of `reverse`'s result,
    /// once per call past the first 1000 elements.
    func testMapOverAListOfIntsHasNoBoxingInItsLoop() throws {
        let r = lowerSource("""
        (define (double-all xs) (map (lambda (x) (* x 2)) xs))
        (print (double-all (range 10)))
        """)
        let m = try XCTUnwrap(r.module)
        PassManager.run(m, verify: true)
        let ir = IRPrinter.print(m)
        XCTAssertEqual(irFunction(ir, "map-1"), """
        func @map-1(%self: Any, %f: Fn<(Int)->Int>, %xs: List<Int>, %depth: Int) -> List<Int> {
        bb0(%self: Any, %f: Fn<(Int)->Int>, %xs: List<Int>, %depth: Int):
          %4 = test.empty %xs
          condbr %4, bb1(), bb2()
        bb1():
          %6 = const.empty : List<Int>
          ret %6
        bb2():
          %7 = const.int 0
          %8 = cmp.eq %depth, %7
          condbr %8, bb3(), bb4()
        bb3():
          %9 = funcref @map-rev.1
          br bb6()
        bb4():
          br bb10()
        bb5():
          %11 = call.builtin "tail"(%xs) : Any
          unreachable
        bb6():
          %12 = load.tail %xs : List<Int>
          br bb8()
        bb7():
          %14 = call.builtin "head"(%xs) : Any
          unreachable
        bb8():
          %15 = load.head %xs : Int
          %16 = call.closure %f(%15) : Int
          %17 = const.empty : List<Int>
          %18 = cons %16, %17 : List<Int>
          br bb14()
        bb9():
          %24 = call.builtin "head"(%xs) : Any
          unreachable
        bb10():
          %25 = load.head %xs : Int
          %26 = call.closure %f(%25) : Int
          br bb12()
        bb11():
          %28 = call.builtin "tail"(%xs) : Any
          unreachable
        bb12():
          %29 = load.tail %xs : List<Int>
          %30 = const.int 1
          %31 = isub.ovf %depth, %30
          %32 = call @map-1(%self, %f, %29, %31) : List<Int>
          %33 = cons %26, %32 : List<Int>
          ret %33
        bb13(%19: List<Int>):
          %20 = box %19
          %21 = call.builtin "reverse"(%20) : Any
          %22 = unbox.checked %21 to List<Int>
          ret %22
        bb14():
          %34 = test.empty %12
          condbr %34, bb15(), bb16()
        bb15():
          br bb13(%18)
        bb16():
          br bb18()
        bb17():
          %36 = call.builtin "tail"(%12) : Any
          unreachable
        bb18():
          %37 = load.tail %12 : List<Int>
          br bb20()
        bb19():
          %39 = call.builtin "head"(%12) : Any
          unreachable
        bb20():
          %40 = load.head %12 : Int
          %41 = call.closure %f(%40) : Int
          %42 = cons %41, %18 : List<Int>
          %43 = call @map-rev.1(%9, %f, %37, %42) : List<Int>
          br bb13(%43)
        }
        """)
        XCTAssertEqual(irFunction(ir, "map-rev.1"), """
        func @map-rev.1(%self: Any, %f: Fn<(Int)->Int>, %xs: List<Int>, %acc: List<Int>) -> List<Int> {
        bb0(%self: Any, %f: Fn<(Int)->Int>, %xs: List<Int>, %acc: List<Int>):
          %4 = test.empty %xs
          condbr %4, bb1(), bb2()
        bb1():
          ret %acc
        bb2():
          br bb4()
        bb3():
          %6 = call.builtin "tail"(%xs) : Any
          unreachable
        bb4():
          %7 = load.tail %xs : List<Int>
          br bb6()
        bb5():
          %9 = call.builtin "head"(%xs) : Any
          unreachable
        bb6():
          %10 = load.head %xs : Int
          %11 = call.closure %f(%10) : Int
          %12 = cons %11, %acc : List<Int>
          tail call @map-rev.1(%self, %f, %7, %12)
        }
        """)
    }

    /// A named-let loop is called through its static closure, and the
    /// check left by viewing a function at another function type is gone.
    func testALocalLoopIsCalledWithoutAFunctionCheck() throws {
        let r = lowerSource("""
        (define (safe? row placed)
          (let check ((qs placed) (dist 1))
            (match qs ([] #t) ([q ...rest] (and (!= q row) (check rest (+ dist 1)))))))
        (define (queens n k placed)
          (if (== k 0) 1
              (fold (lambda (c row) (if (safe? row placed) (+ c (queens n (- k 1) (append [row] placed))) c))
                    0 (range n))))
        (print (queens 6 6 []))
        """)
        let m = try XCTUnwrap(r.module)
        func fnChecks() -> [Substring] {
            IRPrinter.print(m).split(separator: "\n").filter { $0.contains("unbox.checked") && $0.contains(" to Fn<") }
        }
        XCTAssertFalse(fnChecks().isEmpty)   // binding the loop's variable
        PassManager.run(m, verify: true)
        XCTAssertEqual(fnChecks(), [])
    }

    /// A list literal of Ints is built from raw cells; `[]` takes the type
    /// the context wants; a Float in front of Ints makes a List<Any> cell.
    func testListLiteralsOfIntsAreRawCells() {
        let r = lowerSource("(define (f) (cons 1.5 [1 2]))\n(print (f))")
        XCTAssertEqual(irFunction(r.ir, "f"), """
        func @f(%self: Any) -> List<Any> {
        bb0(%self: Any):
          %1 = const.float 1.5
          %2 = const.int 1
          %3 = const.int 2
          %4 = const.empty : List<Int>
          %5 = cons %3, %4 : List<Int>
          %6 = cons %2, %5 : List<Int>
          %7 = box %1
          %8 = box %6
          %9 = unbox %8 to List<Any>
          %10 = cons %7, %9 : List<Any>
          ret %10
        }
        """)
    }
}
