import ArgumentParser
import Foundation

// Exit status: 0 done, 1 failed, 2 bad usage (docs/architecture.md).

/// A message a person can act on: the file a system error is about, and what went wrong with it.
func describe(_ error: Error) -> String {
    if let error = error as? CocoaError {
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? error.userInfo[NSURLErrorKey].map { "\($0)" }
        return (path.map { $0 + ": " } ?? "") + error.localizedDescription
    }
    return String(describing: error)
}

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
        FileHandle.standardError.write(Data(("crm: error: \(describe(error))\n").utf8))
        exit(1)
    }
}
