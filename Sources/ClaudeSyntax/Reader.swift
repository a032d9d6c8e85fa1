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

    /// An open list: where its opener is and where its elements start in `pending`.
    struct OpenList {
        var start: Int32
        var line: Int32
        var column: Int32
        var firstElement: Int32
        var isParen: Bool
    }

    private var scanner: Scanner
    private unowned(unsafe) let diags: DiagnosticEngine
    private let fileID: UInt32
    // The storage's tables, held here while reading (and stored back at the end).
    private var nodes: RawBuffer<SExprTree.Node>
    private var elementIDs: RawBuffer<SExprTree.ID>
    private var forms: RawBuffer<SExprTree.ID>
    /// The elements read so far of every open list, innermost last.
    private var pending: RawBuffer<SExprTree.ID>
    /// The open lists, innermost last.
    private var open: RawBuffer<OpenList>

    /// Reads every top-level S-expression of `source`, reporting errors into `diags`.
    public static func read(_ source: SourceFile, diags: DiagnosticEngine) -> SExprTree {
        let storage = SExprStorage(expectedNodes: source.bytes.count / 3 + 16)
        read(source, diags: diags, into: storage)
        return SExprTree(source: source, storage: storage)
    }

    /// Reads `source` into `storage`, replacing its contents.
    static func read(_ source: SourceFile, diags: DiagnosticEngine, into storage: SExprStorage) {
        source.bytes.withUnsafeBufferPointer { bytes in
            source.lineStarts.withUnsafeBufferPointer { lineStarts in
                read(source, bytes: bytes, lineStarts: lineStarts, diags: diags, into: storage)
            }
        }
    }

    /// `read(_:diags:into:)` given the source's bytes and line table.
    static func read(_ source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, lineStarts: UnsafeBufferPointer<Int>,
                     diags: DiagnosticEngine, into storage: SExprStorage) {
        storage.reset()
        // Nodes hold 32-bit offsets.
        guard bytes.count < Int(Int32.max) else {
            diags.error("source file too large", at: Span(fileID: source.fileID, start: 0, end: 0, line: 1, column: 1))
            return
        }
        // Enough room for most files up front: growing huge buffers by copying is slow.
        storage.nodes.reserve(bytes.count / 3 + 16)
        storage.elementIDs.reserve(bytes.count / 3 + 16)
        let scanner = Scanner(bytes: bytes, lineStarts: lineStarts, diags: diags, fileID: source.fileID,
                              state: Scanner.State(pos: Scanner.startOffset(bytes)))
        var reader = Reader(scanner: scanner, diags: diags, fileID: source.fileID, storage: storage)
        reader.readAll()
        storage.nodes = reader.nodes
        storage.elementIDs = reader.elementIDs
        storage.forms = reader.forms
        storage.pending = reader.pending
        storage.open = reader.open
    }

    private init(scanner: Scanner, diags: DiagnosticEngine, fileID: UInt32, storage: SExprStorage) {
        self.scanner = scanner; self.diags = diags; self.fileID = fileID
        nodes = storage.nodes; elementIDs = storage.elementIDs; forms = storage.forms
        pending = storage.pending; open = storage.open
    }

    private mutating func readAll() {
        while true {
            let token = scanner.next(locateEnd: false)
            switch token.kind {
            case .leftParen, .leftBracket:
                if open.count >= Reader.maxDepth {
                    tooDeep(token)
                } else {
                    open.append(OpenList(start: Int32(truncatingIfNeeded: token.start),
                                         line: Int32(truncatingIfNeeded: token.line),
                                         column: Int32(truncatingIfNeeded: token.column),
                                         firstElement: Int32(truncatingIfNeeded: pending.count),
                                         isParen: token.kind == .leftParen))
                }
            case .rightParen, .rightBracket:
                close(by: token)
            case .endOfFile:
                guard open.count > 0 else { return }
                var end = token
                (end.line, end.column) = scanner.locate(end.start)
                while open.count > 0 {
                    diags.error(unclosedMessage(open.base[open.count - 1]), at: span(end))
                    close(by: end)
                }
                return
            default:
                // Atom kinds are numbered like token kinds from `int` on.
                let kind = SExprTree.Kind(rawValue: token.kind.rawValue &- TokenKind.int.rawValue) ?? .symbol
                add(kind, start: token.start, line: token.line, column: token.column, end: token.end,
                    payload: token.payload, count: 0)
            }
        }
    }

    @inline(__always)
    private func span(_ token: Token) -> Span {
        Span(fileID: fileID, start: Int32(truncatingIfNeeded: token.start), end: Int32(truncatingIfNeeded: token.end),
             line: Int32(truncatingIfNeeded: token.line), column: Int32(truncatingIfNeeded: token.column))
    }

    @inline(never)
    private mutating func tooDeep(_ token: Token) {
        diags.error("expression nested too deeply (more than \(Reader.maxDepth) levels)", at: span(token))
        // Drop the whole top-level form: what is left of it would only cause follow-on errors.
        skip(depth: open.count + 1)
        open.count = 0
        pending.count = 0
    }

    /// Ends the innermost open list at `closer` (a closing delimiter or end of file).
    @inline(__always)
    private mutating func close(by closer: Token) {
        guard open.count > 0 else {
            diags.error("unexpected \(closer.kind)", at: span(closer))
            return
        }
        open.count -= 1
        let opener = open.base[open.count]
        if closer.kind != .endOfFile && (closer.kind == .rightParen) != opener.isParen {
            diags.error(unclosedMessage(opener), at: span(closer))
        }
        let elementsStart = elementIDs.count
        let first = Int(opener.firstElement)
        let count = pending.count - first
        elementIDs.append(from: pending.base + first, count: count)
        pending.count = first
        add(opener.isParen ? .list : .bracket, start: Int(opener.start), line: Int(opener.line),
            column: Int(opener.column), end: closer.end, payload: UInt64(elementsStart), count: count)
    }

    /// "expected ')' to close '(' opened at 3:5"
    private func unclosedMessage(_ opener: OpenList) -> String {
        let (open, close) = opener.isParen ? (TokenKind.leftParen, TokenKind.rightParen) : (.leftBracket, .rightBracket)
        return "expected \(close) to close \(open) opened at \(opener.line):\(opener.column)"
    }

    /// Adds a node that starts at `start` and ends at `end` to the innermost open list.
    @inline(__always)
    private mutating func add(_ kind: SExprTree.Kind, start: Int, line: Int, column: Int, end: Int,
                              payload: UInt64, count: Int) {
        let id = SExprTree.ID(truncatingIfNeeded: nodes.count)
        nodes.append(SExprTree.Node(kind: kind, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                                    line: Int32(truncatingIfNeeded: line), column: column,
                                    payload: count == 0 ? payload : payload | UInt64(count) << 32))
        if open.count == 0 {
            forms.append(id)
        } else {
            pending.append(id)
        }
    }

    /// Skips tokens until `depth` open lists have been closed (or the input ends).
    private mutating func skip(depth: Int) {
        var depth = depth
        while depth > 0 {
            switch scanner.next().kind {
            case .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket: depth -= 1
            case .endOfFile: return
            default: break
            }
        }
    }
}
