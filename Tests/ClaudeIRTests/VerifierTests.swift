import XCTest
import ClaudeSyntax
import ClaudeIR

final class VerifierTests: XCTestCase {
    let span = Span(file: "t.cl", start: 0, end: 0, line: 1, column: 1)

    /// A module with one function `(Int) -> Int`; `body` fills it.
    func module(_ body: (IRBuilder) -> Void) -> IRModule {
        let m = IRModule()
        let f = m.addFunction(name: "f", displayName: "f", paramTypes: [.int], returnType: .int, captures: [], span: span)
        body(IRBuilder(module: m, function: f, paramNames: ["n"]))
        return m
    }

    func expectError(_ m: IRModule, _ fragment: String, line: UInt = #line) {
        XCTAssertThrowsError(try Verifier.verify(m), line: line) { e in
            XCTAssert("\(e)".contains(fragment), "\(e)", line: line)
        }
    }

    func testAcceptsWellFormedFunction() throws {
        let m = module { b in
            let one = b.value(.constInt(1), .int, at: span)
            let sum = b.value(.binary(.iadd, b.params[0], one), .int, at: span)
            b.terminate(.ret(sum))
        }
        XCTAssertNoThrow(try Verifier.verify(m))
    }

    func testRejectsOperandTypeMismatch() {
        let m = module { b in
            let x = b.value(.constFloat(1), .float, at: span)
            let sum = b.value(.binary(.iadd, b.params[0], x), .int, at: span)
            b.terminate(.ret(sum))
        }
        expectError(m, "iadd.ovf needs Int operands")
    }

    func testRejectsWrongReturnType() {
        let m = module { b in
            b.terminate(.ret(b.value(.constNil, .nil_, at: span)))
        }
        expectError(m, "ret of Nil in a function returning Int")
    }

    func testRejectsUseBeforeDefinition() {
        let m = module { b in
            let later = ValueID(b.function.valueTypes.count + 1)
            let sum = b.value(.binary(.iadd, b.params[0], later), .int, at: span)
            _ = b.value(.constInt(1), .int, at: span)
            b.terminate(.ret(sum))
        }
        expectError(m, "used before its definition")
    }

    func testRejectsBranchArgumentMismatch() {
        let m = module { b in
            let join = b.newBlock(params: [.int])
            b.terminate(.br(join, []))
            b.position(at: join)
            b.terminate(.ret(b.blockParams(join)[0]))
        }
        expectError(m, "takes 1 arguments, got 0")
    }

    func testRejectsNonDominatingUse() {
        let m = module { b in
            let c = b.value(.constBool(true), .bool, at: span)
            let t = b.newBlock(params: []), e = b.newBlock(params: []), join = b.newBlock(params: [])
            b.terminate(.condbr(c, t, [], e, []))
            b.position(at: t)
            let x = b.value(.constInt(1), .int, at: span)
            b.terminate(.br(join, []))
            b.position(at: e)
            b.terminate(.br(join, []))
            b.position(at: join)
            b.terminate(.ret(x))
        }
        expectError(m, "does not dominate")
    }

    func testRejectsTailCallWithWrongResultType() {
        let m = IRModule()
        let g = m.addFunction(name: "g", displayName: nil, paramTypes: [], returnType: .float, captures: [], span: span)
        let gb = IRBuilder(module: m, function: g)
        gb.terminate(.ret(gb.value(.constFloat(0), .float, at: span)))
        let f = m.addFunction(name: "f", displayName: nil, paramTypes: [], returnType: .int, captures: [], span: span)
        let fb = IRBuilder(module: m, function: f)
        fb.terminate(.tailcall(.call(g.id, [fb.selfValue]), span))
        expectError(m, "tail call returns Float, function returns Int")
    }

    func testRejectsClosureCaptureMismatch() {
        let m = IRModule()
        let g = m.addFunction(name: "g", displayName: nil, paramTypes: [], returnType: .int, captures: [.int], span: span)
        let gb = IRBuilder(module: m, function: g)
        gb.terminate(.ret(gb.value(.capture(0), .int, at: span)))
        let f = m.addFunction(name: "f", displayName: nil, paramTypes: [], returnType: .any, captures: [], span: span)
        let fb = IRBuilder(module: m, function: f)
        let s = fb.value(.constString("x"), .string, at: span)
        let c = fb.value(.makeClosure(g.id, [s]), g.type, at: span)
        fb.terminate(.ret(fb.value(.box(c), .any, at: span)))
        expectError(m, "captured values do not match")
    }
}
