/// Splits a source file into tokens (LANGUAGE.md §1), working directly on its
/// UTF-8 bytes. Errors (bad escapes, unterminated strings and block comments,
/// out-of-range integers) go to the diagnostic engine and lexing carries on, so
/// every token stream ends with `.endOfFile` whatever the input.
public struct Lexer {
    public let source: SourceFile
    private let diags: DiagnosticEngine
    private var state: Scanner.State

    /// String tokens record in `payload` whether they need decoding and whether they
    /// lack a closing quote.
    static let stringHasEscapes: UInt64 = 1
    static let stringUnterminated: UInt64 = 2

    public init(_ source: SourceFile, diags: DiagnosticEngine) {
        self.source = source
        self.diags = diags
        self.state = Scanner.State(pos: source.bytes.withUnsafeBufferPointer { Scanner.startOffset($0) })
    }

    /// The next token; `.endOfFile` (repeatedly) once the input is exhausted.
    public mutating func next() -> Token {
        withScanner { $0.next() }
    }

    /// Every remaining token, ending with the `.endOfFile` token.
    public mutating func allTokens() -> [Token] {
        withScanner { scanner in
            var tokens: [Token] = []
            tokens.reserveCapacity(scanner.bytes.count / 4 + 1)
            while true {
                let token = scanner.next()
                tokens.append(token)
                if token.kind == .endOfFile { return tokens }
            }
        }
    }

    private mutating func withScanner<R>(_ body: (inout Scanner) -> R) -> R {
        let source = self.source, diags = self.diags
        return source.bytes.withUnsafeBufferPointer { bytes in
            source.lineStarts.withUnsafeBufferPointer { lineStarts in
                var scanner = Scanner(bytes: bytes, lineStarts: lineStarts, diags: diags, fileID: source.fileID,
                                      state: state)
                let result = body(&scanner)
                state = scanner.state
                return result
            }
        }
    }

    /// The source text of a token, e.g. a symbol's name.
    public func text(of token: Token) -> String {
        source.bytes.withUnsafeBufferPointer { Lexer.text($0, token.start, token.end) }
    }

    /// The value of a `.string` token, with escapes decoded (invalid ones dropped).
    public func stringValue(of token: Token) -> String {
        source.bytes.withUnsafeBufferPointer { Lexer.stringValue(of: token, in: $0) }
    }

    // MARK: - Token text

    static func text(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    }

