/// The rules for passwords and sign-in, from `sys_setting` (see docs/data-formats.md, "Settings").
public struct PasswordPolicy: Sendable, Equatable {
    public var minimumLength = 10
    /// Of lower-case letters, upper-case letters, digits and everything else.
    public var minimumClasses = 3
    public var maximumAgeDays = 90
    /// A new password may not be any of the last this many.
    public var history = 5
    public var lockoutFailures = 5
    public var lockoutMinutes = 15
    public var idleLockMinutes = 15
    public var bcryptCost = 12

    public init() {}

    /// Why `password` is refused, or nil when it is acceptable.
    public func problem(with password: String) -> String? {
        if password.count < minimumLength {
            return "密码至少 \(minimumLength) 个字符 (at least \(minimumLength) characters)"
        }
        var classes = Set<Int>()
        for scalar in password.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A: classes.insert(0)
            case 0x41...0x5A: classes.insert(1)
            case 0x30...0x39: classes.insert(2)
            default: classes.insert(3)
            }
        }
        if classes.count < minimumClasses {
            return "密码须包含小写、大写、数字、符号中至少 \(minimumClasses) 类 (use at least \(minimumClasses) of: lower case, upper case, digits, symbols)"
        }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "密码不能包含控制字符 (no control characters)"
        }
        return nil
    }
}
