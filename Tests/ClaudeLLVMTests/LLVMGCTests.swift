@testable import ClaudeLLVM
import CLLVM
import ClaudeRuntime
import ClaudeIR
import Foundation
import XCTest

/// Shadow-stack rooting: frame layouts, and allocation-heavy programs run with
/// a collection at every allocation (CLAUDE_GC_STRESS=1).
final class LLVMGCTests: XCTestCase {
    /// build(n, acc) = n == 0 ? acc : build(n - 1, cons(pair(), acc)) where
    /// every iteration boxes a heap Int, makes a closure capturing it and a
    /// cell holding it, while `acc` stays live across all of those allocations.
    static func churn(_ n: Int64) -> IRModule {
        var build: IRFunction!
        return makeModule({ m in
            // pair() captures (Any, Int): [c0 c1]
            let pair = addFunction(m, "pair", [], .any, captures: [.any, .int]) { b in
                let c0 = b.value(.capture(0), .any, at: sp())
                let c1 = b.box(b.value(.capture(1), .int, at: sp()))
                let inner = b.builtin("cons", [c1, b.value(.constEmpty, .anyList, at: sp())])
                b.terminate(.ret(b.builtin("cons", [c0, inner])))
            }
            build = declareFunction(m, "build", [.int, .anyList], .anyList)
            let b = IRBuilder(module: m, function: build)
            let (k, acc) = (b.params[0], b.params[1])
            let done = b.newBlock(params: []), more = b.newBlock(params: [])
            b.terminate(.condbr(b.cmp(.eq, k, b.int(0)), done, [], more, []))
            b.position(at: done)
            b.terminate(.ret(acc))
            b.position(at: more)
            let boxed = b.box(b.bin(.iadd, k, b.int(1 << 62)))
            let clo = b.value(.makeClosure(pair.id, [boxed, k]), pair.type, at: sp())
            let cell = b.value(.cellNew(boxed), .cell(.any), at: sp())
            let p = b.value(.callClosure(clo, []), .any, at: sp())
            let item = b.builtin("cons", [b.value(.cellGet(cell), .any, at: sp()), p])
            let next = b.value(.unbox(b.builtin("cons", [item, acc]), .anyList, checked: true), .anyList, at: sp())
            b.terminate(.tailcall(.call(build.id, [b.selfValue, b.bin(.isub, k, b.int(1)), next]), sp()))
        }) { b in
            b.print(b.call(build, [b.int(n), b.value(.constEmpty, .anyList, at: sp())]))
            b.retNil()
        }
    }

    static func churnOutput(_ n: Int64) -> String {
        let items = (1...n).map { k in "[\(k + (1 << 62)) \(k + (1 << 62)) \(k)]" }
        return "[" + items.joined(separator: " ") + "]\n"
    }

    func testFrameLayout() throws {
        let m = Self.churn(3)
        let build = try XCTUnwrap(m.functions.first { $0.name == "build" })
        let statics: Set<Int> = [build.blocks[0].params[0].index]
        let frame = FrameLayout(build, cfg: CFG(build), staticValues: statics)
        // acc, boxed (live across closure/cell allocation), cell, the closure
        // and the pair result are live across allocations; k is raw
        XCTAssertNil(frame.slot(of: build.blocks[0].params[1]), "raw Int")
        XCTAssertNotNil(frame.slot(of: build.blocks[0].params[2]), "acc")
        XCTAssertEqual(frame.argvCount, 2)
        let fib = try XCTUnwrap(LLVMCodegenTests.fibModule().functions.first { $0.name == "fib" })
        XCTAssertFalse(FrameLayout(fib, cfg: CFG(fib), staticValues: [fib.blocks[0].params[0].index]).needsFrame)
    }

