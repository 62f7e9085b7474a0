import CRMStore
import GRDB

/// Where the server learns what a member of staff may do: the permissions (`ui.customerSearch` ...) their roles
/// hold after administrators' changes. The defaults of each role belong to the application (`RolePermissions` in
/// CRMApp), which the server does not link, so `crm server` hands them in.
public struct PermissionSource: Sendable {
    private let permissions: @Sendable (Database, StaffProfile) throws -> Set<String>

    /// `permissions` reads a member of staff's effective permissions in the given database read.
    public init(_ permissions: @escaping @Sendable (Database, StaffProfile) throws -> Set<String>) {
        self.permissions = permissions
    }

    /// The permissions `profile` holds now.
    public func permissions(_ db: Database, of profile: StaffProfile) throws -> Set<String> {
        try permissions(db, profile)
    }
}
