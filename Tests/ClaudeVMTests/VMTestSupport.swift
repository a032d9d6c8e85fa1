import XCTest
import ClaudeSyntax
import ClaudeIR
import ClaudeRuntime
@testable import ClaudeVM
#if canImport(Glibc)
import Glibc
#endif

/// Builds an IR module for a test: declare functions, fill their bodies,
/// then `compile()` (verifies first).
final class TestModule {
    let m = IRModule()

    func span(_ line: Int, _ col: Int = 1) -> ClaudeSyntax.Span {
        ClaudeSyntax.Span(file: "t.cl", start: 0, end: 0, line: line, column: col)
    }

    func declare(_ name: String, params: [IRType], returns: IRType, captures: [IRType] = [],
                 display: String? = nil) -> IRFunction {
        m.addFunction(name: name, displayName: display ?? name, paramTypes: params, returnType: returns,
                      captures: captures, span: span(1))
    }

    func define(_ f: IRFunction, names: [String?] = [], _ body: (IRBuilder) -> Void) {
        body(IRBuilder(module: m, function: f, paramNames: names))
    }

    @discardableResult
    func function(_ name: String, params: [IRType], returns: IRType, captures: [IRType] = [],
                  _ body: (IRBuilder) -> Void) -> IRFunction {
        let f = declare(name, params: params, returns: returns, captures: captures)
        define(f, body)
        return f
    }

    /// The entry function: no parameters, returns Nil (the body's last
    /// block is terminated with `ret nil` unless it already is).
    func main(_ body: (IRBuilder) -> Void) {
        let f = declare("main", params: [], returns: .nil_, display: nil)
        m.entry = f.id
        define(f) { b in
            body(b)
            if b.isOpen { b.terminate(.ret(b.value(.constNil, .nil_, at: span(1)))) }
        }
    }

    func compile() throws -> BytecodeProgram {
        try Verifier.verify(m)
        return try BytecodeCompiler.compile(m)
    }
}

let testSpan = ClaudeSyntax.Span(file: "t.cl", start: 0, end: 0, line: 1, column: 1)

/// Short forms for building test IR.
extension IRBuilder {
    func at(_ line: Int, _ col: Int = 1) -> ClaudeSyntax.Span {
        ClaudeSyntax.Span(file: "t.cl", start: 0, end: 0, line: line, column: col)
    }
    func int(_ n: Int64) -> ValueID { value(.constInt(n), .int, at: testSpan) }
    func float(_ d: Double) -> ValueID { value(.constFloat(d), .float, at: testSpan) }
    func bool(_ x: Bool) -> ValueID { value(.constBool(x), .bool, at: testSpan) }
    func str(_ s: String) -> ValueID { value(.constString(s), .string, at: testSpan) }
    func nilValue() -> ValueID { value(.constNil, .nil_, at: testSpan) }
    func bin(_ o: BinOp, _ a: ValueID, _ b: ValueID, line: Int = 1) -> ValueID {
        value(.binary(o, a, b), o.isInt ? .int : .float, at: at(line))
    }
    func cmp(_ o: CmpOp, _ a: ValueID, _ b: ValueID) -> ValueID { value(.cmp(o, a, b), .bool, at: testSpan) }
    func box(_ v: ValueID) -> ValueID { type(of: v) == .any ? v : value(.box(v), .any, at: testSpan) }
    func funcref(_ f: IRFunction) -> ValueID { value(.funcRef(f.id), f.type, at: testSpan) }
    func call(_ f: IRFunction, _ args: [ValueID], line: Int = 1) -> ValueID {
        value(.call(f.id, args), f.returnType, at: at(line))
    }
    /// call.builtin with every argument boxed; result Any
    @discardableResult
    func builtin(_ name: String, _ args: [ValueID], line: Int = 1) -> ValueID {
        value(.callBuiltin(name, args.map(box)), .any, at: at(line))
    }
    func print(_ vs: ValueID...) { builtin("print", vs) }
    /// if/else: `cond` true runs `then`, else `els`; both end with terminators.
    func branch(_ cond: ValueID, then: () -> Void, else els: () -> Void) {
        let t = newBlock(params: []), e = newBlock(params: [])
        terminate(.condbr(cond, t, [], e, []))
        position(at: t); then()
        position(at: e); els()
    }
}

struct RunResult: Equatable, CustomStringConvertible {
    var out: String
    var err: String
    var status: Int32
    var description: String { "status \(status)\n--- stdout\n\(out)--- stderr\n\(err)" }
}

/// Runs a program with fd 1 and 2 redirected to temporary files.
func runCaptured(_ p: BytecodeProgram, args: [String] = []) -> RunResult {
    fflush(stdout); fflush(stderr)
    let outFile = tmpfile()!, errFile = tmpfile()!
    let savedOut = dup(1), savedErr = dup(2)
    dup2(fileno(outFile), 1); dup2(fileno(errFile), 2)
    let status = VM.run(p, args: args)
    rt_flush()
    fflush(stdout); fflush(stderr)
    dup2(savedOut, 1); dup2(savedErr, 2)
    close(savedOut); close(savedErr)
    func contents(_ f: UnsafeMutablePointer<FILE>) -> String {
        rewind(f)
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            bytes += buf[0..<n]
        }
        fclose(f)
        return String(decoding: bytes, as: UTF8.self)
    }
    return RunResult(out: contents(outFile), err: contents(errFile), status: status)
}

func compileAndRun(_ t: TestModule, args: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> RunResult {
    do {
        return runCaptured(try t.compile(), args: args)
    } catch {
        XCTFail("\(error)", file: file, line: line)
        return RunResult(out: "", err: "\(error)", status: -1)
    }
}

/// Runs `body` with the collector running at every allocation.
func withGCStress<T>(_ body: () throws -> T) rethrows -> T {
    rt_gc_set_stress(1)
    defer { rt_gc_set_stress(0) }
    return try body()
}

/// Runs `body` with a small VM frame limit (to prove tail calls run in constant stack).
func withFrameLimit<T>(_ n: Int, _ body: () throws -> T) rethrows -> T {
    let saved = VMState.maxFrames
    VMState.maxFrames = n
    defer { VMState.maxFrames = saved }
    return try body()
}
