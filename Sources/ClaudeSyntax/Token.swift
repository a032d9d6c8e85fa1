/// The kinds of token the lexer produces (LANGUAGE.md §1).
public enum TokenKind: UInt8, Sendable, CustomStringConvertible {
    case leftParen, rightParen, leftBracket, rightBracket
    case int, float, string, bool, nil_
    /// Any other run of non-delimiter characters, e.g. `fact-iter`, `io:print`, `...rest`, `:`.
    case symbol
    /// A symbol of two or more characters starting with `:`, e.g. `:requires`.
    case keyword
    case endOfFile

    public var description: String {
        switch self {
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .int: return "integer"
        case .float: return "float"
        case .string: return "string"
        case .bool: return "boolean"
        case .nil_: return "nil"
        case .symbol: return "symbol"
        case .keyword: return "keyword"
        case .endOfFile: return "end of file"
        }
    }
}

/// One token: its kind, byte range, start location and (for literals) its value.
///
/// Tokens hold no strings, so lexing allocates nothing per token; the text of a
/// symbol or the value of a string literal is read back with `Lexer.text(of:)`
/// and `Lexer.stringValue(of:)`.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    /// Byte range `start..<end` in the source file.
    public var start: Int
    public var end: Int
    /// 1-based line and column (in Unicode scalars) of `start`.
    public var line: Int
    public var column: Int
    /// Int value bits, Float bits, Bool (0/1), or for strings whether the
    /// literal contains escapes (1) and so must be decoded.
    public var payload: UInt64

    public init(kind: TokenKind, start: Int, end: Int, line: Int, column: Int, payload: UInt64 = 0) {
        self.kind = kind; self.start = start; self.end = end
        self.line = line; self.column = column; self.payload = payload
    }

    public var intValue: Int64 { Int64(bitPattern: payload) }
    public var floatValue: Double { Double(bitPattern: payload) }
    public var boolValue: Bool { payload != 0 }

    /// The token's span in `file`.
    public func span(in file: String) -> Span {
        Span(file: file, start: start, end: end, line: line, column: column)
    }
}
