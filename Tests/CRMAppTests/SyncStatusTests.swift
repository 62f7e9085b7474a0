import CRMCore
import CRMStore
@testable import CRMSync
import Foundation
import GRDB
import TUI
import XCTest
@testable import CRMApp

/// A replica of the tiny bank signed in to a server that is never reached: the sync the shell runs is the
/// test's own (offline unless told otherwise), the rest of `SyncService` is live over the database.
enum ReplicaFixture {
    static let server = "http://127.0.0.1:9"
    /// The morning the fixed clock shows, 08:42: the last sync.
    static var lastSync: String { "\(TinyBankFixture.lastDate.adding(days: 1)) 08:42:00" }

    static func shell(language: Language = .chinese,
                      sync: @escaping @Sendable () async throws -> SyncClient.Report = {
                          throw SyncFailure("offline", "无法连接服务器", temporary: true)
                      }) throws -> (AppShell, Replica) {
        let database = try TinyBankFixture.fresh()
        let profile = try XCTUnwrap(try database.writer.read { try StaffDirectory.firstActive($0, role: .branchHead) })
        let replica = Replica(database: database, clock: TinyBankFixture.clock)
        try replica.prepare(clientID: "client-1", staffID: profile.staffID, server: server)
        // As after the first sync: the demo bank's own changes are on the server.
        try database.writer.write { db in
            try SyncMeta.set("last_checkpoint", lastSync, db)
            try db.execute(sql: "UPDATE sys_outbox SET state = 'APPLIED'")
        }
        var service = SyncService.live(database: database, clock: TinyBankFixture.clock)
        service.sync = sync
        let services = try AppServices(database: database, clock: TinyBankFixture.clock, isDemo: false, sync: service)
        return (try AppShell(services: services, language: language, plain: false, signIn: profile), replica)
    }

    /// Two announcements published as the signed-in branch head (two changes waiting to be pushed); the server
    /// refused the first.
    static func publishTwoAndRefuseOne(_ shell: AppShell, _ replica: Replica) throws {
        XCTAssertTrue(shell.apply(PublishAnnouncement(id: "ann-refused", title: "季度营销启动会", body: "请各支行于周五前报名。\n地点：总行三楼。",
                                                      pinned: true)))
        XCTAssertTrue(shell.apply(PublishAnnouncement(id: "ann-pending", title: "系统升级通知", body: "周六晚间升级。", pinned: false)))
        let refused = try XCTUnwrap(try replica.pendingPush(clientID: "client-1").mutations.first)
        try replica.record(PushResponse(results: [MutationResult(seq: refused.seq, mutationID: refused.mutationID, status: .rejected,
                                                                 reason: "无权向该机构发布公告 (not allowed to publish to this org)")],
                                        lastMutationSeq: refused.seq),
                           at: "\(TinyBankFixture.lastDate.adding(days: 1)) 09:05:00")
        shell.syncIssuesChanged()
    }
}

