import Testing
import YardstickTestSupport

struct HelpTests {
    static let commands = [
        ["init"], ["check"], ["load"], ["standards", "list"], ["standards", "show"], ["standards", "check"],
        ["forms", "list"], ["forms", "show"], ["forms", "check"],
        ["agents", "import"], ["agents", "add"], ["agents", "list"], ["agents", "show"],
        ["audit", "new"], ["audit", "resume"], ["audit", "submit"], ["audit", "import"], ["audit", "list"], ["audit", "show"],
        ["audit", "delete"], ["audit", "review"], ["audit", "amend"], ["audit", "rescore"], ["demo"], ["bench", "generate"],
        ["feedback", "import"], ["feedback", "summary"], ["incentives", "run"], ["incentives", "list"], ["incentives", "show"],
        ["incentives", "finalise"], ["incentives", "diff"], ["incentives", "export"],
        ["coach", "plan"], ["coach", "list"], ["coach", "show"], ["coach", "done"], ["coach", "cancel"], ["coach", "effect"],
        ["report", "agent"], ["report", "team"], ["report", "location"], ["report", "form"], ["report", "criteria"], ["report", "auditors"],
        ["report", "trend"], ["stats", "agreement"],
        ["dispute", "open"], ["dispute", "list"], ["dispute", "show"], ["dispute", "decide"],
        ["calibration", "open"], ["calibration", "join"], ["calibration", "status"], ["calibration", "close"], ["calibration", "results"],
        ["calibration", "list"],
    ]

    @Test(arguments: commands)
    func everyCommandHasHelpWithAnExample(_ command: [String]) throws {
        let result = try BinaryRunner.runPlain(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Usage: yardstick \(command.joined(separator: " "))"))
        #expect(result.standardOutput.contains("Example"))
    }

    @Test func theOverviewListsEveryCommand() throws {
        let result = try BinaryRunner.runPlain(["--help"])
        #expect(result.status == 0)
        try Golden.check(result.standardOutput, named: "help.txt")
    }

    @Test func printsTheVersion() throws {
        #expect(try BinaryRunner.runPlain(["--version"]).standardOutput == "yardstick 0.1.0\n")
    }

    @Test func usageErrorsExitTwoWithAHint() throws {
        let unknownOption = try BinaryRunner.runPlain(["forms", "list", "--colour"])
        #expect(unknownOption.status == 2)
        #expect(unknownOption.standardError.contains("unknown option '--colour'"))
        #expect(unknownOption.standardError.contains("See 'yardstick forms list --help'."))
        let unknownCommand = try BinaryRunner.runPlain(["audits"])
        #expect(unknownCommand.status == 2)
        let missingArgument = try BinaryRunner.runPlain(["agents", "show"])
        #expect(missingArgument.status == 2)
        #expect(missingArgument.standardError.contains("missing ID"))
    }
}
