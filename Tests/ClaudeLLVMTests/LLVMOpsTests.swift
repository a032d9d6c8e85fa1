import ClaudeIR
import ClaudeLLVM
import Foundation
import XCTest

/// Semantics of individual IR operations, run on the JIT (-O0, -O2) and AOT.
final class LLVMOpsTests: XCTestCase {
    func testClosuresCapturesAndDynamicCalls() throws {
        var adder: IRFunction!, anyAdd: IRFunction!
        let m = makeModule({ m in
            // adder(x: Int) captures (Int, String, Float): prints its string, returns x + k
            adder = addFunction(m, "adder", [.int], .int, captures: [.int, .string, .float]) { b in
                let k = b.value(.capture(0), .int, at: sp())
                b.print(b.value(.capture(1), .string, at: sp()), b.value(.capture(2), .float, at: sp()))
                b.terminate(.ret(b.bin(.iadd, b.params[0], k)))
            }
            // anyAdd(a: Any) captures (Any): a + k via the builtin (uniform)
            anyAdd = addFunction(m, "anyAdd", [.any], .any, captures: [.any], anonymous: true) { b in
                b.terminate(.ret(b.builtin("+", [b.params[0], b.value(.capture(0), .any, at: sp())])))
            }
        }) { b in
            let clo = b.value(.makeClosure(adder.id, [b.int(10), b.str("captured"), b.float(2.5)]), adder.type, at: sp())
            b.print(b.value(.callClosure(clo, [b.int(5)]), .int, at: sp()))
            let anyClo = b.value(.makeClosure(anyAdd.id, [b.box(b.int(100))]), anyAdd.type, at: sp())
            b.print(b.value(.callAny(anyClo, [b.box(b.int(1))]), .any, at: sp()))
            // a non-uniform closure through call.any: rt_apply → generic wrapper
            b.print(b.value(.callAny(clo, [b.box(b.int(7))]), .any, at: sp()))
            b.print(clo, anyClo)
            b.retNil()
        }
        let out = "captured 2.5\n15\n101\ncaptured 2.5\n17\n<function adder> <function>\n"
        try assertRuns(m, RunResult(status: 0, stdout: out, stderr: ""))
    }

    /// A function whose parameters are all Any but whose result is raw is not
    /// uniform: call.any must go through its generic wrapper (which boxes).
    func testAnyParametersWithRawResultAreNotUniform() throws {
        var succ: IRFunction!
        let m = makeModule({ m in
            succ = addFunction(m, "succ", [.any], .int) { b in
                let x = b.value(.unbox(b.params[0], .int, checked: true), .int, at: sp())
                b.terminate(.ret(b.bin(.iadd, x, b.int(1))))
            }
        }) { b in
            b.print(b.value(.callAny(b.funcref(succ), [b.box(b.int(2))]), .any, at: sp()))
            b.retNil()
        }
        try assertRuns(m, RunResult(status: 0, stdout: "3\n", stderr: ""))
    }

    func testDynamicCallErrors() throws {
        let notFn = makeModule { b in
            _ = b.value(.callAny(b.box(b.int(3)), []), .any, at: sp(4, 2))
            b.retNil()
        }
        let r = try runJIT(notFn, opt: 0)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("not a function") && r.stderr.contains("t.cl:4:2"), r.stderr)