    static func stringValue(of token: Token, in buffer: UnsafeBufferPointer<UInt8>) -> String {
        let start = token.start + 1
        let end = token.payload & stringUnterminated != 0 ? token.end : max(start, token.end - 1)
        guard token.payload & stringHasEscapes != 0 else { return text(buffer, start, end) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let b = buffer[i]
            guard b == UInt8(ascii: "\\") && i + 1 < end else {
                out.append(b)
                i += 1
                continue
            }
            let (result, length) = StringEscape.read(buffer, at: i, end: end)
            if case .scalar(let scalar) = result { out.append(contentsOf: scalar.utf8) }
            i += length
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The lexer proper, over raw buffers and holding no references (so that the
/// reader can keep one in registers): `Lexer` wraps it for the public API.
/// Valid while the buffers and the diagnostic engine are.
struct Scanner {
    /// What carries over from one token to the next.
    struct State {
        var pos: Int
        var locator = SourceLocator()
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let lineStarts: UnsafeBufferPointer<Int>
    unowned(unsafe) let diags: DiagnosticEngine
    let fileID: UInt32
    var state: State

    init(bytes: UnsafeBufferPointer<UInt8>, lineStarts: UnsafeBufferPointer<Int>, diags: DiagnosticEngine,
         fileID: UInt32, state: State) {
        self.bytes = bytes; self.lineStarts = lineStarts; self.diags = diags; self.fileID = fileID; self.state = state
    }

    /// Where lexing starts: after a UTF-8 byte order mark, which is not part of the program.
    static func startOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    private var pos: Int {
        @inline(__always) get { state.pos }
        @inline(__always) set { state.pos = newValue }
    }


    /// The next token; `.endOfFile` (repeatedly) once the input is exhausted.
    ///
    /// With `locateEnd` false the end-of-file token has line and column 0
    /// (the reader locates it only when it needs to).
    @inline(__always)
    mutating func next(locateEnd: Bool = true) -> Token {
        let buffer = bytes
        skipTrivia(buffer)
        let start = pos
        guard start < buffer.count else {
            guard locateEnd else { return Token(kind: .endOfFile, start: start, end: start, line: 0, column: 0) }
            return token(.endOfFile, start, buffer)
        }
        switch buffer[start] {
        case UInt8(ascii: "("): pos += 1; return token(.leftParen, start, buffer)
        case UInt8(ascii: ")"): pos += 1; return token(.rightParen, start, buffer)
        case UInt8(ascii: "["): pos += 1; return token(.leftBracket, start, buffer)
        case UInt8(ascii: "]"): pos += 1; return token(.rightBracket, start, buffer)
        case UInt8(ascii: "\""): return scanString(buffer)
        default: return scanAtom(buffer)
        }
    }

    /// The line and column of `offset` (at or after every offset located so far).
    mutating func locate(_ offset: Int) -> (line: Int, column: Int) {
        state.locator.locate(offset, in: bytes, lineStarts: lineStarts)
    }

    @inline(__always)
    private mutating func token(_ kind: TokenKind, _ start: Int, _ buffer: UnsafeBufferPointer<UInt8>,
                                payload: UInt64 = 0) -> Token {
        let (line, column) = state.locator.locate(start, in: buffer, lineStarts: lineStarts)
        return Token(kind: kind, start: start, end: pos, line: line, column: column, payload: payload)
    }

    /// Reports an error about `length` bytes at `offset`.
    @inline(never)
    private mutating func error(_ message: String, at offset: Int, length: Int = 1, _ buffer: UnsafeBufferPointer<UInt8>) {
        let (line, column) = state.locator.locate(offset, in: buffer, lineStarts: lineStarts)
        diags.error(message, at: Span(fileID: fileID, start: Int32(truncatingIfNeeded: offset),
                                      end: Int32(truncatingIfNeeded: offset + length),
                                      line: Int32(truncatingIfNeeded: line), column: Int32(truncatingIfNeeded: column)))
    }

    /// Skips whitespace, commas, `;` comments and nested `#| |#` comments.
    @inline(__always)
    private mutating func skipTrivia(_ buffer: UnsafeBufferPointer<UInt8>) {
        let end = buffer.count
        var i = pos
        while i < end {
            let b = buffer[i]
            if ByteClass.isSpace(b) {
                i += 1
            } else if b == UInt8(ascii: ";") {
                repeat { i += 1 } while i < end && buffer[i] != UInt8(ascii: "\n")
            } else if b == UInt8(ascii: "#") && i + 1 < end && buffer[i + 1] == UInt8(ascii: "|") {
                pos = i
                skipBlockComment(buffer)
                i = pos
            } else {
                break
            }
        }
        pos = i
    }

    @inline(never)
    private mutating func skipBlockComment(_ buffer: UnsafeBufferPointer<UInt8>) {
        let start = pos
        let end = buffer.count
        var depth = 0
        while pos + 1 < end {
            let b = buffer[pos]
            if b == UInt8(ascii: "#") && buffer[pos + 1] == UInt8(ascii: "|") {
                depth += 1
                pos += 2
            } else if b == UInt8(ascii: "|") && buffer[pos + 1] == UInt8(ascii: "#") {
                depth -= 1
                pos += 2
                if depth == 0 { return }
            } else {
                pos += 1
            }
        }
        pos = end
        error("unterminated block comment", at: start, buffer)
    }

    /// A string literal; `pos` is at its opening quote.
    private mutating func scanString(_ buffer: UnsafeBufferPointer<UInt8>) -> Token {
        let start = pos
        let end = buffer.count
        var flags: UInt64 = 0
        pos += 1
        while pos < end {
            let b = buffer[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                return token(.string, start, buffer, payload: flags)
            }
            if b == UInt8(ascii: "\\") && pos + 1 < end {
                flags |= Lexer.stringHasEscapes
                let (result, length) = StringEscape.read(buffer, at: pos, end: end)
                if case .invalid(let message) = result { error(message, at: pos, buffer) }
                pos += length
            } else {
                pos += 1
            }
        }
        pos = end
        error("unterminated string", at: start, buffer)
        return token(.string, start, buffer, payload: flags | Lexer.stringUnterminated)
    }

    /// A number, boolean, nil, keyword or symbol: a run of non-delimiter bytes.
    private mutating func scanAtom(_ buffer: UnsafeBufferPointer<UInt8>) -> Token {
        let start = pos
        let end = buffer.count
        var i = start
        repeat { i += 1 } while i < end && !ByteClass.isDelimiter(buffer[i])
        pos = i
        let first = buffer[start]
        let length = pos - start

        if ByteClass.isDigit(first) || (length > 1 && (first == UInt8(ascii: "-") || first == UInt8(ascii: "+"))
                                        && ByteClass.isDigit(buffer[start + 1])) {
            // Fast path: up to 18 plain decimal digits (never out of range).
            if length <= 18 {
                var value: UInt64 = 0
                var j = start
                while j < i {
                    let d = buffer[j] &- UInt8(ascii: "0")
                    if d >= 10 { break }
                    value = value &* 10 &+ UInt64(d)
                    j += 1
                }
                if j == i { return token(.int, start, buffer, payload: value) }
            }
            switch NumberLiteral.parse(buffer, start, pos) {
            case .int(let v)?: return token(.int, start, buffer, payload: UInt64(bitPattern: v))
            case .float(let v)?: return token(.float, start, buffer, payload: v.bitPattern)
            case .intOutOfRange?:
                error("integer literal out of range", at: start, length: length, buffer)
                return token(.int, start, buffer)
            case nil: return token(.symbol, start, buffer)
            }
        }
        if let (kind, payload) = Scanner.reservedWord(buffer, start, length) {
            return token(kind, start, buffer, payload: payload)
        }
        return token(first == UInt8(ascii: ":") && length > 1 ? .keyword : .symbol, start, buffer)
    }

    /// `#t #f true false` are booleans (payload 1 for true) and `nil` is nil.
    private static func reservedWord(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int,
                                     _ length: Int) -> (TokenKind, UInt64)? {
        func matches(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == length else { return false }
            let w = word.utf8Start
            for i in 0..<length where buffer[start + i] != w[i] { return false }
            return true
        }
        switch length {
        case 2: return matches("#t") ? (.bool, 1) : matches("#f") ? (.bool, 0) : nil
        case 3: return matches("nil") ? (.nil_, 0) : nil
        case 4: return matches("true") ? (.bool, 1) : nil
        case 5: return matches("false") ? (.bool, 0) : nil
        default: return nil
        }
    }
}
