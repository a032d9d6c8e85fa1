import ArgumentParser
import Foundation
import ClaudeDriver

/// Options every compiling command takes.
struct CompileOptions: ParsableArguments {
    @Option(name: .customShort("O", allowingJoined: true), help: ArgumentHelp("Optimization level 0-3 (-O0 ... -O3).", valueName: "level"))
    var optLevel: Int = 2

    @Flag(name: .customShort("g"), help: "Emit debug line information.")
    var debugInfo = false

    @Option(name: .customLong("contracts"), help: ArgumentHelp("Contract checks: on or off (contracts are not supported yet).", valueName: "on|off"))
    var contracts: String = "on"

    @Option(name: .customShort("I"), help: ArgumentHelp("Add a directory to the import search path (modules are not supported yet).", valueName: "dir"))
    var includeDirs: [String] = []

    @Option(name: .customLong("link-lib"), help: ArgumentHelp("Link a C library (e.g. m) for define-foreign (not supported yet).", valueName: "lib"))
    var linkLibs: [String] = []

    func validate() throws {
        guard (0...3).contains(optLevel) else { throw ValidationError("optimization level must be 0 to 3") }
        guard ["on", "off"].contains(contracts) else { throw ValidationError("--contracts takes on or off") }
    }

    var options: Options {
        var o = Options()
        o.optLevel = optLevel
        o.debugInfo = debugInfo
        o.contracts = contracts == "on"
        o.includeDirs = includeDirs
        o.linkLibs = linkLibs
        return o
    }
}

/// Runs a command body, turning compile failures into diagnostics and exit status 2.
func driving(_ body: () throws -> Int32) -> Never {
    do {
        let status = try body()
        fflush(stdout)
        exit(status)
    } catch let failure as CompileFailure {
        FileHandle.standardError.write(failure.rendered.data(using: .utf8)!)
        exit(2)
    } catch {
        FileHandle.standardError.write("error: \(error)\n".data(using: .utf8)!)
        exit(2)
    }
}

func printWarnings(_ p: Pipeline) {
    let text = p.warnings.map { $0.render(source: p.source) }.joined()
    if !text.isEmpty { FileHandle.standardError.write(text.data(using: .utf8)!) }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Compile a program to a native executable.")
    @Argument(help: "The source file.") var file: String
    @Option(name: .customShort("o"), help: ArgumentHelp("Output executable (default: the file name without .cl).", valueName: "path")) var output: String?
    @OptionGroup var compile: CompileOptions

    func run() throws {
        driving {
            let p = Pipeline(options: compile.options)
            let m = try p.compile(path: file)
            printWarnings(p)
            let out = output ?? (file.hasSuffix(".cl") ? String(file.dropLast(3)) : file + ".out")
            try p.buildExecutable(m, output: out)
            return 0
        }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a program in the JIT (default) or the VM.")
    @Argument(help: "The source file.") var file: String
    @Flag(help: "Run with the LLVM JIT (the default).") var jit = false
    @Flag(help: "Run with the bytecode VM.") var vm = false
    @Flag(help: "Print compile warnings too (`build` and `check` always do; by default `run` leaves stderr to the program, as its executable would).")
    var warnings = false
    @OptionGroup var compile: CompileOptions
    @Argument(parsing: .postTerminator, help: "Arguments for the program, after --.") var programArgs: [String] = []

    func validate() throws {
        if jit && vm { throw ValidationError("choose one of --jit and --vm") }
    }

    func run() throws {
        driving {
            let p = Pipeline(options: compile.options)
            let m = try p.compile(path: file)
            if warnings { printWarnings(p) }
            return vm ? try p.runVM(m, args: programArgs) : try p.runJIT(m, args: programArgs)
        }
    }
}

struct Emit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print one stage of the compilation.")
    @Argument(help: "The source file.") var file: String
    @Flag(help: "The syntax tree.") var ast = false
    @Flag(help: "The inferred types of top-level definitions and functions.") var types = false
    @Flag(help: "The typed SSA IR.") var ir = false
    @Flag(help: "The LLVM IR (after optimization at -O).") var llvm = false
    @Flag(help: "The target assembly.") var asm = false
    @Flag(help: "The VM bytecode.") var bytecode = false
    @OptionGroup var compile: CompileOptions

    func validate() throws {
        let n = [ast, types, ir, llvm, asm, bytecode].filter { $0 }.count
        if n != 1 { throw ValidationError("choose exactly one of --ast --types --ir --llvm --asm --bytecode") }
    }

    func run() throws {
        driving {
            let p = Pipeline(options: compile.options)
            let text = try Emitter(pipeline: p).emit(
                file: file, stage: ast ? .ast : types ? .types : ir ? .ir : llvm ? .llvm : asm ? .asm : .bytecode)
            printWarnings(p)
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return 0
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Report diagnostics without running or writing anything.")
    @Argument(help: "The source file.") var file: String
    @OptionGroup var compile: CompileOptions

    func run() throws {
        driving {
            let p = Pipeline(options: compile.options)
            _ = try p.compile(path: file)
            printWarnings(p)
            return 0
        }
    }
}

struct BenchParse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-parse", abstract: "Time lexing + parsing (for Benchmarks/).", shouldDisplay: false)
    @Argument(help: "A source file to parse (reports MB/s).") var file: String?
    @Option(help: "An expression to parse instead of a file (reports ns per parse).") var expr: String?
    @Option(help: "Parses per timed batch.") var iterations: Int = 100_000

    func run() throws {
        driving {
            let text: String
            if let expr { text = expr } else if let file, let data = FileManager.default.contents(atPath: file) {
                text = String(decoding: data, as: UTF8.self)
            } else { throw ValidationError("give a FILE or --expr") }
            let r = ParseBenchmark.measure(text: text, iterations: expr != nil ? iterations : max(1, iterations / 10_000))
            print(String(format: "%.1f ns/parse  %d bytes  %.1f MB/s", r.nanosecondsPerParse, r.bytes, r.megabytesPerSecond))
            return 0
        }
    }
}

struct Claudelang: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claudelang",
        abstract: "The ClaudeLang compiler: native executables, an LLVM JIT and a bytecode VM.",
        discussion: """
        Exit status: the program's own when running; 1 for a ClaudeLang runtime error; \
        2 for compile errors (printed as file:line:col: error: message, with the source line and a caret).
        `claudelang FILE [--jit|--vm]` is short for `claudelang run FILE`.
        """,
        subcommands: [Build.self, Run.self, Emit.self, Check.self, BenchParse.self],
        defaultSubcommand: Run.self)
}

Claudelang.main()
