import CRMStore
import GRDB

/// The buckets a member of staff gets, decided by the server from their current role and org at every pull;
/// the client never names its own scope. Everyone gets `ref`; a relationship manager their own portfolio; a
/// team lead or branch head every portfolio and org node in their org subtree; head office everything, with
/// the bank's lines; an administrator no customer data.
public enum SyncBuckets {
    /// The bucket names for `profile`, sorted.
    public static func names(for profile: StaffProfile, _ db: Database) throws -> [String] {
        var staff: [String] = [], orgs: [String] = [], bank: [String] = []
        switch DataScope(profile: profile).reach {
        case .nothing:
            break
        case .managedBy(let staffID):
            staff = [staffID]
        case .orgSubtree(let orgID):
            staff = try String.fetchAll(db, sql: "SELECT staff_id FROM base_staff WHERE org_id IN (\(DataScope.subtreeSQL))",
                                        arguments: [orgID])
            orgs = try String.fetchAll(db, sql: DataScope.subtreeSQL, arguments: [orgID])
        case .everything:
            staff = try String.fetchAll(db, sql: "SELECT staff_id FROM base_staff")
            orgs = try String.fetchAll(db, sql: "SELECT org_id FROM base_org")
            bank = ["bank"]
        }
        return (["ref"] + bank + staff.map { "portfolio:" + $0 } + orgs.map { "org:" + $0 }).sorted()
    }
}
