import XCTest
@testable import ClaudeSyntax

/// The front end must never crash or hang, whatever it is given.
final class RobustnessTests: XCTestCase {
    /// A small deterministic generator (SplitMix64) so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Parses `text` and checks every diagnostic points inside the file.
    private func parseChecked(_ text: String) {
        let source = Syntax.source(text)
        let diags = DiagnosticEngine()
        _ = Parser.parse(source, diags: diags)
        for d in diags.diagnostics {
            XCTAssert(d.span.start >= 0 && d.span.start <= source.bytes.count && d.span.line >= 1 && d.span.column >= 1,
                      "bad span \(d) for \(text.debugDescription)")
            _ = d.render(source: source)
        }
    }

    func testRandomBytes() {
        var rng = SplitMix(state: 42)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            parseChecked(String(decoding: bytes, as: UTF8.self))
        }
    }

    func testRandomSyntaxLikeText() {
        let pieces = ["(", ")", "[", "]", "\"", "\\", "#|", "|#", ";", "\n", " ", ",", "#t", "nil", "0x", "1_", "-", "1.5e",
                      "...", "...r", ":", ":k", "\\u{", "}", "é", "😀", "_", "Some", "x", "42", "99999999999999999999",
                      "define", "lambda", "let", "let*", "letrec", "if", "cond", "else", "when", "unless", "do", "begin",
                      "and", "or", "set!", "match", "data", "tuple", "spec:contract", ":requires", ":ensures", ":pure",
                      ":complexity", "effect", "module", "export", "import", "as", "*", "define-foreign", ":library"]
        var rng = SplitMix(state: 7)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...60, using: &rng)
            parseChecked((0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined(separator: " "))
        }
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let depth = 100_000
        let errors = Syntax.errors(String(repeating: "(", count: depth) + String(repeating: ")", count: depth))
        XCTAssertEqual(errors, ["1:\(Reader.maxDepth + 1): expression nested too deeply (more than \(Reader.maxDepth) levels)"])
        // The too-deep form is dropped whole, so nothing more is said about it; the next form is read.
        let (program, unclosed) = Syntax.parse(String(repeating: "[", count: depth) + "]] 1")
        XCTAssertEqual(unclosed.count, 1)
        XCTAssertEqual(program.forms.count, 0)
        let (next, _) = Syntax.parse(String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000) + " 1")
        XCTAssertEqual(next.forms.map(ASTDump.expr), ["1"])
        // Nesting up to the limit is fine.
        let limit = Reader.maxDepth
        let (deep, diags) = Syntax.parse(String(repeating: "(f ", count: limit) + String(repeating: ")", count: limit))
        XCTAssertEqual(diags.count, 0)
        XCTAssertEqual(deep.forms.count, 1)
    }

    func testLongInputsStayLinear() {
        // A long line of atoms and a long run of comment text must not be quadratic.
        let atoms = String(repeating: "é xyz 1.5 \"s\" ", count: 50_000)
        let (program, diags) = Syntax.parse(atoms + "\n" + "; " + String(repeating: "x", count: 100_000))
        XCTAssertEqual(diags.count, 0)
        XCTAssertEqual(program.forms.count, 200_000)
        XCTAssertEqual(program.forms.last?.span.column, 49_999 * 14 + 11)
    }
}
