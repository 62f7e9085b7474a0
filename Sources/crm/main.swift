import ArgumentParser
import Foundation

// Exit status: 0 done, 1 failed, 2 bad usage (docs/architecture.md).
setlocale(LC_ALL, "")
do {
    var command = try CRM.parseAsRoot()
    try command.run()
} catch {
    let code = CRM.exitCode(for: error)
    if code == .success {
        print(CRM.fullMessage(for: error))
        exit(0)
    } else if code == .validationFailure || error is ValidationError {
        FileHandle.standardError.write(Data((CRM.fullMessage(for: error) + "\n").utf8))
        exit(2)
    } else if let exitCode = error as? ExitCode {
        exit(exitCode.rawValue)
    } else {
        FileHandle.standardError.write(Data(("crm: error: \(error)\n").utf8))
        exit(1)
    }
}
