import ClaudeIR
import ClaudeLLVM
import Foundation
import XCTest

/// Split builds (partitions compiled in parallel, hot and cold tiers), the
/// compact code of the fast tier, shared generic trampolines and constant
/// divisors: each must behave exactly like the one-module build.
final class LLVMSplitTests: XCTestCase {
    /// The modules of the tail-call and codegen tests, built split at -O0 and
    /// -O2 (on one and two threads) and run split on the JIT (which links
    /// the partitions' objects): same output, constant stack.
    func testSplitBuildsRunLikeOneModule() throws {
        let cases: [(IRModule, String)] = [
            (LLVMTailCallTests.countdown(10_000_000), "10000000\n"),
            (LLVMTailCallTests.evenOdd(10_000_001), "#f\n"),
            (LLVMTailCallTests.closureSpin(10_000_000), "0\n"),
            (LLVMTailCallTests.anySpin(1_000_000), "0\n"),
            (LLVMCodegenTests.fibModule(), "75025\n"),
            (Self.mixedModule(), Self.mixedOutput),
        ]
        for (m, out) in cases {
            for opt in [0, 2] {
                for threads in [1, 2] {
                    XCTAssertEqual(try runAOT(m, options: splitOptions(opt, threads: threads)),
                                   RunResult(status: 0, stdout: out, stderr: ""), "split -O\(opt), \(threads) threads")
                }
                XCTAssertEqual(try runJIT(m, options: splitOptions(opt)), RunResult(status: 0, stdout: out, stderr: ""),
                               "JIT split -O\(opt)")
            }
        }
    }

    /// Hot functions (loops, their callees, escaping closures) go to optimised
    /// partitions as tailcc functions; acyclic functions to fast partitions
    /// with the C convention; the entry is always cold.
    func testTiersAndCallingConventions() throws {
        let ir = try LLVMBackend.emitLLVMIR(Self.mixedModule(), options: splitOptions(2))
        let parts = ir.components(separatedBy: "; ---- partition ").dropFirst()
        XCTAssertGreaterThan(parts.count, 1, ir)
        /// (optimised?, the define line) of a function
        func placement(_ name: String) throws -> (Bool, String) {
            for p in parts {
                for line in p.split(separator: "\n") where line.hasPrefix("define ") {
                    if line.contains("@\(name)(") || line.contains("@\"\(name)\"(") {
                        return (p.prefix { $0 != "\n" }.contains("(optimised"), String(line))
                    }
                }
            }
            XCTFail("no definition of \(name) in\n\(ir)")
            return (false, "")
        }
        // (`step` is hot too, and inlined into `loop`)
        for hot in ["cl.loop", "cl.callback", "cl.published"] {
            let (optimised, line) = try placement(hot)
            XCTAssertTrue(optimised && line.contains("tailcc"), "\(hot): \(line)")
        }
        for cold in ["cl.once", "cl.main", "cl.unpublished"] {
            let (optimised, line) = try placement(cold)
            XCTAssertTrue(!optimised && !line.contains("tailcc"), "\(cold): \(line)")
        }
    }

    /// Compact code defers overflow checks over pure instructions; the error
    /// must still name the first operation that overflowed, and nothing after
    /// it may happen.
    func testDeferredOverflowChecksRaiseTheFirstOverflow() throws {
        func module(_ x: Int64) -> IRModule {
            var f: IRFunction!
            return makeModule({ m in
                f = addFunction(m, "f", [.int], .int) { b in
                    let x = b.params[0]
                    b.print(b.str("before"))
                    let a = b.bin(.imul, x, b.int(4), at: sp(3, 1))
                    let c = b.bin(.iadd, a, b.int(1), at: sp(3, 2))
                    let d = b.bin(.iadd, x, b.int(.max), at: sp(3, 3))
                    let e = b.bin(.imod, d, b.int(10), at: sp(3, 4))
                    b.print(c, e)
                    b.terminate(.ret(b.bin(.isub, c, e, at: sp(3, 5))))
                }
            }) { b in
                b.print(b.call(f, [b.int(x)]))
                b.retNil()
            }
        }
        func overflow(_ col: Int) -> String { "error[integer-overflow]: integer overflow\n  at t.cl:3:\(col)\n" }
        let firstOverflows = RunResult(status: 1, stdout: "before\n", stderr: overflow(1))
        let thirdOverflows = RunResult(status: 1, stdout: "before\n", stderr: overflow(3))
        let none = RunResult(status: 0, stdout: "before\n-399 7\n-406\n", stderr: "")
        for (x, expected) in [(Int64(1) << 62, firstOverflows), (1, thirdOverflows), (-100, none)] {
            try assertRuns(module(x), expected)
            XCTAssertEqual(try runAOT(module(x), options: splitOptions(0)), expected)
        }
    }