        var f: IRFunction!
        let arity = makeModule({ m in
            f = addFunction(m, "two", [.int, .int], .int) { b in b.terminate(.ret(b.params[0])) }
        }) { b in
            _ = b.value(.callAny(b.funcref(f), [b.box(b.int(1))]), .any, at: sp(5, 3))
            b.retNil()
        }
        let r2 = try runJIT(arity, opt: 2)
        XCTAssertEqual(r2.status, 1)
        XCTAssertTrue(r2.stderr.contains("two expects 2 arguments, got 1") && r2.stderr.contains("t.cl:5:3"), r2.stderr)
    }

    func testCells() throws {
        let m = makeModule { b in
            let c = b.value(.cellNew(b.int(41)), .cell(.int), at: sp())
            let v = b.value(.cellGet(c), .int, at: sp())
            _ = b.value(.cellSet(c, b.bin(.iadd, v, b.int(1))), .nil_, at: sp())
            let s = b.value(.cellNew(b.str("a")), .cell(.string), at: sp())
            _ = b.value(.cellSet(s, b.str("b")), .nil_, at: sp())
            let fl = b.value(.cellNew(b.float(1.5)), .cell(.float), at: sp())
            _ = b.value(.cellSet(fl, b.float(-2.25)), .nil_, at: sp())
            let bo = b.value(.cellNew(b.bool(false)), .cell(.bool), at: sp())
            _ = b.value(.cellSet(bo, b.bool(true)), .nil_, at: sp())
            b.print(b.value(.cellGet(c), .int, at: sp()), b.value(.cellGet(s), .string, at: sp()),
                    b.value(.cellGet(fl), .float, at: sp()), b.value(.cellGet(bo), .bool, at: sp()))
            // an empty letrec cell: reading it through check.init raises unbound-variable
            let e = b.value(.cellNewEmpty(.any), .cell(.any), at: sp())
            let w = b.value(.cellGet(e), .any, at: sp())
            _ = b.value(.checkInit(w, name: "later", defSpan: sp(9, 1)), .any, at: sp(10, 4))
            b.retNil()
        }
        let r = try runJIT(m, opt: 0)
        XCTAssertEqual(r.stdout, "42 b -2.25 #t\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("'later'") && r.stderr.contains("t.cl:9:1") && r.stderr.contains("t.cl:10:4"), r.stderr)
        XCTAssertEqual(try runJIT(m, opt: 2), r)
        XCTAssertEqual(try runAOT(m, opt: 2), r)
    }

    func testGlobals() throws {
        let m = makeModule({ m in
            _ = m.addGlobal(IRGlobal(name: "x", type: .int, defSpan: sp(1, 9)))
            _ = m.addGlobal(IRGlobal(name: "y", type: .any, defSpan: sp(2, 9)))
        }) { b in
            _ = b.value(.globalSet(GlobalID(0), b.box(b.int(5))), .nil_, at: sp())
            b.print(b.value(.globalGet(GlobalID(0), checked: true), .any, at: sp()))
            _ = b.value(.globalGet(GlobalID(1), checked: true), .any, at: sp(3, 7))
            b.retNil()
        }
        let r = try runJIT(m, opt: 0)
        XCTAssertEqual(r.stdout, "5\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("'y'") && r.stderr.contains("t.cl:2:9") && r.stderr.contains("t.cl:3:7"), r.stderr)
        XCTAssertEqual(try runJIT(m, opt: 2), r)
        XCTAssertEqual(try runAOT(m, opt: 0), r)
    }

    /// A module computing `op(a, b)` through a function (so -O0 does not fold).
    private func arith(_ op: BinOp, _ x: Int64, _ y: Int64, line: Int = 3) -> IRModule {
        var f: IRFunction!
        return makeModule({ m in
            f = addFunction(m, "op", [.int, .int], .int) { b in
                b.terminate(.ret(b.bin(op, b.params[0], b.params[1], at: sp(line, 5))))
            }
        }) { b in
            b.print(b.call(f, [b.int(x), b.int(y)]))
            b.retNil()
        }
    }

    func testIntegerOverflowAndDivisionErrors() throws {
        let overflow = RunResult(status: 1, stdout: "", stderr: "error[integer-overflow]: integer overflow\n  at t.cl:3:5\n")
        let divZero = RunResult(status: 1, stdout: "", stderr: "error[division-by-zero]: division by zero\n  at t.cl:3:5\n")
        try assertRuns(arith(.imul, 1 << 62, 4), overflow)
        for opt in [0, 2] {
            XCTAssertEqual(try runJIT(arith(.iadd, .max, 1), opt: opt), overflow)
            XCTAssertEqual(try runJIT(arith(.isub, .min, 1), opt: opt), overflow)
            XCTAssertEqual(try runJIT(arith(.idiv, .min, -1), opt: opt), overflow)
            XCTAssertEqual(try runJIT(arith(.iquot, .min, -1), opt: opt), overflow)
            for op in [BinOp.idiv, .imod, .iquot, .irem] {
                XCTAssertEqual(try runJIT(arith(op, 7, 0), opt: opt), divZero, "\(op)")
            }
        }
    }

    func testIntegerDivisionTable() throws {
        let values: [Int64] = [.min, .min + 1, -7, -6, -3, -1, 0, 1, 3, 6, 7, .max - 1, .max]
        let divisors: [Int64] = [.min, -7, -3, -2, -1, 1, 2, 3, 7, .max]
        func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
            let q = a / b
            return (a % b != 0 && ((a % b) ^ b) < 0) ? q - 1 : q
        }
        func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
            let r = a % b
            return (r != 0 && (r ^ b) < 0) ? r + b : r
        }
        var expected = ""
        var ops: IRFunction!
        let m = makeModule({ m in
            ops = addFunction(m, "ops", [.int, .int], .nil_) { b in
                let (x, y) = (b.params[0], b.params[1])
                let safe = b.newBlock(params: []), minusOne = b.newBlock(params: [])
                b.terminate(.condbr(b.cmp(.eq, y, b.int(-1)), minusOne, [], safe, []))
                b.position(at: safe)
                b.print(b.bin(.idiv, x, y), b.bin(.imod, x, y), b.bin(.iquot, x, y), b.bin(.irem, x, y))
                b.retNil()
                b.position(at: minusOne)   // idiv/iquot would overflow for INT_MIN
                b.print(b.bin(.imod, x, y), b.bin(.irem, x, y))
                b.retNil()
            }
        }) { b in
            for a in values {
                for d in divisors {
                    _ = b.call(ops, [b.int(a), b.int(d)])
                    if d == -1 {
                        expected += "0 0\n"
                    } else {
                        expected += "\(floorDiv(a, d)) \(floorMod(a, d)) \(a / d) \(a % d)\n"
                    }
                }
            }
            b.retNil()
        }
        try assertRuns(m, RunResult(status: 0, stdout: expected, stderr: ""))
    }

    func testFloatsBoolsAndComparisons() throws {
        var f: IRFunction!
        let m = makeModule({ m in
            f = addFunction(m, "cmpf", [.float, .float], .nil_) { b in
                let (x, y) = (b.params[0], b.params[1])
                b.print(b.cmp(.eq, x, y), b.cmp(.ne, x, y), b.cmp(.lt, x, y), b.cmp(.le, x, y),
                        b.cmp(.gt, x, y), b.cmp(.ge, x, y))
                b.retNil()
            }
        }) { b in
            let nan = b.bin(.fdiv, b.float(0), b.float(0))
            _ = b.call(f, [nan, nan])
            _ = b.call(f, [b.float(1), b.float(2)])
            b.print(b.bin(.fadd, b.float(0.5), b.float(0.25)), b.bin(.fmul, b.float(3), b.float(-2)),
                    b.value(.unary(.fneg, b.float(0)), .float, at: sp()),
                    b.value(.unary(.itof, b.int(-7)), .float, at: sp()),
                    b.value(.unary(.bnot, b.bool(false)), .bool, at: sp()),
                    b.cmp(.lt, b.bool(false), b.bool(true)), b.cmp(.ge, b.bool(false), b.bool(true)))
            b.print(b.value(.unary(.ineg, b.int(5)), .int, at: sp()),
                    b.value(.truthy(b.nil_()), .bool, at: sp()), b.value(.truthy(b.box(b.bool(false))), .bool, at: sp()),
                    b.value(.truthy(b.box(b.int(0))), .bool, at: sp()),
                    b.value(.truthy(b.value(.constEmpty, .anyList, at: sp())), .bool, at: sp()))
            b.retNil()
        }
        let out = "#f #t #f #f #f #f\n#f #t #t #t #f #f\n0.75 -6.0 -0.0 -7.0 #t #t #f\n-5 #f #f #t #t\n"
        try assertRuns(m, RunResult(status: 0, stdout: out, stderr: ""))
    }

    func testBoxingAndUnboxing() throws {
        let m = makeModule { b in
            // big Ints are heap-boxed and unbox back; Ints unbox to Float
            let big = b.box(b.int(.max))
            let small = b.box(b.int(-3))
            b.print(big, small, b.value(.unbox(big, .int, checked: true), .int, at: sp()),
                    b.value(.unbox(small, .int, checked: false), .int, at: sp()),
                    b.value(.unbox(small, .float, checked: true), .float, at: sp()),
                    b.value(.unbox(b.box(b.float(1.25)), .float, checked: true), .float, at: sp()),
                    b.value(.unbox(b.box(b.bool(true)), .bool, checked: true), .bool, at: sp()),
                    b.value(.unbox(b.box(b.str("s")), .string, checked: true), .string, at: sp()))
            _ = b.value(.unbox(b.box(b.str("x")), .int, checked: true), .int, at: sp(7, 3))
            b.retNil()
        }
        let r = try runJIT(m, opt: 0)
        XCTAssertEqual(r.stdout, "9223372036854775807 -3 9223372036854775807 -3 -3.0 1.25 #t s\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("error[type-error]") && r.stderr.contains("t.cl:7:3"), r.stderr)
        XCTAssertEqual(try runJIT(m, opt: 2), r)
        XCTAssertEqual(try runAOT(m, opt: 2), r)
    }

    func testArityErrorOfDirectBuiltinCall() throws {
        let m = makeModule { b in
            _ = b.builtin("cons", [b.int(1)], at: sp(2, 2))
            b.retNil()
        }
        let r = try runJIT(m, opt: 0)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("cons expects 2 arguments, got 1") && r.stderr.contains("t.cl:2:2"), r.stderr)
    }
}
