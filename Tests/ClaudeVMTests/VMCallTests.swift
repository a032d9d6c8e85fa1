import XCTest
import ClaudeIR
@testable import ClaudeVM

/// Calls, tail calls, deep recursion, closures and calls through the runtime.
final class VMCallTests: XCTestCase {
    /// fib(n) on raw Ints, recursive through direct calls.
    func fibModule(_ n: Int64) -> (TestModule, IRFunction) {
        let t = TestModule()
        let fib = t.declare("fib", params: [.int], returns: .int)
        t.define(fib) { b in
            let n = b.params[0]
            b.branch(b.cmp(.lt, n, b.int(2))) {
                b.terminate(.ret(n))
            } else: {
                let a = b.call(fib, [b.selfValue, b.bin(.isub, n, b.int(1))])
                let c = b.call(fib, [b.selfValue, b.bin(.isub, n, b.int(2))])
                b.terminate(.ret(b.bin(.iadd, a, c)))
            }
        }
        t.main { b in b.print(b.call(fib, [b.funcref(fib), b.int(n)])) }
        return (t, fib)
    }

    func testFib() {
        XCTAssertEqual(compileAndRun(fibModule(25).0), RunResult(out: "75025\n", err: "", status: 0))
    }

    /// loop(n, acc) = n == 0 ? acc : loop(n - 1, acc + 2), a self tail call.
    func testSelfTailCallRunsInConstantStack() {
        let t = TestModule()
        let loop = t.declare("loop", params: [.int, .int], returns: .int)
        t.define(loop) { b in
            let (n, acc) = (b.params[0], b.params[1])
            b.branch(b.cmp(.eq, n, b.int(0))) {
                b.terminate(.ret(acc))
            } else: {
                b.terminate(.tailcall(.call(loop.id, [b.selfValue, b.bin(.isub, n, b.int(1)), b.bin(.iadd, acc, b.int(2))]), testSpan))
            }
        }
        t.main { b in b.print(b.call(loop, [b.funcref(loop), b.int(1_000_000), b.int(0)])) }
        XCTAssertEqual(withFrameLimit(10) { compileAndRun(t) }.out, "2000000\n")
    }

    /// even?/odd? by mutual tail calls.
    func testMutualTailRecursionRunsInConstantStack() {
        let t = TestModule()
        let even = t.declare("even?", params: [.int], returns: .bool)
        let odd = t.declare("odd?", params: [.int], returns: .bool)
        for (f, other, base) in [(even, odd, true), (odd, even, false)] {
            t.define(f) { b in
                let n = b.params[0]
                b.branch(b.cmp(.eq, n, b.int(0))) {
                    b.terminate(.ret(b.bool(base)))
                } else: {
                    b.terminate(.tailcall(.call(other.id, [b.funcref(other), b.bin(.isub, n, b.int(1))]), testSpan))
                }
            }
        }
        t.main { b in
            b.print(b.call(even, [b.funcref(even), b.int(1_000_000)]), b.call(odd, [b.funcref(odd), b.int(7)]))
        }
        XCTAssertEqual(withFrameLimit(10) { compileAndRun(t) }.out, "#t #t\n")
    }

    /// Tail calls through call.closure (typed) and call.any (boxed, with
    /// argument conversion) reuse the frame too.
    func testTailCallsThroughClosuresRunInConstantStack() {
        let t = TestModule()
        let fnType = IRType.fn([.int], .int)
        let typed = t.declare("typed", params: [.int], returns: .int)
        t.define(typed) { b in
            let n = b.params[0]
            b.branch(b.cmp(.le, n, b.int(0))) {
                b.terminate(.ret(n))
            } else: {
                let me = b.value(.unbox(b.selfValue, fnType, checked: true), fnType, at: testSpan)
                b.terminate(.tailcall(.callClosure(me, [b.bin(.isub, n, b.int(1))]), testSpan))
            }
        }
        // dynamic(x: Int) -> Any, called back through call.any with a boxed argument
        let dynamic = t.declare("dynamic", params: [.int], returns: .any)
        t.define(dynamic) { b in
            let n = b.params[0]
            b.branch(b.cmp(.le, n, b.int(0))) {
                b.terminate(.ret(b.box(b.str("done"))))
            } else: {
                b.terminate(.tailcall(.callAny(b.selfValue, [b.box(b.bin(.isub, n, b.int(1)))]), testSpan))
            }
        }
        t.main { b in
            let f = b.funcref(typed)
            b.print(b.value(.callClosure(f, [b.int(500_000)]), .int, at: testSpan))
            b.print(b.value(.callAny(b.funcref(dynamic), [b.box(b.int(500_000))]), .any, at: testSpan))
        }
        XCTAssertEqual(withFrameLimit(10) { compileAndRun(t) }.out, "0\ndone\n")
    }

