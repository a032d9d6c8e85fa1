import XCTest
@testable import ClaudeSyntax

/// The S-expression layer: structure, values and spans.
final class ReaderTests: XCTestCase {
    private func read(_ text: String) -> SExprTree {
        Reader.read(Syntax.source(text), diags: DiagnosticEngine())
    }

    /// The tree rendered back as text, `( )` and `[ ]` kept apart.
    private func render(_ tree: SExprTree, _ id: SExprTree.ID) -> String {
        switch tree.kind(id) {
        case .list: return "(" + tree.elements(id).map { render(tree, $0) }.joined(separator: " ") + ")"
        case .bracket: return "[" + tree.elements(id).map { render(tree, $0) }.joined(separator: " ") + "]"
        case .int: return "int:\(tree.intValue(id))"
        case .float: return "float:\(tree.floatValue(id))"
        case .bool: return "bool:\(tree.boolValue(id))"
        case .string: return "string:\(tree.stringValue(id))"
        case .nil_: return "nil"
        case .keyword: return "kw:\(tree.name(id))"
        case .symbol: return tree.name(id)
        }
    }

    func testStructureAndValues() {
        let tree = read("(define (f x) [x, 2.5 \"a\\tb\"]) :k #f nil ()")
        XCTAssertEqual(tree.forms.map { render(tree, $0) },
                       ["(define (f x) [x float:2.5 string:a\tb])", "kw:k", "bool:false", "nil", "()"])
    }

    func testSpans() {
        let tree = read("  (a\n   [b c])")
        let list = tree.forms[0]
        XCTAssertEqual(tree.span(list), Span(file: "t.cl", start: 2, end: 14, line: 1, column: 3))
        let bracket = tree.elements(list).last!
        XCTAssertEqual(tree.span(bracket), Span(file: "t.cl", start: 8, end: 13, line: 2, column: 4))
        XCTAssertEqual(tree.text(bracket), "[b c]")
        XCTAssertTrue(tree.isSymbol(tree.elements(bracket).first!, "b"))
        XCTAssertFalse(tree.isSymbol(tree.elements(bracket).first!, "c"))
    }

    func testUnclosedListsAreClosedAtEndOfFile() {
        let diags = DiagnosticEngine()
        let tree = Reader.read(Syntax.source("(a (b"), diags: diags)
        XCTAssertEqual(tree.forms.map { render(tree, $0) }, ["(a (b))"])
        XCTAssertEqual(tree.span(tree.forms[0]).end, 5)
        XCTAssertEqual(diags.diagnostics.count, 2)
    }

    func testByteOrderMarkIsIgnored() {
        let (tokens, _, _) = Syntax.tokens("\u{FEFF}(x)")
        XCTAssertEqual(tokens.map(\.kind), [.leftParen, .symbol, .rightParen, .endOfFile])
        XCTAssertEqual(Syntax.dump("\u{FEFF}(f 1)"), "(call f 1)")
    }
}
