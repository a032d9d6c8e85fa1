import ClaudeIR
import ClaudeLLVM
import ClaudeSyntax
import Foundation
import XCTest

/// Helpers for building IR modules by hand and running them on the JIT or as
/// executables, capturing the program's stdout, stderr and exit status.

func sp(_ line: Int = 1, _ col: Int = 1) -> Span { Span(file: "t.cl", start: 0, end: 0, line: line, column: col) }

struct RunResult: Equatable {
    var status: Int32
    var stdout: String
    var stderr: String
}

extension IRBuilder {
    func int(_ n: Int64) -> ValueID { value(.constInt(n), .int, at: sp()) }
    func float(_ d: Double) -> ValueID { value(.constFloat(d), .float, at: sp()) }
    func bool(_ b: Bool) -> ValueID { value(.constBool(b), .bool, at: sp()) }
    func str(_ s: String) -> ValueID { value(.constString(s), .string, at: sp()) }
    func nil_() -> ValueID { value(.constNil, .nil_, at: sp()) }
    func bin(_ op: BinOp, _ a: ValueID, _ b: ValueID, at s: Span = sp()) -> ValueID {
        value(.binary(op, a, b), op.isInt ? .int : .float, at: s)
    }
    func cmp(_ op: CmpOp, _ a: ValueID, _ b: ValueID) -> ValueID { value(.cmp(op, a, b), .bool, at: sp()) }
    func box(_ v: ValueID) -> ValueID { type(of: v).isBoxed ? v : value(.box(v), .any, at: sp()) }
    func funcref(_ f: IRFunction) -> ValueID { value(.funcRef(f.id), f.type, at: sp()) }
    func call(_ f: IRFunction, _ args: [ValueID], self s: ValueID? = nil) -> ValueID {
        value(.call(f.id, [s ?? funcref(f)] + args), f.returnType, at: sp())
    }
    func builtin(_ name: String, _ args: [ValueID], at s: Span = sp()) -> ValueID {
        value(.callBuiltin(name, args.map(box)), .any, at: s)
    }
    /// `print` of the values (boxed as needed).
    func print(_ vs: ValueID...) { _ = builtin("print", vs) }
    func retNil() { terminate(.ret(nil_())) }
}

/// A module whose entry function `main` is built by `body`; `setup` may add
/// other functions first.
func makeModule(_ setup: (IRModule) -> Void = { _ in }, main body: (IRBuilder) -> Void) -> IRModule {
    let m = IRModule()
    setup(m)
    let main = m.addFunction(name: "main", displayName: "main", paramTypes: [], returnType: .nil_, captures: [], span: sp())
    m.entry = main.id
    body(IRBuilder(module: m, function: main))
    return m
}

/// Adds `name(params) -> result` and builds its body.
@discardableResult
func addFunction(_ m: IRModule, _ name: String, _ params: [IRType], _ result: IRType, captures: [IRType] = [],
                 anonymous: Bool = false, body: (IRBuilder) -> Void) -> IRFunction {
    let f = m.addFunction(name: name, displayName: anonymous ? nil : name, paramTypes: params, returnType: result,
                          captures: captures, span: sp())
    body(IRBuilder(module: m, function: f))
    return f
}

/// Declares a function now and builds its body later (for mutual recursion).
func declareFunction(_ m: IRModule, _ name: String, _ params: [IRType], _ result: IRType) -> IRFunction {
    m.addFunction(name: name, displayName: name, paramTypes: params, returnType: result, captures: [], span: sp())
}