    func testDisjointLiveRangesShareASlot() throws {
        var a = ValueID(0), b2 = ValueID(0)
        let m = makeModule { b in
            a = b.value(.cellNew(b.box(b.int(1))), .cell(.any), at: sp())
            b.print(b.str("x"))
            b.print(b.value(.cellGet(a), .any, at: sp()))
            b2 = b.value(.cellNew(b.box(b.int(2))), .cell(.any), at: sp())
            b.print(b.str("y"))
            b.print(b.value(.cellGet(b2), .any, at: sp()))
            b.retNil()
        }
        let main = m.function(m.entry)
        let frame = FrameLayout(main, cfg: CFG(main), staticValues: [])
        XCTAssertEqual(frame.slot(of: a), 0)
        XCTAssertEqual(frame.slot(of: b2), 0)
        XCTAssertEqual(frame.size, 2, "one shared slot + a one-word argv")
        try assertRuns(m, RunResult(status: 0, stdout: "x\n1\ny\n2\n", stderr: ""))
    }

    /// A frame of more than 4000 slots checks rt_shadow_limit in its prologue.
    func testHugeFrameChecksTheShadowLimit() throws {
        let m = makeModule { b in
            let cells = (0..<4100).map { _ in b.value(.cellNew(b.str("x")), .cell(.string), at: sp()) }
            let list = b.builtin("list", cells.map { b.value(.cellGet($0), .string, at: sp()) })
            b.print(b.builtin("length", [list]))
            b.retNil()
        }
        let ir = try LLVMBackend.emitLLVMIR(m, options: LLVMOptions(optLevel: 0))
        XCTAssertTrue(try XCTUnwrap(functionText(ir, "cl.main")).contains("@rt_shadow_overflow"))
        XCTAssertEqual(try runJIT(m, opt: 0), RunResult(status: 0, stdout: "4100\n", stderr: ""))
    }

    func testFnInfoLayoutMatchesTheHeader() {
        // StaticData.fnInfo emits { ptr, ptr, i32, i32, i32, i32, i64 }
        XCTAssertEqual(MemoryLayout<rt_fninfo>.offset(of: \rt_fninfo.name), 8)
        XCTAssertEqual(MemoryLayout<rt_fninfo>.offset(of: \rt_fninfo.min_args), 16)
        XCTAssertEqual(MemoryLayout<rt_fninfo>.offset(of: \rt_fninfo.max_args), 20)
        XCTAssertEqual(MemoryLayout<rt_fninfo>.offset(of: \rt_fninfo.nfree), 24)
        XCTAssertEqual(MemoryLayout<rt_fninfo>.offset(of: \rt_fninfo.flags), 28)
        XCTAssertEqual(MemoryLayout<rt_fninfo>.offset(of: \rt_fninfo.rawmask), 32)
        XCTAssertEqual(MemoryLayout<rt_fninfo>.size, 40)
        XCTAssertEqual(Layout.closureFree, 24)
    }

    func testStressedCollectionsKeepLiveValues() throws {
        let expected = RunResult(status: 0, stdout: Self.churnOutput(40), stderr: "")
        for opt in [0, 2] {
            XCTAssertEqual(try runAOT(Self.churn(40), opt: opt, env: ["CLAUDE_GC_STRESS": "1"]), expected, "AOT -O\(opt)")
        }
        rt_gc_set_stress(1)
        defer { rt_gc_set_stress(0) }
        for opt in [0, 2] {
            XCTAssertEqual(try runJIT(Self.churn(40), opt: opt), expected, "JIT -O\(opt)")
        }
    }

    func testRuntimeSymbolTableIsComplete() throws {
        // every runtime function or global the codegen may reference resolves in the JIT
        let table = RuntimeSymbols.table(for: Self.churn(1))
        let ctx = LLVMContextCreate()!
        defer { LLVMContextDispose(ctx) }
        let module = LLVMModuleCreateWithNameInContext("t", ctx)!
        defer { LLVMDisposeModule(module) }
        let decls = RuntimeDecls(module: module, ctx: ctx, types: LLTypes(ctx))
        let globals = ["rt_shadow_sp", "rt_shadow_limit", "rt_type_string", "rt_type_closure", "rt_type_float"]
        for name in decls.knownFunctions + globals { XCTAssertNotNil(table[name], name) }
        XCTAssertNotNil(table["rt_b_cons"], "builtin entries the module calls")
    }
}
