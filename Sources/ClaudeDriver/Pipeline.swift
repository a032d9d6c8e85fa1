import Foundation
import ClaudeSyntax
import ClaudeSema
import ClaudeIR
import ClaudeLLVM
import ClaudeVM

/// Compilation failed; the diagnostics have been collected.
public struct CompileFailure: Error {
    public let diagnostics: [Diagnostic]
    public let source: SourceFile?
    /// The clang-style text of every diagnostic.
    public var rendered: String { diagnostics.map { $0.render(source: source) }.joined() }
}

/// The one place that strings the stages together:
/// source → Syntax → Sema → IR lowering → IR passes → LLVM (AOT / JIT) or VM.
public final class Pipeline {
    public let options: Options
    public private(set) var warnings: [Diagnostic] = []
    public private(set) var source: SourceFile?

    public init(options: Options) { self.options = options }

    /// Reads a source file; an unreadable file is a diagnostic, not a crash.
    public func load(_ path: String) throws -> SourceFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CompileFailure(diagnostics: [.error("cannot read file '\(path)'", at: Span(file: path, start: 0, end: 0, line: 0, column: 0))], source: nil)
        }
        let text = String(decoding: data, as: UTF8.self)
        let s = SourceFile(path: path, text: text)
        source = s
        return s
    }

    public func parse(_ source: SourceFile) throws -> Program {
        let diags = DiagnosticEngine()
        let program = Parser.parse(source, diags: diags)
        try finish(diags, source)
        return program
    }

    /// Name resolution and type inference.
    public func analyze(_ program: Program) throws -> CoreProgram {
        let diags = DiagnosticEngine()
        let core = Resolver.resolve(program, diags: diags)
        if !diags.hasErrors { TypeChecker.check(core, diags: diags) }
        try finish(diags, program.source)
        return core
    }

    /// Lowering to the IR, then the IR passes, verifying after each.
    public func lower(_ core: CoreProgram) throws -> IRModule {
        let module = Lowering.lower(core)
        if options.verifyIR { try Verifier.verify(module) }
        PassManager.run(module, verify: options.verifyIR)
        return module
    }

    /// Source file to optimized IR.
    public func compile(path: String) throws -> IRModule {
        let s = try load(path)
        return try lower(try analyze(try parse(s)))
    }

    /// Sorts diagnostics by position, keeps warnings, throws on errors.
    func finish(_ diags: DiagnosticEngine, _ source: SourceFile) throws {
        let sorted = diags.diagnostics.enumerated().sorted { a, b in
            (a.element.span.line, a.element.span.column, a.offset) < (b.element.span.line, b.element.span.column, b.offset)
        }.map(\.element)
        warnings += sorted.filter { $0.severity != .error }
        if diags.hasErrors { throw CompileFailure(diagnostics: sorted, source: source) }
    }

    // MARK: backends

    public var llvmOptions: LLVMOptions { LLVMOptions(optLevel: options.optLevel, debugInfo: options.debugInfo) }

    public func buildExecutable(_ m: IRModule, output: String) throws {
        try LLVMBackend.buildExecutable(m, output: output, runtimeLibrary: try Options.runtimeLibraryPath(), options: llvmOptions)
    }

    public func runJIT(_ m: IRModule, args: [String]) throws -> Int32 {
        try LLVMBackend.runJIT(m, args: args, options: llvmOptions)
    }

    public func runVM(_ m: IRModule, args: [String]) throws -> Int32 {
        VM.run(try BytecodeCompiler.compile(m), args: args)
    }
}