    /// build(n) = n == 0 ? [] : cons(n, build(n - 1)), 1,000,000 deep.
    func testDeepRecursionBuildsList() {
        let t = TestModule()
        let build = t.declare("build", params: [.int], returns: .anyList)
        t.define(build) { b in
            let n = b.params[0]
            b.branch(b.cmp(.eq, n, b.int(0))) {
                b.terminate(.ret(b.value(.constEmpty, .anyList, at: testSpan)))
            } else: {
                let rest = b.call(build, [b.selfValue, b.bin(.isub, n, b.int(1))])
                let cell = b.builtin("cons", [n, rest])
                b.terminate(.ret(b.value(.unbox(cell, .anyList, checked: true), .anyList, at: testSpan)))
            }
        }
        t.main { b in
            let xs = b.call(build, [b.funcref(build), b.int(1_000_000)])
            b.print(b.builtin("length", [xs]), b.builtin("head", [xs]), b.builtin("last", [xs]))
        }
        XCTAssertEqual(compileAndRun(t), RunResult(out: "1000000 1000000 1\n", err: "", status: 0))
    }

    /// inf(n) = 1 + inf(n): error[stack-overflow] without a location (as
    /// compiled code reports it), status 1.
    func infiniteRecursion(_ t: TestModule) -> IRFunction {
        let inf = t.declare("inf", params: [.int], returns: .int)
        t.define(inf) { b in
            let r = b.call(inf, [b.selfValue, b.params[0]], line: 3)
            b.terminate(.ret(b.bin(.iadd, r, b.int(1))))
        }
        return inf
    }

    func testStackOverflowIsAnError() {
        let t = TestModule()
        let inf = infiniteRecursion(t)
        t.main { b in b.print(b.str("before")); b.print(b.call(inf, [b.funcref(inf), b.int(0)])) }
        XCTAssertEqual(withFrameLimit(1000) { compileAndRun(t) },
                       RunResult(out: "before\n", err: "error[stack-overflow]: stack overflow\n", status: 1))
    }

    /// error:handle catches a stack overflow raised in a nested VM run; the
    /// VM's frame stack is restored and the program goes on calling.
    func testCaughtStackOverflowRestoresTheVMStack() {
        let (t, fib) = fibModule(0)
        let inf = infiniteRecursion(t)
        let thunk = t.function("thunk", params: [], returns: .any) { b in
            b.terminate(.ret(b.box(b.call(inf, [b.funcref(inf), b.int(0)]))))
        }
        let handler = t.function("handler", params: [.any], returns: .any) { b in
            b.terminate(.ret(b.builtin("error:message", [b.params[0]])))
        }
        t.main { b in
            for _ in 0..<3 {
                b.print(b.builtin("error:handle", [b.funcref(thunk), b.funcref(handler)]))
                b.print(b.call(fib, [b.funcref(fib), b.int(15)]))
            }
        }
        XCTAssertEqual(withFrameLimit(5000) { compileAndRun(t) },
                       RunResult(out: String(repeating: "stack overflow\n610\n", count: 3), err: "", status: 0))
    }

