import XCTest
import ClaudeIR
@testable import ClaudeVM

/// Instruction semantics and runtime errors per docs/IR.md.
final class VMSemanticsTests: XCTestCase {
    /// Prints idiv/imod/iquot/irem of each pair (operands passed as
    /// parameters, so nothing is constant at the operation).
    func testIntegerDivisionFamilies() {
        let t = TestModule()
        let ops = t.function("ops", params: [.int, .int], returns: .nil_) { b in
            let (x, y) = (b.params[0], b.params[1])
            b.print(b.bin(.idiv, x, y), b.bin(.imod, x, y), b.bin(.iquot, x, y), b.bin(.irem, x, y))
            b.terminate(.ret(b.nilValue()))
        }
        let pairs: [(Int64, Int64)] = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (.min, 1), (.max, -1)]
        t.main { b in
            for (x, y) in pairs { _ = b.call(ops, [b.funcref(ops), b.int(x), b.int(y)]) }
            b.print(b.bin(.imod, b.int(.min), b.int(-1)), b.bin(.irem, b.int(.min), b.int(-1)))
        }
        let expected = pairs.map { x, y -> String in
            let q = x / y, r = x % y
            let fq = (r != 0 && (r < 0) != (y < 0)) ? q - 1 : q
            let fm = (r != 0 && (r < 0) != (y < 0)) ? r + y : r
            return "\(fq) \(fm) \(q) \(r)\n"
        }.joined() + "0 0\n"
        XCTAssertEqual(compileAndRun(t), RunResult(out: expected, err: "", status: 0))
    }

    /// Each checked operation raises its error at its own location.
    func testArithmeticErrors() {
        let cases: [(String, (IRBuilder) -> Void, String)] = [
            ("iadd", { b in _ = b.bin(.iadd, b.int(.max), b.params[0], line: 3) }, "integer-overflow]: integer overflow"),
            ("iaddi", { b in _ = b.bin(.iadd, b.params[0], b.int(.max), line: 3) }, "integer-overflow]: integer overflow"),
            ("isubi", { b in _ = b.bin(.isub, b.bin(.isub, b.int(0), b.int(.max)), b.int(2), line: 3) }, "integer-overflow]: integer overflow"),
            ("imul", { b in _ = b.bin(.imul, b.int(1 << 32), b.int(1 << 31), line: 3) }, "integer-overflow]: integer overflow"),
            ("ineg", { b in _ = b.value(.unary(.ineg, b.int(.min)), .int, at: b.at(3)) }, "integer-overflow]: integer overflow"),
            ("idiv", { b in _ = b.bin(.idiv, b.int(.min), b.int(-1), line: 3) }, "integer-overflow]: integer overflow"),
            ("iquot", { b in _ = b.bin(.iquot, b.int(.min), b.int(-1), line: 3) }, "integer-overflow]: integer overflow"),
            ("idiv0", { b in _ = b.bin(.idiv, b.params[0], b.int(0), line: 3) }, "division-by-zero]: division by zero"),
            ("imod0", { b in _ = b.bin(.imod, b.params[0], b.int(0), line: 3) }, "division-by-zero]: division by zero"),
            ("iquot0", { b in _ = b.bin(.iquot, b.params[0], b.int(0), line: 3) }, "division-by-zero]: division by zero"),
            ("irem0", { b in _ = b.bin(.irem, b.params[0], b.int(0), line: 3) }, "division-by-zero]: division by zero"),
        ]
        for (name, body, message) in cases {
            let t = TestModule()
            let f = t.function("f", params: [.int], returns: .nil_) { b in
                body(b)
                b.terminate(.ret(b.nilValue()))
            }
            t.main { b in
                b.print(b.str("start"))
                _ = b.call(f, [b.funcref(f), b.int(1)])
            }
            XCTAssertEqual(compileAndRun(t), RunResult(out: "start\n", err: "error[\(message)\n  at t.cl:3:1\n", status: 1), name)
        }
    }

    func testFloatOperations() {
        let t = TestModule()
        t.main { b in
            let (x, y) = (b.float(1.5), b.float(0.25))
            b.print(b.bin(.fadd, x, y), b.bin(.fsub, x, y), b.bin(.fmul, x, y), b.bin(.fdiv, x, y))
            let nan = b.bin(.fdiv, b.float(0), b.float(0))
            b.print(b.cmp(.eq, nan, nan), b.cmp(.ne, nan, nan), b.cmp(.lt, nan, x), b.cmp(.ge, nan, x), b.cmp(.le, y, x))
            b.print(b.value(.unary(.fneg, b.float(0)), .float, at: testSpan), b.bin(.fdiv, x, b.float(0)))
            b.print(b.value(.unary(.itof, b.int(-3)), .float, at: testSpan))
            let three = b.box(b.int(3))
            b.print(b.value(.unbox(three, .float, checked: true), .float, at: testSpan),
                    b.value(.unbox(three, .float, checked: false), .float, at: testSpan),
                    b.value(.unbox(b.box(y), .float, checked: false), .float, at: testSpan))
        }
        XCTAssertEqual(compileAndRun(t).out, "1.75 1.25 0.375 6.0\n#f #t #f #f #t\n-0.0 inf\n-3.0\n3.0 3.0 0.25\n")
    }

    /// Ints beyond the 63-bit fixnum range are boxed objects; round trips are exact.
    func testBoxingAtTheFixnumBoundary() {
        let t = TestModule()
        let values: [Int64] = [(1 << 62) - 1, 1 << 62, -(1 << 62), -(1 << 62) - 1, .max, .min, 0, -1]
        t.main { b in
            for v in values {
                let boxed = b.box(b.int(v))
                let back = b.value(.unbox(boxed, .int, checked: true), .int, at: testSpan)
                let backU = b.value(.unbox(boxed, .int, checked: false), .int, at: testSpan)
                b.print(boxed, b.cmp(.eq, back, b.int(v)), b.cmp(.eq, backU, b.int(v)))
            }
        }
        XCTAssertEqual(compileAndRun(t).out, values.map { "\($0) #t #t\n" }.joined())
    }

    func testBoolsAndTruthiness() {
        let t = TestModule()
        t.main { b in
            let vals = [b.nilValue(), b.box(b.bool(false)), b.box(b.int(0)), b.value(.constEmpty, .anyList, at: testSpan), b.str("")]
            b.print(vals.map { b.value(.truthy(b.box($0)), .bool, at: testSpan) })
            let (f, tr) = (b.bool(false), b.bool(true))
            b.print(b.value(.unary(.bnot, f), .bool, at: testSpan), b.cmp(.lt, f, tr), b.cmp(.eq, tr, tr), b.cmp(.gt, f, tr))
            b.print(b.value(.unbox(b.box(tr), .bool, checked: true), .bool, at: testSpan),
                    b.value(.unbox(b.box(f), .bool, checked: false), .bool, at: testSpan))
        }
        XCTAssertEqual(compileAndRun(t).out, "#f #f #t #t #t\n#t #t #t #f\n#t #f\n")
    }

    func testCheckedUnboxErrors() {
        for (type, line) in [(IRType.int, 2), (.string, 3), (.anyList, 4), (.fn([], .any), 5), (.nil_, 6), (.bool, 7), (.float, 8)] {
            let t = TestModule()
            t.main { b in
                let v: ValueID = type == .string ? b.box(b.int(1)) : b.box(b.str("x"))
                _ = b.value(.unbox(v, type, checked: true), type, at: b.at(line, 4))
            }
            let r = compileAndRun(t)
            XCTAssertEqual(r.status, 1, "\(type)")
            XCTAssertTrue(r.err.hasPrefix("error[type-error]: ") && r.err.hasSuffix("  at t.cl:\(line):4\n"), "\(type): \(r.err)")
        }
    }

    func testCells() {
        let t = TestModule()
        t.main { b in
            let counter = b.value(.cellNew(b.int(0)), .cell(.int), at: testSpan)
            for _ in 0..<3 {
                let v = b.value(.cellGet(counter), .int, at: testSpan)
                _ = b.value(.cellSet(counter, b.bin(.iadd, v, b.int(5))), .nil_, at: testSpan)
            }
            let name = b.value(.cellNew(b.str("a")), .cell(.string), at: testSpan)
            _ = b.value(.cellSet(name, b.str("b")), .nil_, at: testSpan)
            let fl = b.value(.cellNew(b.float(-0.5)), .cell(.float), at: testSpan)
            b.print(b.value(.cellGet(counter), .int, at: testSpan), b.value(.cellGet(name), .string, at: testSpan),
                    b.value(.cellGet(fl), .float, at: testSpan))
            // a letrec cell read before its init
            let empty = b.value(.cellNewEmpty(.any), .cell(.any), at: testSpan)
            let raw = b.value(.cellGet(empty), .any, at: testSpan)
            _ = b.value(.checkInit(raw, name: "x", defSpan: b.at(5, 9)), .any, at: b.at(6, 2))
        }
        XCTAssertEqual(compileAndRun(t), RunResult(
            out: "15 b -0.5\n",
            err: "error[unbound-variable]: unbound variable 'x' (defined at t.cl:5:9, not yet initialised)\n  at t.cl:6:2\n",
            status: 1))
    }

    func testGlobals() {
        let t = TestModule()
        let g = t.m.addGlobal(IRGlobal(name: "counter", type: .int, defSpan: t.span(2, 9)))
        let h = t.m.addGlobal(IRGlobal(name: "later", type: .any, defSpan: t.span(9, 9)))
        t.main { b in
            _ = b.value(.globalSet(g, b.box(b.int(41))), .nil_, at: testSpan)
            let v = b.value(.globalGet(g, checked: true), .any, at: testSpan)
            b.print(v, b.value(.globalGet(h, checked: false), .any, at: testSpan))
            _ = b.value(.globalGet(h, checked: true), .any, at: b.at(4, 3))
        }
        XCTAssertEqual(compileAndRun(t), RunResult(
            out: "41 <undefined>\n",
            err: "error[unbound-variable]: unbound variable 'later' (defined at t.cl:9:9, not yet initialised)\n  at t.cl:4:3\n",
            status: 1))
    }

    func testStringConstants() {
        let t = TestModule()
        t.main { b in
            b.print(b.str("héllo, wörld ✓"), b.str("tab\there"), b.str(""), b.str("héllo, wörld ✓"))
            b.print(b.builtin("string-length", [b.str("héllo")]), b.builtin("list", [b.str("q\"uote"), b.str("n\nl")]))
        }
        XCTAssertEqual(compileAndRun(t).out, "héllo, wörld ✓ tab\there  héllo, wörld ✓\n5 [\"q\\\"uote\" \"n\\nl\"]\n")
    }

    /// Block parameters that rotate and swap each iteration: parallel moves with cycles.
    func testParallelMovesWithCycles() {
        let t = TestModule()
        t.main { b in
            let loop = b.newBlock(params: [.int, .int, .int, .int, .int, .int])
            let done = b.newBlock(params: [.int, .int, .int, .int, .int])
            b.terminate(.br(loop, [b.int(1), b.int(2), b.int(3), b.int(4), b.int(5), b.int(10)]))
            b.position(at: loop)
            let p = b.blockParams(loop)
            let (x, y, z, u, w, i) = (p[0], p[1], p[2], p[3], p[4], p[5])
            let more = b.cmp(.gt, i, b.int(0))
            let next = b.bin(.isub, i, b.int(1))
            // (x y z) rotate, (u w) swap, and on exit pass them shuffled again
            b.terminate(.condbr(more, loop, [y, z, x, w, u, next], done, [w, x, u, z, y]))
            b.position(at: done)
            b.print(b.blockParams(done))
        }
        var (x, y, z, u, w) = (1, 2, 3, 4, 5)
        for _ in 0..<10 { (x, y, z, u, w) = (y, z, x, w, u) }
        XCTAssertEqual(compileAndRun(t).out, "\(w) \(x) \(u) \(z) \(y)\n")
    }
}

extension IRBuilder {
    func print(_ vs: [ValueID]) { builtin("print", vs) }
}
