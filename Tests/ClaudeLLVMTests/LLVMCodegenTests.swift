import ClaudeIR
import ClaudeLLVM
import XCTest

/// Shapes of the generated LLVM IR, and basic programs run on JIT and AOT.
final class LLVMCodegenTests: XCTestCase {
    /// fib(n) on Ints: if n < 2 then n else fib(n-1) + fib(n-2).
    static func fibModule(_ n: Int64 = 25) -> IRModule {
        var fib: IRFunction!
        return makeModule({ m in
            fib = declareFunction(m, "fib", [.int], .int)
            let b = IRBuilder(module: m, function: fib)
            let x = b.params[0], two = b.int(2)
            let small = b.newBlock(params: []), big = b.newBlock(params: [])
            b.terminate(.condbr(b.cmp(.lt, x, two), small, [], big, []))
            b.position(at: small)
            b.terminate(.ret(x))
            b.position(at: big)
            let r1 = b.call(fib, [b.bin(.isub, x, b.int(1))], self: b.selfValue)
            let r2 = b.call(fib, [b.bin(.isub, x, two)], self: b.selfValue)
            b.terminate(.ret(b.bin(.iadd, r1, r2)))
        }) { b in
            b.print(b.call(fib, [b.int(n)]))
            b.retNil()
        }
    }

    func testFibIsFramelessOnRawInts() throws {
        for opt in [0, 2] {
            let ir = try LLVMBackend.emitLLVMIR(Self.fibModule(), options: LLVMOptions(optLevel: opt))
            let fib = try XCTUnwrap(functionText(ir, "cl.fib"), ir)
            XCTAssertTrue(fib.contains("tailcc i64 @\"cl.fib\"(") || fib.contains("tailcc i64 @cl.fib("), fib)
            XCTAssertFalse(fib.contains("rt_shadow_sp"), "fib needs no shadow frame:\n\(fib)")
            let runtimeCalls = fib.components(separatedBy: "\n").filter { $0.contains("call") && $0.contains("@rt_") }
            XCTAssertTrue(runtimeCalls.allSatisfy { $0.contains("@rt_error_overflow") }, "\(runtimeCalls)")
        }
    }

    func testFibRuns() throws {
        try assertRuns(Self.fibModule(), RunResult(status: 0, stdout: "75025\n", stderr: ""))
    }

    func testAssemblyMentionsFunctions() throws {
        let asm = try LLVMBackend.emitAssembly(Self.fibModule(), options: LLVMOptions(optLevel: 2))
        XCTAssertTrue(asm.contains("cl.fib"), asm)
        XCTAssertTrue(asm.contains("claude_main"), asm)
    }

    func testStringConstantsAreStaticAndDeduplicated() throws {
        let m = makeModule { b in
            b.print(b.str("héllo, wörld"))
            b.print(b.str("héllo, wörld"), b.str("e\u{301}"))
            b.retNil()
        }
        let ir = try LLVMBackend.emitLLVMIR(m, options: LLVMOptions(optLevel: 0))
        // one object per distinct byte sequence: {header, nbytes = 14, nchars = 12, bytes}
        XCTAssertEqual(ir.components(separatedBy: "i64 14, i64 12").count - 1, 1, ir)
        XCTAssertTrue(ir.contains("i64 3, i64 2"), "e + combining accent: 3 bytes, 2 scalars\n\(ir)")
        try assertRuns(m, RunResult(status: 0, stdout: "héllo, wörld\nhéllo, wörld e\u{301}\n", stderr: ""))
    }

    func testDebugInfo() throws {
        var opts = LLVMOptions(optLevel: 0)
        opts.debugInfo = true
        let ir = try LLVMBackend.emitLLVMIR(Self.fibModule(), options: opts)
        XCTAssertTrue(ir.contains("!DISubprogram(name: \"fib\""), ir)
        XCTAssertTrue(ir.contains("!DILocation(line: 1"), ir)
        XCTAssertTrue(ir.contains("\"Debug Info Version\""), ir)
        _ = try LLVMBackend.emitAssembly(Self.fibModule(), options: opts)
    }

    func testUnknownBuiltinIsAnError() throws {
        let m = makeModule { b in
            _ = b.builtin("no-such-builtin", [])
            b.retNil()
        }
        XCTAssertThrowsError(try LLVMBackend.emitLLVMIR(m, options: LLVMOptions())) { e in
            XCTAssertTrue("\(e)".contains("no-such-builtin"), "\(e)")
        }
    }

    func testFailedLinkLeavesNoFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llvmtest-link-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("prog").path
        XCTAssertThrowsError(try LLVMBackend.buildExecutable(Self.fibModule(), output: out,
                                                             runtimeLibrary: "/nonexistent/libClaudeRuntime.a",
                                                             options: LLVMOptions())) { e in
            XCTAssertTrue("\(e)".contains("nonexistent"), "cc's diagnostics are reported: \(e)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }
}