/// Runs `body` with fds 1 and 2 redirected to files; returns what was written.
func captureOutput(_ body: () throws -> Int32) rethrows -> RunResult {
    fflush(stdout); fflush(stderr)
    let dir = FileManager.default.temporaryDirectory
    let outPath = dir.appendingPathComponent("llvmtest-\(getpid())-out").path
    let errPath = dir.appendingPathComponent("llvmtest-\(getpid())-err").path
    let outFD = open(outPath, O_CREAT | O_TRUNC | O_WRONLY, 0o600), errFD = open(errPath, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
    let savedOut = dup(1), savedErr = dup(2)
    dup2(outFD, 1); dup2(errFD, 2)
    defer {
        fflush(stdout); fflush(stderr)
        dup2(savedOut, 1); dup2(savedErr, 2)
        close(savedOut); close(savedErr); close(outFD); close(errFD)
        unlink(outPath); unlink(errPath)
    }
    let status = try body()
    fflush(stdout); fflush(stderr)
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return RunResult(status: status, stdout: out, stderr: err)
}

func runJIT(_ m: IRModule, opt: Int, args: [String] = []) throws -> RunResult {
    try runJIT(m, options: LLVMOptions(optLevel: opt), args: args)
}

func runJIT(_ m: IRModule, options: LLVMOptions, args: [String] = []) throws -> RunResult {
    try Verifier.verify(m)
    var result: RunResult?
    var failure: Error?
    let r = captureOutput { () -> Int32 in
        do { return try LLVMBackend.runJIT(m, args: args, options: options) } catch { failure = error; return -1 }
    }
    if let failure { throw failure }
    result = r
    return result!
}

/// The runtime archive for AOT tests: $CLAUDE_RUNTIME_LIB, or libClaudeRuntime.a
/// next to the test bundle (SwiftPM's build directory).
func runtimeArchive() throws -> String {
    if let p = ProcessInfo.processInfo.environment["CLAUDE_RUNTIME_LIB"] { return p }
    let bundle = Bundle.main.bundleURL
    for dir in [bundle, bundle.deletingLastPathComponent()] {
        let p = dir.appendingPathComponent("libClaudeRuntime.a").path
        if FileManager.default.fileExists(atPath: p) { return p }
    }
    throw XCTSkip("no libClaudeRuntime.a near \(bundle.path)")
}

func runAOT(_ m: IRModule, opt: Int, args: [String] = [], env: [String: String] = [:]) throws -> RunResult {
    try runAOT(m, options: LLVMOptions(optLevel: opt), args: args, env: env)
}

/// Options that split even the smallest module into partitions (Partition.swift).
func splitOptions(_ opt: Int, threads: Int = 2) -> LLVMOptions {
    var o = LLVMOptions(optLevel: opt)
    o.splitThreshold = 0
    o.threads = threads
    return o
}

func runAOT(_ m: IRModule, options: LLVMOptions, args: [String] = [], env: [String: String] = [:]) throws -> RunResult {
    try Verifier.verify(m)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llvmtest-aot-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let exe = dir.appendingPathComponent("prog\(UInt32.random(in: 0...UInt32.max))").path
    defer { try? FileManager.default.removeItem(at: dir) }
    try LLVMBackend.buildExecutable(m, output: exe, runtimeLibrary: try runtimeArchive(), options: options)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// Runs on the JIT at -O0 and -O2 and as an executable at -O2; every run
/// must give `expected`.
func assertRuns(_ m: IRModule, _ expected: RunResult, aot: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws {
    for opt in [0, 2] {
        XCTAssertEqual(try runJIT(m, opt: opt), expected, "JIT -O\(opt)", file: file, line: line)
    }
    if aot { XCTAssertEqual(try runAOT(m, opt: 2), expected, "AOT -O2", file: file, line: line) }
}

/// The body of `define ... @name(` in LLVM IR text.
func functionText(_ ir: String, _ name: String) -> String? {
    guard let start = ir.range(of: "@\(name)(") ?? ir.range(of: "@\"\(name)\"(") else { return nil }
    let defineStart = ir[..<start.lowerBound].range(of: "define", options: .backwards)?.lowerBound ?? start.lowerBound
    guard let end = ir[start.upperBound...].range(of: "\n}\n") else { return nil }
    return String(ir[defineStart..<end.upperBound])
}