/// The status bar's sync segment on a replica: last sync and pending changes, refused changes, offline, a
/// revoked device; nothing new on an embedded database.
final class SyncStatusTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    private func statusBar(_ session: HeadlessSession) -> String {
        let rows = session.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return rows[session.grid.size.height - 2]
    }

    func testEmbeddedDatabaseShowsStandaloneAsBefore() throws {
        let shell = try TinyBankFixture.shell(as: .relationshipManager)
        XCTAssertNil(shell.backgroundSync.status)
        let session = HeadlessSession(shell, size: TestSize.small)
        XCTAssertTrue(statusBar(session).contains("单机"), statusBar(session))
        _ = shell.idle()
        XCTAssertNil(shell.backgroundSync.status, "an embedded database never syncs")
    }

    func testReplicaShowsTheLastSyncAndPendingChanges() throws {
        let (shell, replica) = try ReplicaFixture.shell()
        let session = HeadlessSession(shell, size: TestSize.small)
        XCTAssertTrue(statusBar(session).hasSuffix("│ 已同步 08:42 "), statusBar(session))
        XCTAssertTrue(shell.apply(PublishAnnouncement(id: "ann-1", title: "通知", body: "内容", pinned: false)))
        XCTAssertEqual(try replica.pendingCount(), 1)
        session.loop.draw()
        XCTAssertTrue(statusBar(session).hasSuffix("│ 已同步 08:42 · 待推送 1 "), statusBar(session))
        assertFills(session.grid)
        session.press(.character("L"))
        XCTAssertTrue(statusBar(session).hasSuffix("│ Synced 08:42 · 1 to push "), statusBar(session))
        assertFills(session.grid)
    }

    func testReplicaWithRefusedChangesCountsThem() throws {
        let (shell, replica) = try ReplicaFixture.shell()
        try ReplicaFixture.publishTwoAndRefuseOne(shell, replica)
        let session = HeadlessSession(shell, size: TestSize.small)
        XCTAssertEqual(shell.backgroundSync.status?.replica, ReplicaState(lastSync: ReplicaFixture.lastSync, pending: 1, issues: 1))
        XCTAssertTrue(statusBar(session).hasSuffix("│ 已同步 08:42 · 同步问题 1 · 待推送 1 "), statusBar(session))
        assertFills(session.grid)
    }

    func testOfflineSyncKeepsChangesPendingAndSaysOffline() throws {
        let (shell, _) = try ReplicaFixture.shell()
        XCTAssertTrue(shell.apply(PublishAnnouncement(id: "ann-1", title: "通知", body: "内容", pinned: false)))
        let session = HeadlessSession(shell, size: TestSize.small)
        try waitForSync(shell, until: .offline)
        session.loop.draw()
        XCTAssertTrue(statusBar(session).hasSuffix("│ 离线 · 待推送 1 "), statusBar(session))
        XCTAssertFalse(session.screen.contains("同步失败"), "offline is not an error toast\n\(session.screen)")
        assertFills(session.grid)
    }

    func testRevokedDeviceSaysTheDataWasWiped() throws {
        let (shell, _) = try ReplicaFixture.shell(sync: { throw SyncFailure("device_revoked", "设备已被注销") })
        let session = HeadlessSession(shell, size: TestSize.large)
        try waitForSync(shell, until: .revoked)
        session.loop.draw()
        XCTAssertTrue(session.screen.contains("本设备已被管理员注销，本机数据已清除"), session.screen)
        XCTAssertTrue(statusBar(session).hasSuffix("│ 设备已注销 "), statusBar(session))
        assertFills(session.grid)
    }

    func testAChangeAfterASyncStartsTheNextAtOnce() throws {
        let (shell, _) = try ReplicaFixture.shell()
        try waitForSync(shell, until: .offline)
        _ = shell.idle()
        XCTAssertEqual(shell.backgroundSync.status?.activity, .offline, "the next sync waits for the half minute")
        XCTAssertTrue(shell.apply(PublishAnnouncement(id: "ann-1", title: "通知", body: "内容", pinned: false)))
        _ = shell.idle()
        XCTAssertEqual(shell.backgroundSync.status?.activity, .syncing, "a change is synced at the next idle turn")
        try waitForSync(shell, until: .offline)
    }

    func testASuccessfulSyncShowsItsTimeAndClearsPending() throws {
        let database = ReplicaDatabaseBox()
        let (shell, replica) = try ReplicaFixture.shell(sync: {
            try await database.value?.writer.write { db in
                try SyncMeta.set("last_checkpoint", "\(TinyBankFixture.lastDate.adding(days: 1)) 09:00:05", db)
                try db.execute(sql: "UPDATE sys_outbox SET state = 'APPLIED' WHERE state = 'PENDING'")
            }
            var report = SyncClient.Report()
            report.rowsChanged = 1
            return report
        })
        database.value = replica.database
        XCTAssertTrue(shell.apply(PublishAnnouncement(id: "ann-1", title: "通知", body: "内容", pinned: false)))
        let session = HeadlessSession(shell, size: TestSize.small)
        XCTAssertTrue(statusBar(session).hasSuffix("│ 已同步 08:42 · 待推送 1 "), statusBar(session))
        try waitForSync(shell, until: .syncing)
        try waitForSync(shell, until: .idle)
        session.loop.draw()
        XCTAssertTrue(statusBar(session).hasSuffix("│ 已同步 09:00 "), statusBar(session))
        assertFills(session.grid)
    }

    func testSegmentDropsCountsBeforeTheActivityWhenNarrow() {
        let status = SyncStatus(activity: .offline, replica: ReplicaState(lastSync: nil, pending: 12, issues: 3))
        XCTAssertEqual(status.text(.chinese, now: "2025-04-01 09:00:00", width: 40), "离线 · 同步问题 3 · 待推送 12")
        XCTAssertEqual(status.text(.chinese, now: "2025-04-01 09:00:00", width: 20), "离线 · 同步问题 3")
        XCTAssertEqual(status.text(.english, now: "2025-04-01 09:00:00", width: 40), "Offline · 3 sync issues · 12 to push")
        let yesterday = SyncStatus(activity: .idle, replica: ReplicaState(lastSync: "2025-03-31 17:05:09", pending: 0, issues: 0))
        XCTAssertEqual(yesterday.text(.chinese, now: "2025-04-01 09:00:00", width: 40), "已同步 03-31 17:05")
        XCTAssertEqual(SyncStatus(activity: .syncing, replica: ReplicaState(lastSync: nil, pending: 0, issues: 0))
            .text(.chinese, now: "2025-04-01 09:00:00", width: 40), "同步中…")
    }

    func testDismissSetsDismissedAtOnceAndLeavesTheList() throws {
        let (shell, replica) = try ReplicaFixture.shell()
        try ReplicaFixture.publishTwoAndRefuseOne(shell, replica)
        let issue = try XCTUnwrap(try replica.openIssues().first)
        XCTAssertEqual(issue.name, "announcement.publish")
        XCTAssertTrue(try replica.dismissIssue(issue.mutationID))
        XCTAssertFalse(try replica.dismissIssue(issue.mutationID), "already dismissed")
        XCTAssertEqual(try replica.openIssues(), [])
        XCTAssertEqual(try replica.openIssueCount(), 0)
        let dismissedAt = try shell.services.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT dismissed_at FROM sync_issue WHERE mutation_id = ?", arguments: [issue.mutationID])
        }
        XCTAssertEqual(dismissedAt, "\(TinyBankFixture.lastDate.adding(days: 1)) 09:00:00")
        XCTAssertEqual(try replica.pendingCount(), 1, "dismissing is local bookkeeping: the outbox is untouched")
    }

    /// Turns the event loop's idle crank until the background sync ends in `activity` (at most 5 s).
    private func waitForSync(_ shell: AppShell, until activity: SyncActivity) throws {
        let deadline = Date().addingTimeInterval(5)
        while shell.backgroundSync.status?.activity != activity, Date() < deadline {
            _ = shell.idle()
            Thread.sleep(forTimeInterval: 0.01)
        }
        XCTAssertEqual(shell.backgroundSync.status?.activity, activity)
    }
}

/// The replica's database, handed to a sync closure made before the database exists.
final class ReplicaDatabaseBox: @unchecked Sendable {
    var value: AppDatabase?
}
