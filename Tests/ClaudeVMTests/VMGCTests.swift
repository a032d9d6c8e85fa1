import XCTest
import ClaudeIR
@testable import ClaudeVM

/// Precise GC over the register file: programs that keep values only in
/// VM registers, closures, cells and globals, run with a collection at
/// every allocation (the runtime reports a dangling reference and exits 70).
final class VMGCTests: XCTestCase {
    /// loop(i, acc): acc = cons(to-string(i) ++ suffix, acc), tail recursive,
    /// with a boxed float and a closure held across each allocation.
    func allocatingProgram(_ n: Int64) -> TestModule {
        let t = TestModule()
        let show = t.function("show", params: [.any], returns: .any, captures: [.string, .float]) { b in
            let s = b.value(.capture(0), .string, at: testSpan)
            let f = b.value(.capture(1), .float, at: testSpan)
            b.terminate(.ret(b.builtin("concat", [b.params[0], s, b.builtin("to-string", [f])])))
        }
        let loop = t.declare("loop", params: [.int, .anyList, .any], returns: .anyList)
        t.define(loop) { b in
            let (i, acc, fn) = (b.params[0], b.params[1], b.params[2])
            b.branch(b.cmp(.eq, i, b.int(0))) {
                b.terminate(.ret(acc))
            } else: {
                let x = b.box(b.itof(i))                      // boxed Float, live across the next allocations
                let text = b.builtin("to-string", [i])
                let shown = b.value(.callAny(fn, [text]), .any, at: testSpan)
                let pair = b.builtin("list", [shown, x])
                let cell = b.builtin("cons", [pair, acc])
                let list = b.value(.unbox(cell, .anyList, checked: true), .anyList, at: testSpan)
                let fresh = b.value(.makeClosure(show.id, [b.str("#"), b.itof(i)]), show.type, at: testSpan)
                b.terminate(.tailcall(.call(loop.id, [b.selfValue, b.bin(.isub, i, b.int(1)), list, b.box(fresh)]), testSpan))
            }
        }
        let g = t.m.addGlobal(IRGlobal(name: "result", type: .anyList, defSpan: testSpan))
        t.main { b in
            let first = b.value(.makeClosure(show.id, [b.str("!"), b.float(0.5)]), show.type, at: testSpan)
            let xs = b.call(loop, [b.funcref(loop), b.int(n), b.value(.constEmpty, .anyList, at: testSpan), b.box(first)])
            _ = b.value(.globalSet(g, b.box(xs)), .nil_, at: testSpan)
            let back = b.value(.globalGet(g, checked: true), .any, at: testSpan)
            b.print(b.builtin("length", [back]), b.builtin("head", [back]), b.builtin("last", [back]))
        }
        return t
    }

    func expectedOutput(_ n: Int) -> String {
        "\(n) [\"1#2.0\" 1.0] [\"\(n)!0.5\" \(n).0]\n"
    }

    func testAllocatingProgramWithoutStress() {
        XCTAssertEqual(compileAndRun(allocatingProgram(2000)), RunResult(out: expectedOutput(2000), err: "", status: 0))
    }

    func testAllocatingProgramUnderGCStress() {
        let r = withGCStress { compileAndRun(allocatingProgram(300)) }
        XCTAssertEqual(r, RunResult(out: expectedOutput(300), err: "", status: 0))
    }

    /// Non-tail recursion keeping a string live in each frame across the
    /// recursive call, and cells holding values only reachable from frames.
    func testDeepFramesUnderGCStress() {
        let t = TestModule()
        let build = t.declare("build", params: [.int], returns: .string)
        t.define(build) { b in
            let n = b.params[0]
            b.branch(b.cmp(.eq, n, b.int(0))) {
                b.terminate(.ret(b.str("")))
            } else: {
                let mine = b.builtin("to-string", [b.bin(.imod, n, b.int(10))])
                let cell = b.value(.cellNew(mine), .cell(.any), at: testSpan)
                let rest = b.call(build, [b.selfValue, b.bin(.isub, n, b.int(1))])
                let s = b.builtin("concat", [b.value(.cellGet(cell), .any, at: testSpan), rest])
                b.terminate(.ret(b.value(.unbox(s, .string, checked: true), .string, at: testSpan)))
            }
        }
        t.main { b in
            let s = b.call(build, [b.funcref(build), b.int(400)])
            b.print(b.builtin("string-length", [s]), s)
        }
        let r = withGCStress { compileAndRun(t) }
        let digits = (1...400).reversed().map { String($0 % 10) }.joined()
        XCTAssertEqual(r, RunResult(out: "400 \(digits)\n", err: "", status: 0))
    }
}

extension IRBuilder {
    func itof(_ v: ValueID) -> ValueID { value(.unary(.itof, v), .float, at: testSpan) }
}
