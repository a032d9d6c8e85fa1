import ClaudeIR
import ClaudeLLVM
import Foundation
import XCTest

/// Guaranteed tail calls: constant stack at -O0 and -O2 for self recursion,
/// mutual recursion, calls through closures and uniform `call.any`.
final class LLVMTailCallTests: XCTestCase {
    /// loop(n, acc) = n == 0 ? acc : loop(n - 1, acc + 1)
    static func countdown(_ n: Int64) -> IRModule {
        var loop: IRFunction!
        return makeModule({ m in
            loop = declareFunction(m, "loop", [.int, .int], .int)
            let b = IRBuilder(module: m, function: loop)
            let (k, acc) = (b.params[0], b.params[1])
            let done = b.newBlock(params: []), more = b.newBlock(params: [])
            b.terminate(.condbr(b.cmp(.eq, k, b.int(0)), done, [], more, []))
            b.position(at: done)
            b.terminate(.ret(acc))
            b.position(at: more)
            let one = b.int(1)
            b.terminate(.tailcall(.call(loop.id, [b.selfValue, b.bin(.isub, k, one), b.bin(.iadd, acc, one)]), sp()))
        }) { b in
            b.print(b.call(loop, [b.int(n), b.int(0)]))
            b.retNil()
        }
    }

    /// even?(n) = n == 0 ? #t : odd?(n - 1); odd?(n) = n == 0 ? #f : even?(n - 1)
    static func evenOdd(_ n: Int64) -> IRModule {
        var even: IRFunction!
        return makeModule({ m in
            even = declareFunction(m, "even?", [.int], .bool)
            let odd = declareFunction(m, "odd?", [.int], .bool)
            for (f, other, base) in [(even!, odd, true), (odd, even!, false)] {
                let b = IRBuilder(module: m, function: f)
                let k = b.params[0]
                let done = b.newBlock(params: []), more = b.newBlock(params: [])
                b.terminate(.condbr(b.cmp(.eq, k, b.int(0)), done, [], more, []))
                b.position(at: done)
                b.terminate(.ret(b.bool(base)))
                b.position(at: more)
                b.terminate(.tailcall(.call(other.id, [b.funcref(other), b.bin(.isub, k, b.int(1))]), sp()))
            }
        }) { b in
            b.print(b.call(even, [b.int(n)]))
            b.retNil()
        }
    }

    /// spin(n) = n == 0 ? 0 : (spin as a closure value)(n - 1), a tail call.closure
    static func closureSpin(_ n: Int64) -> IRModule {
        var spin: IRFunction!
        return makeModule({ m in
            spin = declareFunction(m, "spin", [.int], .int)
            let b = IRBuilder(module: m, function: spin)
            let k = b.params[0]
            let done = b.newBlock(params: []), more = b.newBlock(params: [])
            b.terminate(.condbr(b.cmp(.eq, k, b.int(0)), done, [], more, []))
            b.position(at: done)
            b.terminate(.ret(k))
            b.position(at: more)
            b.terminate(.tailcall(.callClosure(b.funcref(spin), [b.bin(.isub, k, b.int(1))]), sp()))
        }) { b in
            b.print(b.call(spin, [b.int(n)]))
            b.retNil()
        }
    }

    /// anyspin(n: Any) = n == 0 ? n : anyspin(box(n - 1)) through `tail call.any`
    /// (a uniform closure: the direct path).
    static func anySpin(_ n: Int64) -> IRModule {
        var spin: IRFunction!
        return makeModule({ m in
            spin = declareFunction(m, "anyspin", [.any], .any)
            let b = IRBuilder(module: m, function: spin)
            let k = b.value(.unbox(b.params[0], .int, checked: true), .int, at: sp())
            let done = b.newBlock(params: []), more = b.newBlock(params: [])
            b.terminate(.condbr(b.cmp(.eq, k, b.int(0)), done, [], more, []))
            b.position(at: done)
            b.terminate(.ret(b.params[0]))
            b.position(at: more)
            let f = b.value(.box(b.funcref(spin)), .any, at: sp())
            b.terminate(.tailcall(.callAny(f, [b.box(b.bin(.isub, k, b.int(1)))]), sp()))
        }) { b in
            b.print(b.call(spin, [b.box(b.int(n))]))
            b.retNil()
        }
    }

    func testSelfTailLoopIsABranch() throws {
        let ir = try LLVMBackend.emitLLVMIR(Self.countdown(10), options: LLVMOptions(optLevel: 0))
        let loop = try XCTUnwrap(functionText(ir, "cl.loop"))
        XCTAssertFalse(loop.contains("call tailcc"), loop)
    }

    func testMutualTailCallsAreMusttail() throws {
        let ir = try LLVMBackend.emitLLVMIR(Self.evenOdd(10), options: LLVMOptions(optLevel: 0))
        let even = try XCTUnwrap(functionText(ir, "cl.even?"), ir)
        XCTAssertTrue(even.contains("musttail call tailcc i1 @\"cl.odd?\""), even)
    }

    func testHundredMillionIterationLoop() throws {
        for opt in [0, 2] {
            let start = Date()
            XCTAssertEqual(try runJIT(Self.countdown(100_000_000), opt: opt), RunResult(status: 0, stdout: "100000000\n", stderr: ""))
            print("100M tail loop, JIT -O\(opt): \(String(format: "%.3f", Date().timeIntervalSince(start))) s (compile included)")
        }
    }

    func testMutualRecursion() throws {
        for opt in [0, 2] {
            let start = Date()
            XCTAssertEqual(try runJIT(Self.evenOdd(100_000_001), opt: opt), RunResult(status: 0, stdout: "#f\n", stderr: ""))
            print("100M mutual tail calls, JIT -O\(opt): \(String(format: "%.3f", Date().timeIntervalSince(start))) s")
        }
        XCTAssertEqual(try runAOT(Self.evenOdd(10_000_000), opt: 0), RunResult(status: 0, stdout: "#t\n", stderr: ""))
    }

    func testTailCallsThroughClosures() throws {
        for opt in [0, 2] {
            XCTAssertEqual(try runJIT(Self.closureSpin(100_000_000), opt: opt), RunResult(status: 0, stdout: "0\n", stderr: ""))
            XCTAssertEqual(try runJIT(Self.anySpin(10_000_000), opt: opt), RunResult(status: 0, stdout: "0\n", stderr: ""))
        }
    }
}