    /// Division and remainder by constants (which need no checks) against
    /// Swift's arithmetic, in the optimised and the compact code.
    func testConstantDivisors() throws {
        let values: [Int64] = [.min, .min + 1, -7, -6, -1, 0, 1, 6, 7, .max]
        let divisors: [Int64] = [.min, -7, -2, -1, 1, 2, 7, .max]
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
            ops = addFunction(m, "ops", [.int], .nil_) { b in
                let x = b.params[0]
                for d in divisors {
                    if d == -1 {
                        b.print(b.bin(.imod, x, b.int(d)), b.bin(.irem, x, b.int(d)))
                    } else {
                        b.print(b.bin(.idiv, x, b.int(d)), b.bin(.imod, x, b.int(d)),
                                b.bin(.iquot, x, b.int(d)), b.bin(.irem, x, b.int(d)))
                    }
                }
                b.retNil()
            }
        }) { b in
            for a in values {
                _ = b.call(ops, [b.int(a)])
                for d in divisors {
                    expected += d == -1 ? "0 0\n" : "\(floorDiv(a, d)) \(floorMod(a, d)) \(a / d) \(a % d)\n"
                }
            }
            b.retNil()
        }
        try assertRuns(m, RunResult(status: 0, stdout: expected, stderr: ""))
        XCTAssertEqual(try runAOT(m, options: splitOptions(0)), RunResult(status: 0, stdout: expected, stderr: ""))

        // constant -1 and 0 keep their checks
        let overflow = RunResult(status: 1, stdout: "", stderr: "error[integer-overflow]: integer overflow\n  at t.cl:3:5\n")
        let divZero = RunResult(status: 1, stdout: "", stderr: "error[division-by-zero]: division by zero\n  at t.cl:3:5\n")
        for opt in [0, 2] {
            for op in [BinOp.idiv, .iquot] {
                XCTAssertEqual(try runJIT(constantDivision(op, .min, -1), opt: opt), overflow, "\(op)")
            }
            for op in [BinOp.idiv, .imod, .iquot, .irem] {
                XCTAssertEqual(try runJIT(constantDivision(op, 7, 0), opt: opt), divZero, "\(op)")
            }
        }
    }

    /// `op(x, d)` with `d` a constant in the function (x through a parameter).
    private func constantDivision(_ op: BinOp, _ x: Int64, _ d: Int64) -> IRModule {
        var f: IRFunction!
        return makeModule({ m in
            f = addFunction(m, "op", [.int], .int) { b in
                b.terminate(.ret(b.bin(op, b.params[0], b.int(d), at: sp(3, 5))))
            }
        }) { b in
            b.print(b.call(f, [b.int(x)]))
            b.retNil()
        }
    }

    /// Functions of the same signature shape share one generic trampoline,
    /// which calls each closure's own code, unboxes (checked) and boxes.
    func testSharedGenericTrampolines() throws {
        var sub: IRFunction!, mul: IRFunction!, pick: IRFunction!
        let m = makeModule({ m in
            sub = addFunction(m, "sub", [.int, .int], .int) { b in
                b.terminate(.ret(b.bin(.isub, b.params[0], b.params[1])))
            }
            mul = addFunction(m, "mul", [.int, .int], .int) { b in
                b.terminate(.ret(b.bin(.imul, b.params[0], b.params[1])))
            }
            pick = addFunction(m, "pick", [.bool, .float], .float) { b in
                let yes = b.newBlock(params: []), no = b.newBlock(params: [])
                b.terminate(.condbr(b.params[0], yes, [], no, []))
                b.position(at: yes)
                b.terminate(.ret(b.params[1]))
                b.position(at: no)
                b.terminate(.ret(b.value(.unary(.fneg, b.params[1]), .float, at: sp())))
            }
        }) { b in
            let args = [b.box(b.int(6)), b.box(b.int(7))]
            b.print(b.value(.callAny(b.funcref(sub), args), .any, at: sp()),
                    b.value(.callAny(b.funcref(mul), args), .any, at: sp()),
                    b.value(.callAny(b.funcref(pick), [b.box(b.bool(false)), b.box(b.float(1.5))]), .any, at: sp()),
                    b.value(.callAny(b.funcref(pick), [b.box(b.bool(true)), b.box(b.int(2))]), .any, at: sp()))
            _ = b.value(.callAny(b.funcref(mul), [b.box(b.int(1)), b.box(b.str("x"))]), .any, at: sp(8, 2))
            b.retNil()
        }
        let ir = try LLVMBackend.emitLLVMIR(m, options: LLVMOptions(optLevel: 0))
        XCTAssertEqual(ir.components(separatedBy: "define internal i64 @\"cl$generic.ii_i64\"(").count - 1, 1, ir)
        let r = try runJIT(m, opt: 0)
        XCTAssertEqual(r.stdout, "-1 42 -1.5 2.0\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("error[type-error]") && r.stderr.contains("t.cl:8:2"), r.stderr)
        XCTAssertEqual(try runJIT(m, opt: 2), r)
        XCTAssertEqual(try runAOT(m, opt: 2), r)
        XCTAssertEqual(try runAOT(m, options: splitOptions(2)), r)
        XCTAssertEqual(try runJIT(m, options: splitOptions(0)), r)
    }

    /// A module with every tier situation:
    /// - `loop` (a self tail loop) calls `step`: both hot;
    /// - `callback` escapes as a closure passed through call.any: hot;
    /// - `published` is stored in a global that is read: hot (escapes);
    /// - `unpublished` is stored in a global nobody reads, `once` is called
    ///   once from the entry: both cold (acyclic, C convention).
    static func mixedModule() -> IRModule {
        var loop: IRFunction!, once: IRFunction!, callback: IRFunction!, published: IRFunction!, unpublished: IRFunction!
        return makeModule({ m in
            _ = m.addGlobal(IRGlobal(name: "pub", type: .any, defSpan: sp(1, 1)))
            _ = m.addGlobal(IRGlobal(name: "unpub", type: .any, defSpan: sp(2, 1)))
            let step = addFunction(m, "step", [.int], .int) { b in
                b.terminate(.ret(b.bin(.imod, b.bin(.iadd, b.bin(.imul, b.params[0], b.int(31)), b.int(7)), b.int(1000))))
            }
            loop = declareFunction(m, "loop", [.int, .int], .int)
            let b = IRBuilder(module: m, function: loop)
            let (k, acc) = (b.params[0], b.params[1])
            let done = b.newBlock(params: []), more = b.newBlock(params: [])
            b.terminate(.condbr(b.cmp(.eq, k, b.int(0)), done, [], more, []))
            b.position(at: done)
            b.terminate(.ret(acc))
            b.position(at: more)
            let next = b.call(step, [b.bin(.iadd, acc, k)])
            b.terminate(.tailcall(.call(loop.id, [b.selfValue, b.bin(.isub, k, b.int(1)), next]), sp()))
            once = addFunction(m, "once", [.int], .any) { b in
                b.print(b.str("once"), b.params[0])
                b.terminate(.ret(b.box(b.bin(.imul, b.params[0], b.int(2)))))
            }
            callback = addFunction(m, "callback", [.any], .any, captures: [.int], anonymous: true) { b in
                let k = b.value(.capture(0), .int, at: sp())
                let x = b.value(.unbox(b.params[0], .int, checked: true), .int, at: sp())
                b.terminate(.ret(b.box(b.bin(.iadd, x, k))))
            }
            published = addFunction(m, "published", [.int], .int) { b in
                b.terminate(.ret(b.bin(.iadd, b.params[0], b.int(1))))
            }
            unpublished = addFunction(m, "unpublished", [.int], .int) { b in
                b.terminate(.ret(b.bin(.isub, b.params[0], b.int(1))))
            }
        }) { b in
            _ = b.value(.globalSet(GlobalID(0), b.box(b.funcref(published))), .nil_, at: sp())
            _ = b.value(.globalSet(GlobalID(1), b.box(b.funcref(unpublished))), .nil_, at: sp())
            b.print(b.call(loop, [b.int(1000), b.int(0)]))
            let twice = b.call(once, [b.int(21)])
            let clo = b.value(.makeClosure(callback.id, [b.int(100)]), callback.type, at: sp())
            b.print(twice, b.value(.callAny(clo, [twice]), .any, at: sp()))
            let pub = b.value(.globalGet(GlobalID(0), checked: true), .any, at: sp())
            b.print(b.value(.callAny(pub, [b.box(b.int(41))]), .any, at: sp()), b.call(unpublished, [b.int(10)]))
            b.retNil()
        }
    }

    static var mixedOutput: String {
        var acc: Int64 = 0
        for k in stride(from: Int64(1000), to: 0, by: -1) { acc = ((acc + k) * 31 + 7) % 1000 }
        return "\(acc)\nonce 21\n42 142\n42 9\n"
    }
}
