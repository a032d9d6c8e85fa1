import ClaudeSyntax
import ClaudeSema
import ClaudeIR
import ClaudeLLVM
import ClaudeVM

/// `claudelang emit`: the text of one stage.
public struct Emitter {
    public enum Stage { case ast, types, ir, llvm, asm, bytecode }
    public let pipeline: Pipeline
    public init(pipeline: Pipeline) { self.pipeline = pipeline }

    public func emit(file: String, stage: Stage) throws -> String {
        let source = try pipeline.load(file)
        let program = try pipeline.parse(source)
        if stage == .ast { return ASTPrinter.print(program) }
        let core = try pipeline.analyze(program)
        if stage == .types { return TypePrinter.print(core) }
        let module = try pipeline.lower(core)
        switch stage {
        case .ir: return IRPrinter.print(module)
        case .llvm: return try LLVMBackend.emitLLVMIR(module, options: pipeline.llvmOptions)
        case .asm: return try LLVMBackend.emitAssembly(module, options: pipeline.llvmOptions)
        case .bytecode: return try BytecodeCompiler.compile(module).disassemble()
        case .ast, .types: fatalError("handled above")
        }
    }
}
