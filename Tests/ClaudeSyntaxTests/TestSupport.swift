import XCTest
@testable import ClaudeSyntax

/// Shared helpers: parse or lex a snippet and look at the result as text.
enum Syntax {
    static func source(_ text: String) -> SourceFile { SourceFile(path: "t.cl", text: text) }

    static func parse(_ text: String) -> (program: Program, diags: [Diagnostic]) {
        let diags = DiagnosticEngine()
        let program = Parser.parse(source(text), diags: diags)
        return (program, diags.diagnostics)
    }

    /// Every top-level form rendered by `ASTDump`, one per line.
    static func dump(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let (program, diags) = parse(text)
        XCTAssertEqual(diags.map(\.description), [], "unexpected diagnostics", file: file, line: line)
        return program.forms.map(ASTDump.expr).joined(separator: "\n")
    }

    /// The diagnostics as "line:col: message".
    static func errors(_ text: String) -> [String] {
        parse(text).diags.map { "\($0.span.line):\($0.span.column): \($0.message)" }
    }

    static func tokens(_ text: String) -> (tokens: [Token], lexer: Lexer, diags: [Diagnostic]) {
        let diags = DiagnosticEngine()
        var lexer = Lexer(source(text), diags: diags)
        let tokens = lexer.allTokens()
        return (tokens, lexer, diags.diagnostics)
    }

    /// Each token as "kind:text" (strings as their decoded value).
    static func lex(_ text: String) -> [String] {
        let (tokens, lexer, _) = tokens(text)
        return tokens.dropLast().map { token in
            switch token.kind {
            case .int: return "int:\(token.intValue)"
            case .float: return "float:\(token.floatValue)"
            case .bool: return "bool:\(token.boolValue)"
            case .string: return "string:\(lexer.stringValue(of: token))"
            default: return "\(token.kind):\(lexer.text(of: token))"
            }
        }
    }

    static func lexErrors(_ text: String) -> [String] {
        tokens(text).diags.map { "\($0.span.line):\($0.span.column): \($0.message)" }
    }
}