    /// An error raised in bytecode called back from a builtin (state:update)
    /// 3000 frames deep inside an error:handle thunk: the handler (bytecode,
    /// itself 3000 frames deep) must run on the VM stack as it was when
    /// error:handle was called, not above the abandoned frames.
    func testErrorCaughtAcrossNestedBuiltinCallbacks() {
        let (t, fib) = fibModule(0)
        let failing = t.function("failing", params: [.int], returns: .int) { b in
            b.terminate(.ret(b.bin(.idiv, b.params[0], b.int(0), line: 9)))
        }
        // descend(n): n frames deep, then state:update(state, failing)
        let descend = t.declare("descend", params: [.int], returns: .any)
        t.define(descend) { b in
            let n = b.params[0]
            b.branch(b.cmp(.eq, n, b.int(0))) {
                let s = b.builtin("state:new", [b.int(1)])
                b.terminate(.ret(b.builtin("state:update", [s, b.funcref(failing)])))
            } else: {
                let r = b.call(descend, [b.selfValue, b.bin(.isub, n, b.int(1))])
                b.terminate(.ret(b.builtin("list", [r])))
            }
        }
        let thunk = t.function("thunk", params: [], returns: .any) { b in
            b.terminate(.ret(b.call(descend, [b.funcref(descend), b.int(3000)])))
        }
        let depth = t.declare("depth", params: [.int], returns: .int)
        t.define(depth) { b in
            let n = b.params[0]
            b.branch(b.cmp(.eq, n, b.int(0))) {
                b.terminate(.ret(n))
            } else: {
                let r = b.call(depth, [b.selfValue, b.bin(.isub, n, b.int(1))])
                b.terminate(.ret(b.bin(.iadd, r, b.int(1))))
            }
        }
        let handler = t.function("handler", params: [.any], returns: .any) { b in
            b.print(b.call(depth, [b.funcref(depth), b.int(3000)]))
            b.terminate(.ret(b.builtin("error:message", [b.params[0]])))
        }
        t.main { b in
            for _ in 0..<2 {
                b.print(b.builtin("error:handle", [b.funcref(thunk), b.funcref(handler)]))
                b.print(b.call(fib, [b.funcref(fib), b.int(12)]))
            }
        }
        XCTAssertEqual(withFrameLimit(5000) { compileAndRun(t) },
                       RunResult(out: String(repeating: "3000\ndivision by zero\n144\n", count: 2), err: "", status: 0))
    }

    func testClosuresCaptureRawAndBoxedValues() {
        let t = TestModule()
        let adderType = IRType.fn([.int], .int)
        let adder = t.function("adder", params: [.int], returns: .int, captures: [.int, .float, .string]) { b in
            let k = b.value(.capture(0), .int, at: testSpan)
            b.print(b.value(.capture(2), .string, at: testSpan), b.value(.capture(1), .float, at: testSpan))
            b.terminate(.ret(b.bin(.iadd, k, b.params[0])))
        }
        let make = t.function("make-adder", params: [.int], returns: adderType) { b in
            let c = b.value(.makeClosure(adder.id, [b.params[0], b.float(2.5), b.str("adding")]), adderType, at: testSpan)
            b.terminate(.ret(c))
        }
        t.main { b in
            let add5 = b.call(make, [b.funcref(make), b.int(5)])
            b.print(b.value(.callClosure(add5, [b.int(10)]), .int, at: testSpan))
            b.print(b.value(.callAny(add5, [b.box(b.int(-1))]), .any, at: testSpan))
            b.print(add5, b.funcref(make))
        }
        XCTAssertEqual(compileAndRun(t).out,
                       "adding 2.5\n15\nadding 2.5\n4\n<function adder> <function make-adder>\n")
    }

