import Testing
@testable import YardstickXML

struct XPathCompilerTests {
    let compiler = XPathCompiler()

    @Test(arguments: ["held = 'yes'", "longest_hold <= 60", ". >= 0 and . < 3600", "string-length(.) >= 4", "not(a) or b"])
    func compilesValidExpressions(_ source: String) {
        #expect(compiler.compileError(for: source) == nil)
    }

    @Test func explainsWhereAnExpressionBreaks() {
        let problem = compiler.compileError(for: "longest_hold <= = 60")
        #expect(problem == "invalid expression at character 17 of \"longest_hold <= = 60\"")
    }

    @Test(arguments: ["held = 'yes", "(a", "a ==", "]"])
    func rejectsInvalidExpressions(_ source: String) {
        #expect(compiler.compileError(for: source) != nil)
    }
}
