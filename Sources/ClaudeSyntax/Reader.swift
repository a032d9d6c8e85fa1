/// Reads a token stream into S-expressions with spans (an `SExprTree`).
///
/// The reader is iterative (an explicit stack of open lists), so no input can
/// overflow the native stack here; nesting deeper than `maxDepth` is reported
/// and the top-level form holding it skipped, which also protects the
/// recursive stages after it. Bracket errors are recovered from at the closing
/// delimiter: a stray closer is skipped, a mismatched one closes the innermost
/// open list, and lists still open at the end of the file are closed there.
public struct Reader {
    /// The deepest nesting of `( )` and `[ ]` accepted: far beyond real code,
    /// and shallow enough for every recursive stage after the reader (even in
    /// debug builds, whose stack frames are large) to stay within a thread's stack.
    public static let maxDepth = 512

    private var lexer: Lexer
    private let diags: DiagnosticEngine
    private let file: String
    private var nodes: [SExprTree.Node] = []
    private var elementIDs: [SExprTree.ID] = []
    /// The elements read so far of every open list, innermost last: a stack
    /// whose size is `pendingCount` (its storage is reused, never shrunk).
    private var pending: [SExprTree.ID] = []
    private var pendingCount = 0
    /// The open lists, innermost last: the token that opened each and where its
    /// elements start in `pending`.
    private var open: [(opener: Token, firstElement: Int)] = []
    private var forms: [SExprTree.ID] = []

    /// Reads every top-level S-expression of `source`, reporting errors into `diags`.
    public static func read(_ source: SourceFile, diags: DiagnosticEngine) -> SExprTree {
        var reader = Reader(lexer: Lexer(source, diags: diags), diags: diags, file: source.path)
        // Nodes hold 32-bit offsets.
        guard source.bytes.count < Int(Int32.max) else {
            diags.error("source file too large", at: Span(file: source.path, start: 0, end: 0, line: 1, column: 1))
            return SExprTree(source: source, nodes: [], elementIDs: [], forms: [])
        }
        // Enough room for most files up front: growing huge arrays by copying is slow.
        reader.nodes.reserveCapacity(source.bytes.count / 3 + 16)
        reader.elementIDs.reserveCapacity(source.bytes.count / 3 + 16)
        source.bytes.withUnsafeBufferPointer { reader.readAll($0) }
        return SExprTree(source: source, nodes: reader.nodes, elementIDs: reader.elementIDs, forms: reader.forms)
    }

    private init(lexer: Lexer, diags: DiagnosticEngine, file: String) {
        self.lexer = lexer; self.diags = diags; self.file = file
    }

    private mutating func readAll(_ buffer: UnsafeBufferPointer<UInt8>) {
        while true {
            let token = lexer.next(in: buffer)
            switch token.kind {
            case .leftParen, .leftBracket:
                if open.count >= Reader.maxDepth {
                    diags.error("expression nested too deeply (more than \(Reader.maxDepth) levels)", at: token.span(in: file))
                    // Drop the whole top-level form: what is left of it would only cause follow-on errors.
                    skip(depth: open.count + 1, buffer)
                    open.removeAll()
                    pendingCount = 0
                } else {
                    open.append((token, pendingCount))
                }
            case .rightParen, .rightBracket:
                close(by: token)
            case .endOfFile:
                while let innermost = open.last {
                    diags.error(unclosedMessage(innermost.opener), at: token.span(in: file))
                    close(by: token)
                }
                return
            default:
                let kind: SExprTree.Kind
                switch token.kind {
                case .int: kind = .int
                case .float: kind = .float
                case .string: kind = .string
                case .bool: kind = .bool
                case .nil_: kind = .nil_
                case .keyword: kind = .keyword
                default: kind = .symbol
                }
                add(kind, from: token, to: token.end, payload: token.payload, count: 0)
            }
        }
    }

    /// Ends the innermost open list at `closer` (a closing delimiter or end of file).
    private mutating func close(by closer: Token) {
        guard let (opener, firstElement) = open.popLast() else {
            diags.error("unexpected \(closer.kind)", at: closer.span(in: file))
            return
        }
        let isParen = opener.kind == .leftParen
        if closer.kind != .endOfFile && (closer.kind == .rightParen) != isParen {
            diags.error(unclosedMessage(opener), at: closer.span(in: file))
        }
        let elementsStart = elementIDs.count
        elementIDs.append(contentsOf: pending[firstElement..<pendingCount])
        pendingCount = firstElement
        add(isParen ? .list : .bracket, from: opener, to: closer.end,
            payload: UInt64(elementsStart), count: elementIDs.count - elementsStart)
    }

    /// "expected ')' to close '(' opened at 3:5"
    private func unclosedMessage(_ opener: Token) -> String {
        let closer = opener.kind == .leftParen ? TokenKind.rightParen : .rightBracket
        return "expected \(closer) to close \(opener.kind) opened at \(opener.line):\(opener.column)"
    }

    /// Adds a node that starts at `first` and ends at `end` to the innermost open list.
    private mutating func add(_ kind: SExprTree.Kind, from first: Token, to end: Int, payload: UInt64, count: Int) {
        let id = SExprTree.ID(nodes.count)
        nodes.append(SExprTree.Node(payload: payload, start: Int32(first.start), end: Int32(end),
                                    line: Int32(first.line), column: Int32(first.column),
                                    count: Int32(count), kind: kind))
        if open.isEmpty {
            forms.append(id)
        } else if pendingCount < pending.count {
            pending[pendingCount] = id
            pendingCount += 1
        } else {
            pending.append(id)
            pendingCount += 1
        }
    }

    /// Skips tokens until `depth` open lists have been closed (or the input ends).
    private mutating func skip(depth: Int, _ buffer: UnsafeBufferPointer<UInt8>) {
        var depth = depth
        while depth > 0 {
            switch lexer.next(in: buffer).kind {
            case .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket: depth -= 1
            case .endOfFile: return
            default: break
            }
        }
    }
}