    /// call.any converts boxed arguments to a function's typed parameters (checked).
    func testCallAnyChecksArgumentTypes() {
        let t = TestModule()
        let twice = t.function("twice", params: [.int, .string], returns: .int) { b in
            b.print(b.params[1])
            b.terminate(.ret(b.bin(.imul, b.params[0], b.int(2))))
        }
        t.main { b in
            let f = b.box(b.funcref(twice))
            b.print(b.value(.callAny(f, [b.box(b.int(21)), b.box(b.str("ok"))]), .any, at: testSpan))
            b.print(b.value(.callAny(f, [b.box(b.str("x")), b.box(b.str("ok"))]), .any, at: b.at(7, 3)))
        }
        let r = compileAndRun(t)
        XCTAssertEqual(r.out, "ok\n42\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.hasPrefix("error[type-error]: "), r.description)
        XCTAssertTrue(r.err.hasSuffix("  at t.cl:7:3\n"), r.description)
    }

    func testCallAnyArityAndNotAFunctionErrors() {
        let (t, fib) = fibModule(1)
        t.main { b in
            b.print(b.value(.callAny(b.box(b.funcref(fib)), [b.box(b.int(1)), b.box(b.int(2))]), .any, at: b.at(4, 2)))
        }
        XCTAssertEqual(compileAndRun(t),
                       RunResult(out: "", err: "error[type-error]: fib expects 1 argument, got 2\n  at t.cl:4:2\n", status: 1))

        let u = TestModule()
        u.main { b in b.print(b.value(.callAny(b.box(b.int(5)), []), .any, at: b.at(2, 9))) }
        XCTAssertEqual(compileAndRun(u),
                       RunResult(out: "", err: "error[type-error]: not a function: 5\n  at t.cl:2:9\n", status: 1))
    }

    /// Builtins as values: called through call.any and through call.closure
    /// (boxing the typed arguments, unboxing the result).
    func testBuiltinClosures() {
        let t = TestModule()
        let fnType = IRType.fn([.int, .int], .int)
        t.main { b in
            let plus = b.value(.builtinRef("+"), .any, at: testSpan)
            b.print(b.value(.callAny(plus, [b.box(b.int(1)), b.box(b.int(2))]), .any, at: testSpan))
            let typed = b.value(.unbox(plus, fnType, checked: true), fnType, at: testSpan)
            b.print(b.value(.callClosure(typed, [b.int(3), b.int(4)]), .int, at: testSpan))
            b.print(plus)
        }
        XCTAssertEqual(compileAndRun(t).out, "3\n7\n<function +>\n")
    }

    /// The runtime calls bytecode closures back (state:update → rt_apply → trampoline).
    func testRuntimeCallsBackIntoTheVM() {
        let t = TestModule()
        let inc = t.function("inc", params: [.int], returns: .int) { b in
            b.terminate(.ret(b.bin(.iadd, b.params[0], b.int(1))))
        }
        t.main { b in
            let s = b.builtin("state:new", [b.int(41)])
            b.builtin("state:update", [s, b.funcref(inc)])
            b.print(b.builtin("state:get", [s]))
        }
        XCTAssertEqual(compileAndRun(t).out, "42\n")
    }

    func testProgramArgumentsAndExitStatus() {
        let t = TestModule()
        t.main { b in
            b.print(b.builtin("io:args", []))
            b.builtin("io:exit", [b.int(3)])
            b.print(b.str("not reached"))
        }
        XCTAssertEqual(compileAndRun(t, args: ["a", "b c"]), RunResult(out: "[\"a\" \"b c\"]\n", err: "", status: 3))
    }
}

final class VMDisassemblerTests: XCTestCase {
    func testListingShowsFramesLabelsAndOperands() throws {
        let t = TestModule()
        let fib = t.declare("fib", params: [.int], returns: .int)
        t.define(fib, names: ["n"]) { b in
            let n = b.params[0]
            b.branch(b.cmp(.lt, n, b.int(2))) {
                b.terminate(.ret(n))
            } else: {
                let a = b.call(fib, [b.selfValue, b.bin(.isub, n, b.int(1))])
                let c = b.call(fib, [b.selfValue, b.bin(.isub, n, b.int(2))])
                b.terminate(.ret(b.bin(.iadd, a, c)))
            }
        }
        t.main { b in b.print(b.call(fib, [b.funcref(fib), b.int(1 << 40)]), b.float(2.5), b.str("s"), b.int(7)) }
        let text = try t.compile().disassemble()
        for line in [";   k0 = 1099511627776", ";   k1 = 2.5", ";   v0 = funcref @fib", ";   v1 = \"s\"",
                     "func @fib #0 frame 4: params r0-r1, raw r2, scratch r3",
                     "  ; r0 %self, r1 %n\n", "bb2:\n", "ldi         r4, 15\n",
                     "jigei       r1, 2, bb2", "call        r2, @fib, (r0, r2), <t.cl:1:1>",
                     "ldk         r9, k0 (1099511627776)", "callb       r1, \"print\", (r2, r3, r1, r4), <t.cl:1:1>"] {
            XCTAssertTrue(text.contains(line), "missing \(line) in\n\(text)")
        }
    }
}
